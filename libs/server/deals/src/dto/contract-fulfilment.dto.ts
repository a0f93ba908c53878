import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  CONVERSION_OPTIONS,
  FulfilmentView,
  PAYMENT_STATUSES,
  PaymentDecisionInput,
  PaymentStatus,
  PaymentView,
  RecordPaymentInput,
  ROYALTY_BASES,
  ROYALTY_REPORT_STATUSES,
  RoyaltyDecisionInput,
  RoyaltyReportInput,
  RoyaltyReportStatus,
  RoyaltyReportView,
  TRIAL_OUTCOMES,
  TrialOutcome,
  TrialView,
} from '@ztt/contracts';
import { IsDay, IsYuan, ScheduleItemViewDto } from './contract-terms.dto';

export class RecordPaymentDto implements RecordPaymentInput {
  @ApiProperty({ format: 'uuid', description: '付款所对应的履约事项' }) @IsUUID() scheduleItemId: string;
  @ApiProperty({ description: '元，不超过该事项尚未付清的金额', example: '500000.00' }) @IsYuan() amount: string;
  @ApiProperty({ example: '2026-12-01', description: '付款日期（不早于签订日期，不晚于今天）' }) @IsDay() paidOn: string;
  @ApiPropertyOptional({ format: 'uuid', description: '付款凭证：先以 kind=payment_proof 上传到本对接的文件' }) @IsOptional() @IsUUID() proofDocumentId?: string;
}

export class PaymentDecisionDto implements PaymentDecisionInput {
  @ApiProperty({ enum: ['confirm', 'reject'] }) @IsIn(['confirm', 'reject']) decision: 'confirm' | 'reject';
  @ApiPropertyOptional({ maxLength: 1000, description: '退回时必填' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @ApiPropertyOptional({ description: '本次付款中给予成果完成人的奖酬（元），不超过付款金额', example: '350000.00' }) @IsOptional() @IsYuan() inventorShare?: string;
}

export class RoyaltyReportDto implements RoyaltyReportInput {
  @ApiProperty({ format: 'uuid', description: '对应的一期提成报告事项' }) @IsUUID() scheduleItemId: string;
  @ApiProperty({ description: '本期销售额或利润（元），按合同约定的提成基数', example: '2000000.00' }) @IsYuan() baseAmount: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RoyaltyDecisionDto implements RoyaltyDecisionInput {
  @ApiProperty({ enum: ['accept', 'dispute'] }) @IsIn(['accept', 'dispute']) decision: 'accept' | 'dispute';
  @ApiPropertyOptional({ maxLength: 1000, description: '提出异议时必填' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

/** One body for the three outcomes; the service checks what each needs. */
export class TrialDecisionDto {
  @ApiProperty({ enum: ['convert', 'extend', 'return'], description: 'convert 转为许可或转让（开启新的对接） / extend 延长试用 / return 不转化、退回' })
  @IsIn(['convert', 'extend', 'return'])
  outcome: 'convert' | 'extend' | 'return';
  @ApiPropertyOptional({ enum: CONVERSION_OPTIONS, description: 'convert 时必填' }) @IsOptional() @IsIn(CONVERSION_OPTIONS as readonly string[]) model?: 'licence' | 'transfer';
  @ApiPropertyOptional({ example: '2027-06-30', description: 'extend 时必填：新的试用期结束日' }) @IsOptional() @IsDay() trialEndsOn?: string;
  @ApiPropertyOptional({ example: '2027-09-30', description: 'extend 时必填：新的转化截止日' }) @IsOptional() @IsDay() conversionDeadline?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ContractPaymentViewDto implements PaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) scheduleItemId: string;
  @ApiProperty() scheduleLabel: string;
  @ApiProperty({ example: '500000.00' }) amount: string;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) proofDocumentId: string | null;
  @ApiProperty({ type: String, nullable: true }) proofFileName: string | null;
  @ApiProperty({ enum: PAYMENT_STATUSES, description: 'recorded 待确认 / confirmed 已确认 / rejected 已退回' }) status: PaymentStatus;
  @ApiProperty({ type: String, nullable: true }) recordedByName: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: '奖酬（元）' }) inventorShare: string | null;
}

export class RoyaltyReportViewDto implements RoyaltyReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) scheduleItemId: string;
  @ApiProperty() scheduleLabel: string;
  @ApiProperty({ example: '2000000.00' }) baseAmount: string;
  @ApiProperty({ enum: ROYALTY_BASES }) base: 'sales' | 'profit';
  @ApiProperty({ example: '5.00', description: '提成比例（%）' }) rate: string;
  @ApiProperty({ example: '100000.00', description: '基数 × 比例，四舍五入到分' }) royalty: string;
  @ApiProperty() note: string;
  @ApiProperty({ enum: ROYALTY_REPORT_STATUSES }) status: RoyaltyReportStatus;
  @ApiProperty({ type: String, nullable: true }) submittedByName: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) disputeReason: string | null;
}

export class TrialViewDto implements TrialView {
  @ApiProperty({ format: 'date' }) trialEndsOn: string;
  @ApiProperty({ format: 'date' }) conversionDeadline: string;
  @ApiProperty({ enum: TRIAL_OUTCOMES, nullable: true }) outcome: TrialOutcome | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '转化后开启的对接' }) convertedDealId: string | null;
  @ApiProperty() note: string;
}

class FulfilmentCanDto {
  @ApiProperty() recordPayment: boolean;
  @ApiProperty() confirmPayment: boolean;
  @ApiProperty() reportRoyalty: boolean;
  @ApiProperty() decideRoyalty: boolean;
  @ApiProperty() decideTrial: boolean;
}

class FulfilmentTotalsDto {
  @ApiProperty({ description: '应付合计（元）' }) due: string;
  @ApiProperty({ description: '已确认收款（元）' }) paid: string;
  @ApiProperty({ description: '逾期未付（元）' }) overdue: string;
}

export class FulfilmentViewDto implements FulfilmentView {
  @ApiProperty({ type: [ScheduleItemViewDto] }) schedule: ScheduleItemViewDto[];
  @ApiProperty({ type: [ContractPaymentViewDto] }) payments: ContractPaymentViewDto[];
  @ApiProperty({ type: [RoyaltyReportViewDto] }) royaltyReports: RoyaltyReportViewDto[];
  @ApiProperty({ type: TrialViewDto, nullable: true }) trial: TrialViewDto | null;
  @ApiProperty({ type: FulfilmentCanDto, description: '当前用户可做的操作' }) can: FulfilmentCanDto;
  @ApiProperty({ description: '成果为职务科技成果：确认收款时登记奖酬' }) serviceInvention: boolean;
  @ApiProperty({ type: FulfilmentTotalsDto }) totals: FulfilmentTotalsDto;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '本合同由该先用后转对接转化而来' }) convertedFromDealId: string | null;
}
