import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BrokerFigures,
  ContractValueQuarter,
  CountByKey,
  Dashboard,
  DASHBOARD_CHARTS,
  DashboardChart,
  DashboardFilters,
  EQUITY_HOLDERS,
  EquityDealFigures,
  EquityFigures,
  EquityHolder,
  FulfilmentFigures,
  FulfilmentQuarter,
  FunnelQuarter,
  HeatCell,
  INDUSTRY_CODES,
  ModelFigures,
  OverdueFigures,
  OverdueLine,
  QUARTER_PATTERN,
  REGION_CODES,
  TRANSFER_MODELS,
  TransferModel,
  TrialFigures,
} from '@ztt/contracts';
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

// ---- the dashboard's response (GET /api/admin/dashboard) -------------------------------------

class DashboardFiltersDto implements DashboardFilters {
  @ApiPropertyOptional({ example: '2026Q4' }) quarter?: string;
  @ApiPropertyOptional({ enum: INDUSTRY_CODES }) industry?: string;
  @ApiPropertyOptional({ enum: REGION_CODES }) region?: string;
}

class CountByKeyDto implements CountByKey {
  @ApiProperty({ description: '产业、县区代码或 TRL' }) key: string;
  @ApiProperty({ type: 'integer' }) needs: number;
  @ApiProperty({ type: 'integer' }) achievements: number;
  @ApiProperty({ type: 'integer' }) challenges: number;
}

class HeatCellDto implements HeatCell {
  @ApiProperty() chain: string;
  @ApiProperty() region: string;
  @ApiProperty({ type: 'integer' }) needs: number;
  @ApiProperty({ type: 'integer' }) achievements: number;
  @ApiProperty({ type: 'integer', description: '需求 − 成果，大于 0 表示成果供给不足' }) gap: number;
}

class FunnelRatesDto {
  @ApiProperty({ type: Number, nullable: true }) seen: number | null;
  @ApiProperty({ type: Number, nullable: true }) contacted: number | null;
  @ApiProperty({ type: Number, nullable: true }) deals: number | null;
  @ApiProperty({ type: Number, nullable: true }) signed: number | null;
  @ApiProperty({ type: Number, nullable: true }) registered: number | null;
}

class FunnelQuarterDto implements FunnelQuarter {
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ type: 'integer' }) matches: number;
  @ApiProperty({ type: 'integer' }) seen: number;
  @ApiProperty({ type: 'integer' }) contacted: number;
  @ApiProperty({ type: 'integer' }) deals: number;
  @ApiProperty({ type: 'integer' }) signed: number;
  @ApiProperty({ type: 'integer' }) registered: number;
  @ApiProperty({ type: FunnelRatesDto, description: '每一步相对上一步的转化率（%，一位小数；上一步为 0 时为空）' }) rates: FunnelRatesDto;
}

class ContractValueQuarterDto implements ContractValueQuarter {
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ type: 'integer' }) contracts: number;
  @ApiProperty({ example: '1234567.89', description: '登记合同成交额（元，精确小数）' }) value: string;
  @ApiProperty({ example: '1000000.00', description: '技术交易额（元）' }) techValue: string;
  @ApiProperty({ description: '年度累计（元）' }) cumulative: string;
}

export class ContractValueDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ type: String, nullable: true, description: '年度目标（元）' }) target: string | null;
  @ApiProperty({ type: [ContractValueQuarterDto] }) quarters: ContractValueQuarterDto[];
}

class BrokerFiguresDto implements BrokerFigures {
  @ApiProperty({ format: 'uuid' }) brokerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) matches: number;
  @ApiProperty({ type: 'integer' }) contacted: number;
  @ApiProperty({ type: 'integer' }) deals: number;
  @ApiProperty({ type: 'integer' }) signed: number;
  @ApiProperty({ type: 'integer' }) registered: number;
  @ApiProperty({ description: '登记合同额（元）' }) value: string;
}

class FulfilmentQuarterDto implements FulfilmentQuarter {
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ type: 'integer', description: '本季度签订的合同数（按签订日期）' }) contracts: number;
  @ApiProperty({ example: '1000000.00', description: '本季度签订合同的金额（元）' }) contracted: string;
  @ApiProperty({ example: '400000.00', description: '本季度实际到账：收款方已确认的付款（元，按付款日期）' }) received: string;
  @ApiProperty({ example: '105000.00', description: '到账中给完成人的奖酬（元）' }) inventorShare: string;
}

