import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrganisationView, Page, PlatformRole } from '@ztt/contracts';
import { AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { DecideVerificationDto, OrganisationViewDto, VerificationPageDto, VerificationQueueQueryDto } from '../dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/verifications')
export class AdminVerificationController {
  constructor(private readonly orgs: OrganisationsService) {}

  @Get()
  @ApiOkResponse({ type: VerificationPageDto, description: '机构认证队列 / the verification queue' })
  queue(@Query() q: VerificationQueueQueryDto): Promise<Page<OrganisationView>> {
    return this.orgs.verificationQueue(q);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationViewDto })
  decide(@CurrentUser() user: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideVerificationDto): Promise<OrganisationView> {
    return this.orgs.decideVerification(user, id, dto.decision, dto.reason);
  }
}
