import { Body, Controller, Get, Param, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Dashboard, PlatformRole, PublicStats, QUARTER_PATTERN, QuarterlyReportView } from '@ztt/contracts';
import { AppException, AuthContext, CurrentUser, fileDownload, Public, PublicReadCache, RequireRoles, XLSX_MIME } from '@ztt/platform';
import { ChartParamDto, ContractTargetDto, ContractValueDto, DashboardDto, DashboardQueryDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';
import { ReportService } from './report.service';

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly reports: ReportService,
  ) {}

  @Get('dashboard')
  @ApiOkResponse({ type: DashboardDto, description: '科技局数据看板（可按季度、产业、县区筛选）' })
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
  @ApiOkResponse({ type: ContractValueDto, description: '设置年度技术合同成交额目标（元）' })
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