class OverdueLineDto implements OverdueLine {
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealTitle: string;
  @ApiProperty({ description: '履约事项' }) label: string;
  @ApiProperty({ example: '2026-10-31' }) dueOn: string;
  @ApiProperty({ example: '400000.00', description: '未付金额（元）：金额减去已确认的付款' }) outstanding: string;
}

class OverdueFiguresDto implements OverdueFigures {
  @ApiProperty({ type: 'integer', description: '逾期未付的付款事项数' }) count: number;
  @ApiProperty({ description: '逾期未付合计（元）' }) outstanding: string;
  @ApiProperty({ type: [OverdueLineDto], description: '逾期最久的在前，最多 20 项' }) lines: OverdueLineDto[];
}

class TrialFiguresDto implements TrialFigures {
  @ApiProperty({ type: 'integer', description: '先用后转合同数' }) started: number;
  @ApiProperty({ type: 'integer' }) converted: number;
  @ApiProperty({ type: 'integer' }) returned: number;
  @ApiProperty({ type: 'integer', description: '转化截止日已过未决定' }) lapsed: number;
  @ApiProperty({ type: 'integer', description: '试用中（含已延期）' }) running: number;
  @ApiProperty({ type: Number, nullable: true, description: '转化率：已转化 / 已决定（%，一位小数）；无已决定的为空' }) conversionRate: number | null;
}

class EquityDealDto implements EquityDealFigures {
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealTitle: string;
  @ApiProperty({ example: '2026-10-31' }) signedOn: string;
  @ApiProperty({ example: '5000000.00', description: '作价金额（元）' }) valuation: string;
  @ApiProperty({ example: '12.50', description: '持股比例（%）' }) sharePercent: string;
  @ApiProperty({ enum: EQUITY_HOLDERS }) holder: EquityHolder;
  @ApiProperty({ type: String, nullable: true, description: '持股平台名称' }) holderName: string | null;
  @ApiProperty({ description: '评估机构或作价方式' }) valuedBy: string;
}

class EquityFiguresDto implements EquityFigures {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ description: '作价金额合计（元）' }) valuation: string;
  @ApiProperty({ type: [EquityDealDto] }) deals: EquityDealDto[];
}

class ModelFiguresDto implements ModelFigures {
  @ApiProperty({ enum: TRANSFER_MODELS, nullable: true, description: '转化方式；为空：未填结构化条款' }) model: TransferModel | null;
  @ApiProperty({ type: 'integer' }) contracts: number;
  @ApiProperty({ description: '合同金额（元）' }) value: string;
}

class FulfilmentFiguresDto implements FulfilmentFigures {
  @ApiProperty({ type: 'integer', description: '季度图的年份（所选季度的年份，否则今年）' }) year: number;
  @ApiProperty({ type: 'integer', nullable: true, description: '试用、作价入股、转化方式统计的年份（所选季度的年份）；为空：全部' }) period: number | null;
  @ApiProperty({ type: [FulfilmentQuarterDto] }) quarters: FulfilmentQuarterDto[];
  @ApiProperty({ type: OverdueFiguresDto, description: '当前逾期未付' }) overdue: OverdueFiguresDto;
  @ApiProperty({ type: TrialFiguresDto }) trials: TrialFiguresDto;
  @ApiProperty({ type: EquityFiguresDto }) equity: EquityFiguresDto;
  @ApiProperty({ type: [ModelFiguresDto] }) byModel: ModelFiguresDto[];
}

export class DashboardDto implements Dashboard {
  @ApiProperty({ type: DashboardFiltersDto }) filters: DashboardFiltersDto;
  @ApiProperty({ type: [CountByKeyDto] }) byIndustry: CountByKeyDto[];
  @ApiProperty({ type: [CountByKeyDto] }) byRegion: CountByKeyDto[];
  @ApiProperty({ type: [CountByKeyDto] }) byTrl: CountByKeyDto[];
  @ApiProperty({ type: [HeatCellDto] }) heatmap: HeatCellDto[];
  @ApiProperty({ type: [FunnelQuarterDto] }) funnel: FunnelQuarterDto[];
  @ApiProperty({ type: ContractValueDto }) contractValue: ContractValueDto;
  @ApiProperty({ type: [BrokerFiguresDto] }) brokers: BrokerFiguresDto[];
  @ApiProperty({ type: FulfilmentFiguresDto, description: '合同履约：签订与到账、逾期、先用后转、作价入股、转化方式' }) fulfilment: FulfilmentFiguresDto;
}
