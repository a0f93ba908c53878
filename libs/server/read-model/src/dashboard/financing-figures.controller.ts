import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { FinancingFigures, PlatformRole, ReferralStatus } from '@ztt/contracts';
import { RequireRoles } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { FinancingFiguresReader } from './financing-figures';

class FinancingQuarterRowDto {
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ example: 'loan', description: '融资方式' }) instrument: string;
  @ApiProperty({ description: '本季度发布的融资需求数' }) requestedCount: number;
  @ApiProperty({ example: '5000000.00', description: '本季度发布的融资需求金额合计（元）' }) requested: string;
  @ApiProperty({ description: '本季度达成（融资对接项目已完成）的笔数' }) arrangedCount: number;
  @ApiProperty({ example: '3000000.00', description: '本季度达成的融资金额合计（元）' }) arranged: string;
}

class FinancingReferralCountDto {
  @ApiProperty({ example: 'risk_compensation_pool' }) programme: string;
  @ApiProperty({ enum: ReferralStatus }) status: ReferralStatus;
  @ApiProperty() count: number;
}

class FinancingRoadshowCountsDto {
  @ApiProperty({ description: '已举办的路演' }) held: number;
  @ApiProperty({ description: '已举办路演中的路演项目' }) projects: number;
  @ApiProperty({ description: '跟进记录' }) followUps: number;
}

export class FinancingFiguresDto implements FinancingFigures {
  @ApiProperty({ type: [FinancingQuarterRowDto], description: '按季度和融资方式：融资需求与达成' }) quarters: FinancingQuarterRowDto[];
  @ApiProperty({ type: [FinancingReferralCountDto], description: '政策性金融转介：按项目和状态' }) referrals: FinancingReferralCountDto[];
  @ApiProperty({ type: FinancingRoadshowCountsDto }) roadshows: FinancingRoadshowCountsDto;
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/dashboard/financing')
export class FinancingFiguresController {
  private readonly reader: FinancingFiguresReader;

  constructor(@InjectDataSource() db: DataSource) {
    this.reader = new FinancingFiguresReader(db);
  }

  @Get()
  @ApiOkResponse({ type: FinancingFiguresDto, description: '科技金融：各季度各融资方式的需求与达成金额、政策转介、路演与跟进' })
  figures(): Promise<FinancingFigures> {
    return this.reader.figures();
  }
}
