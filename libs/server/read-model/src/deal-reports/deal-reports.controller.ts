import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiProduces, ApiTags } from '@nestjs/swagger';
import { beijingDate, BrokerPerformance, PlatformRole, RegistrationListEntry } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, fileDownload, RequireRoles, XLSX_MIME } from '@ztt/platform';
import { IsOptional, IsUUID } from 'class-validator';
import { DealReportsService } from './deal-reports.service';

const uuid = new ParseUUIDPipe();

export class PerformanceQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '平台管理员可查看任一经纪人' }) @IsOptional() @IsUUID() brokerId?: string;
}

// The operation ids are those these routes had in the deals lib: clients generated from the spec keep working.

/** What the deal desk reports to the people in a deal: a broker's performance, a contract's registration sheet. */
@ApiTags('deals')
@Authenticated()
@Controller('deals')
export class DealReportsController {
  constructor(private readonly reports: DealReportsService) {}

  @Get('performance')
  @ApiOperation({ operationId: 'Deals_performance' })
  @ApiOkResponse({ description: '经纪人业绩：各阶段在办数、匹配→对接→签约转化、各阶段平均天数、已登记合同额' })
  performance(@CurrentUser() user: AuthContext, @Query() q: PerformanceQueryDto): Promise<BrokerPerformance> {
    return this.reports.performance(user, q.brokerId);
  }

  @Get(':id/contract/sheet')
  @ApiOperation({ operationId: 'Deals_sheet' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '技术合同认定登记表（.xlsx）', schema: { type: 'string', format: 'binary' } })
  async sheet(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return fileDownload(await this.reports.registrationSheet(user, id), XLSX_MIME, '技术合同认定登记表.xlsx', 'contract-registration.xlsx');
  }
}

/** What the deal desk reports to the bureau: registered contracts and every broker's performance. */
@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class AdminDealReportsController {
  constructor(private readonly reports: DealReportsService) {}

  @Get('registrations')
  @ApiOperation({ operationId: 'AdminDeals_registrations' })
  @ApiOkResponse({ description: '技术合同登记列表' })
  registrations(): Promise<RegistrationListEntry[]> {
    return this.reports.registrations();
  }

  @Get('registrations/export')
  @ApiOperation({ operationId: 'AdminDeals_export' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '导出技术合同登记列表（.xlsx）', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentUser() user: AuthContext): Promise<StreamableFile> {
    const day = beijingDate();
    return fileDownload(await this.reports.exportRegistrations(user), XLSX_MIME, `技术合同登记-${day}.xlsx`, `contract-registrations-${day}.xlsx`);
  }

  @Get('deal-performance')
  @ApiOperation({ operationId: 'AdminDeals_performance' })
  @ApiOkResponse({ description: '所有经纪人的业绩' })
  performance(@CurrentUser() user: AuthContext): Promise<BrokerPerformance[]> {
    return this.reports.allPerformance(user);
  }
}
