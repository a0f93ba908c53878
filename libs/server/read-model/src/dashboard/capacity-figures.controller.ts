import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CapacityDashboardView, PlatformRole, QUARTER_PATTERN, quarterOf } from '@ztt/contracts';
import { RequireRoles } from '@ztt/platform';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { CapacityFiguresReader } from './capacity-figures';

export class CapacityFiguresQueryDto {
  @ApiPropertyOptional({ example: '2026Q4', description: '季度（默认本季度）' }) @IsOptional() @Matches(QUARTER_PATTERN) quarter?: string;
}

class CapacityProviderFiguresDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '中试平台；机构自有仪器（不属于平台）时为 null' }) providerId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: ['pilot_base', 'poc_centre', 'open_line', 'instruments'] }) kind: string;
  @ApiProperty({ example: '12.50', description: '已批准与已完成的预约时长（小时）' }) bookedHours: string;
  @ApiProperty({ example: '520.00', description: '仪器开放时长（小时）' }) openHours: string;
  @ApiProperty({ type: String, nullable: true, example: '2.40', description: '利用率（%，两位小数）；无仪器时为 null' }) utilisation: string | null;
  @ApiProperty({ description: '本季度安排或完成的验证/中试' }) runs: number;
  @ApiProperty() ratingCount: number;
  @ApiProperty({ type: String, nullable: true, example: '4.67' }) ratingAverage: string | null;
}

class TrlMoveDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) achievementId: string;
  @ApiProperty() achievementTitle: string;
  @ApiProperty() providerName: string;
  @ApiProperty() trlBefore: number;
  @ApiProperty() trlReached: number;
  @ApiProperty({ format: 'date-time' }) completedAt: string;
}

export class CapacityDashboardDto {
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ type: [CapacityProviderFiguresDto] }) providers: CapacityProviderFiguresDto[];
  @ApiProperty({ type: [TrlMoveDto], description: '验证后技术成熟度提升的成果' }) trlMoves: TrlMoveDto[];
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/dashboard/capacity')
export class CapacityFiguresController {
  private readonly reader: CapacityFiguresReader;

  constructor(@InjectDataSource() db: DataSource) {
    this.reader = new CapacityFiguresReader(db);
  }

  @Get()
  @ApiOkResponse({ type: CapacityDashboardDto, description: '中试与仪器共享：各平台的仪器利用率、验证次数与满意度；验证后技术成熟度提升的成果' })
  figures(@Query() q: CapacityFiguresQueryDto): Promise<CapacityDashboardView> {
    return this.reader.figures(q.quarter ?? quarterOf(new Date()));
  }
}
