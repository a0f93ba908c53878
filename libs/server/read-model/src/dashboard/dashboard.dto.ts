import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DASHBOARD_CHARTS, DashboardChart, INDUSTRY_CODES, QUARTER_PATTERN, REGION_CODES } from '@ztt/contracts';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class DashboardQueryDto {
  @ApiPropertyOptional({ example: '2026Q4' }) @IsOptional() @Matches(QUARTER_PATTERN) quarter?: string;
  @ApiPropertyOptional({ enum: INDUSTRY_CODES }) @IsOptional() @IsIn(INDUSTRY_CODES as string[]) industry?: string;
  @ApiPropertyOptional({ enum: REGION_CODES }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string;
}

export class ChartParamDto {
  @ApiProperty({ enum: DASHBOARD_CHARTS }) @IsIn(DASHBOARD_CHARTS as readonly string[] as string[]) chart: DashboardChart;
}

export class ContractTargetDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ description: '年度技术合同成交额目标（元）', example: '50000000.00' }) @Matches(/^\d{1,14}(\.\d{1,2})?$/) amount: string;
}
