import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CampaignProgress, CampaignReminderResult, CampaignView, Dashboard, PlatformRole, PublicStats, QUARTER_PATTERN, QuarterlyReportView } from '@ztt/contracts';
import { AppException, AuthContext, CurrentUser, fileDownload, Public, PublicReadCache, RequireRoles, XLSX_MIME } from '@ztt/platform';
import { CampaignsService } from './campaigns.service';
import { DashboardService } from './dashboard.service';
import { CampaignDto, ChartParamDto, ContractTargetDto, DashboardQueryDto, InviteDto, UpdateCampaignDto } from './dto/campaign.dto';
import { ReportService } from './report.service';

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

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly reports: ReportService,
  ) {}

  @Get('dashboard')
  @ApiOkResponse({ description: '科技局数据看板（可按季度、产业、县区筛选）' })
  get(@Query() q: DashboardQueryDto): Promise<Dashboard> {
    return this.dashboard.dashboard({ quarter: q.quarter, industry: q.industry, region: q.region });
  }

  @Get('dashboard/export/:chart')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '导出图表数据（.xlsx）', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentUser() user: AuthContext, @Param() p: ChartParamDto, @Query() q: DashboardQueryDto): Promise<StreamableFile> {
    const data = await this.dashboard.exportChart(user, p.chart, { quarter: q.quarter, industry: q.industry, region: q.region });
    return fileDownload(data, XLSX_MIME, `数据看板-${p.chart}.xlsx`, `dashboard-${p.chart}.xlsx`);
  }

  @Put('dashboard/contract-target')
  @ApiOkResponse({ description: '设置年度技术合同成交额目标（元）' })
  target(@CurrentUser() user: AuthContext, @Body() dto: ContractTargetDto): Promise<Dashboard['contractValue']> {
    return this.dashboard.setTarget(user, dto.year, dto.amount);
  }

  @Get('reports')
  @ApiOkResponse({ description: '季度报告列表' })
  list(): Promise<QuarterlyReportView[]> {
    return this.reports.list();
  }

  @Get('reports/:quarter/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '季度报告（PDF）', schema: { type: 'string', format: 'binary' } })
  async pdf(@Param('quarter') quarter: string): Promise<StreamableFile> {
    if (!QUARTER_PATTERN.test(quarter)) throw AppException.notFound();
    return fileDownload(await this.reports.pdf(quarter), 'application/pdf', `季度报告-${quarter}.pdf`, `report-${quarter}.pdf`);
  }
}

@ApiTags('public')
@Controller('public')
export class PublicStatsController {
  constructor(private readonly dashboard: DashboardService) {}

  @Public()
  @PublicReadCache(30)
  @Get('stats')
  @ApiOkResponse({ description: '公开统计：已发布的需求、成果、榜单数，按产业、县区' })
  stats(): Promise<PublicStats> {
    return this.dashboard.publicStats();
  }
}
