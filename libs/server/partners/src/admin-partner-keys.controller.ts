import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreatedPartnerKey, Page, PartnerKeyView, PartnerUsageEntry, PlatformRole } from '@ztt/contracts';
import { AuthContext, CurrentUser, PageQueryDto, RequireRoles } from '@ztt/platform';
import { CreatedPartnerKeyDto, CreatePartnerKeyDto, PartnerKeyDto, PartnerKeyPageDto, PartnerUsagePageDto, UsageQueryDto } from './dto/partner.dto';
import { PartnerKeysService } from './partner-keys.service';

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/partner-keys')
export class AdminPartnerKeysController {
  constructor(private readonly keys: PartnerKeysService) {}

  @Get()
  @ApiOkResponse({ type: PartnerKeyPageDto, description: '合作机构 API 密钥（不含密钥本身）' })
  list(@Query() q: PageQueryDto): Promise<Page<PartnerKeyView>> {
    return this.keys.list(q.page, q.pageSize);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedPartnerKeyDto, description: '签发密钥：完整密钥仅此一次返回' })
  create(@CurrentUser() user: AuthContext, @Body() dto: CreatePartnerKeyDto): Promise<CreatedPartnerKey> {
    return this.keys.create(user, dto);
  }

  @Get('usage')
  @ApiOkResponse({ type: PartnerUsagePageDto, description: '调用记录，最新的在前' })
  usage(@Query() q: UsageQueryDto): Promise<Page<PartnerUsageEntry>> {
    return this.keys.usage(q);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: PartnerKeyDto, description: '吊销密钥，立即生效；已吊销时 409' })
  revoke(@CurrentUser() user: AuthContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<PartnerKeyView> {
    return this.keys.revoke(user, id);
  }
}
