import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CampaignProgress, CampaignReminderResult, CampaignView, PlatformRole } from '@ztt/contracts';
import { AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { CampaignsService } from './campaigns.service';
import { CampaignDto, InviteDto, UpdateCampaignDto } from './dto/campaign.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOkResponse({ description: '征集批次列表' })
  list(): Promise<CampaignView[]> {
    return this.campaigns.list();
  }

  @Post()
  @ApiCreatedResponse({ description: '新建征集批次（草稿）' })
  create(@CurrentUser() user: AuthContext, @Body() dto: CampaignDto): Promise<CampaignView> {
    return this.campaigns.create(user, dto);
  }

  @Get(':id')
  @ApiOkResponse({ description: '征集批次' })
  get(@Param('id', uuid) id: string): Promise<CampaignView> {
    return this.campaigns.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ description: '修改草稿或进行中的批次；版本过期时 409' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateCampaignDto): Promise<CampaignView> {
    return this.campaigns.update(user, id, dto);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOkResponse({ description: '开启征集并发出邀请；已有进行中的批次时 409' })
  open(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<CampaignView> {
    return this.campaigns.open(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ description: '截止征集，生成季度报告' })
  close(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<CampaignView> {
    return this.campaigns.close(user, id);
  }

  @Post(':id/invitations')
  @HttpCode(200)
  @ApiOkResponse({ description: '按机构类型、地区、产业或编号邀请已认证机构' })
  invite(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: InviteDto): Promise<{ invited: number; total: number }> {
    return this.campaigns.invite(user, id, dto);
  }

  @Get(':id/progress')
  @ApiOkResponse({ description: '征集进度：按县区、产业、机构对比目标，以及未响应的受邀机构' })
  progress(@Param('id', uuid) id: string): Promise<CampaignProgress> {
    return this.campaigns.progress(id);
  }

  @Post(':id/remind')
  @HttpCode(200)
  @ApiOkResponse({ description: '一键提醒未提交的受邀机构（同一天重复点击不会重复提醒）' })
  remind(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<CampaignReminderResult> {
    return this.campaigns.remindLaggards(user, id);
  }
}
