import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  KPI_CODES,
  KPI_KINDS,
  KPI_MEASURES,
  KPI_REGION_CODES,
  KPI_STATUSES,
  KPI_UNITS,
  KPI_VALUE_PATTERN,
  KPI_YEARS,
  KpiActualView,
  KpiAllocation,
  KpiCode,
  KpiCountyFigures,
  KpiIndicatorView,
  KpiKind,
  KpiMeasure,
  KpiRegister,
  KpiStatus,
  KpiTrackPoint,
  KpiUnit,
  QUARTER_PATTERN,
} from '@ztt/contracts';

export class KpiQueryDto {
  @ApiPropertyOptional({ example: '2026Q4', description: '季度（默认本季度）' }) @IsOptional() @Matches(QUARTER_PATTERN) quarter?: string;
  @ApiPropertyOptional({ enum: KPI_REGION_CODES, description: '县（市、区）：显示该地的分解目标与实际' }) @IsOptional() @IsIn(KPI_REGION_CODES as string[]) region?: string;
}

export class KpiCodeParamDto {
  @ApiProperty({ enum: KPI_CODES, description: '指标代码（未知的代码为 404）' }) @IsString() code: string;
}

export class KpiTargetParamDto extends KpiCodeParamDto {
  @ApiProperty({ enum: KPI_YEARS, example: 2026 }) @Type(() => Number) @IsInt() @Min(2026) @Max(2030) year: number;
}

export class KpiAllocationDto implements KpiAllocation {
  @ApiProperty({ enum: KPI_REGION_CODES }) @IsIn(KPI_REGION_CODES as string[]) region: string;
  @ApiProperty({ example: '20', description: '分解到该县（市、区）的年度目标' }) @Matches(KPI_VALUE_PATTERN) target: string;
}

export class KpiTargetDto {
  @ApiProperty({ example: '420', description: '年度目标（指标单位；金额为元，比例为 %）' }) @Matches(KPI_VALUE_PATTERN) target: string;
  @ApiProperty({ type: [KpiAllocationDto], description: '按县（市、区）分解；给出的分解替换该年原有的分解' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => KpiAllocationDto)
  allocations: KpiAllocationDto[];
}

/** The fields of an entered actual: in the query string, beside the multipart evidence file. */
export class KpiActualFieldsDto {
  @ApiProperty({ example: '2026Q3', description: '季度（规划期内已开始的季度）' }) @Matches(QUARTER_PATTERN) quarter: string;
  @ApiProperty({ example: '412', description: '实际值（指标单位）' }) @Matches(KPI_VALUE_PATTERN) value: string;
  @ApiPropertyOptional({ enum: KPI_REGION_CODES, description: '县（市、区）；不填为全市' }) @IsOptional() @IsIn(KPI_REGION_CODES as string[]) region?: string;
  @ApiPropertyOptional({ maxLength: 500, description: '说明（如数据口径、更正原因）' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

// ---- responses -----------------------------------------------------------------------------

class KpiTrackPointDto implements KpiTrackPoint {
  @ApiProperty({ example: '2026Q3' }) quarter: string;
  @ApiProperty({ type: String, nullable: true, description: '该季度末的实际值' }) actual: string | null;
  @ApiProperty({ description: '直线进度下该季度末的预期值' }) expected: string;
}

class KpiAllocationViewDto implements KpiAllocation {
  @ApiProperty() region: string;
  @ApiProperty() target: string;
}

class KpiCountyFiguresDto implements KpiCountyFigures {
  @ApiProperty() region: string;
  @ApiProperty({ type: String, nullable: true }) allocation: string | null;
  @ApiProperty({ type: String, nullable: true }) actual: string | null;
}

class KpiIndicatorDto implements KpiIndicatorView {
  @ApiProperty({ enum: KPI_CODES }) code: KpiCode;
  @ApiProperty({ example: '高新技术企业数' }) name: string;
  @ApiProperty({ example: 'High-tech enterprises' }) nameEn: string;
  @ApiProperty({ enum: KPI_UNITS }) unit: KpiUnit;
  @ApiProperty({ enum: KPI_KINDS, description: 'constraint 约束性；expected 预期性' }) kind: KpiKind;
  @ApiProperty({ enum: KPI_MEASURES, description: 'level 季末存量；annual 年内累计' }) measure: KpiMeasure;
  @ApiProperty() source: string;
  @ApiProperty() sourceEn: string;
  @ApiProperty({ description: '平台自动计算（否则由管理员按季度填报并附佐证材料）' }) computed: boolean;
  @ApiProperty({ description: '可按县（市、区）统计' }) byCounty: boolean;
  @ApiProperty({ example: '380.00', description: '2025 年基数（演示数据，待科技局核定）' }) baseline: string;
  @ApiProperty({ example: '500.00' }) target2030: string;
  @ApiProperty({ type: String, nullable: true, description: '区间目标的上限（如 3–5 个）' }) target2030Max: string | null;
  @ApiProperty({ type: String, nullable: true }) yearTarget: string | null;
  @ApiProperty({ type: String, nullable: true, description: '截至季度末的实际值（年内累计指标为本年累计）' }) actual: string | null;
  @ApiProperty({ type: String, nullable: true }) actualQuarter: string | null;
  @ApiProperty({ description: '从 2025 年基数到 2030 年目标的直线上，该季度末的预期值' }) expected: string;
  @ApiProperty({ enum: KPI_STATUSES, description: 'ahead 超前（高于预期 5% 以上）；on_track 正常；behind 滞后（低于预期 5% 以上）；no_data 无数据' }) status: KpiStatus;
  @ApiProperty({ type: [KpiTrackPointDto] }) track: KpiTrackPointDto[];
  @ApiProperty({ type: [KpiAllocationViewDto], description: '本年按县（市、区）分解' }) allocations: KpiAllocationViewDto[];
  @ApiProperty({ type: KpiCountyFiguresDto, nullable: true }) county: KpiCountyFiguresDto | null;
}

export class KpiRegisterDto implements KpiRegister {
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: [KpiIndicatorDto] }) indicators: KpiIndicatorDto[];
}

export class KpiActualDto implements KpiActualView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: KPI_CODES }) code: KpiCode;
  @ApiProperty({ example: '2026Q3' }) quarter: string;
  @ApiProperty({ type: String, nullable: true, description: '县（市、区）；空为全市' }) region: string | null;
  @ApiProperty() value: string;
  @ApiProperty() note: string;
  @ApiProperty({ description: '佐证材料文件名' }) evidenceName: string;
  @ApiProperty() enteredBy: string;
  @ApiProperty() enteredByName: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: '被更正时间（更正后的新记录取代本条）' }) supersededAt: string | null;
}
