import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import {
  CONVERSION_OPTIONS,
  ConversionOption,
  DECLINE_OUTCOMES,
  DeclineOutcome,
  EQUITY_HOLDERS,
  EquityHolder,
  EquityTerms,
  Instalment,
  LICENCE_KINDS,
  LicenceKind,
  LicenceTerms,
  REPORTING_PERIODS,
  ReportingPeriod,
  ROYALTY_BASES,
  RoyaltyBase,
  RoyaltyTerms,
  SCHEDULE_ITEM_KINDS,
  SCHEDULE_ITEM_STATUSES,
  ScheduleItemKind,
  ScheduleItemStatus,
  ScheduleItemView,
  StagedPayment,
  TRANSFER_MODELS,
  TransferModel,
  TransferTerms,
  UseFirstTerms,
  YUAN_PATTERN,
} from '@ztt/contracts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

/** 元 with at most two decimals, as text; the field problem `terms_amount`. */
export function IsYuan(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'terms_amount', validator: { validate: (v: unknown) => typeof v === 'string' && YUAN_PATTERN.test(v) } }, options);
}

/** A percentage with at most two decimals, as text; the range is checked with the other rules (termsProblems). */
function IsPercent(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'terms_percent', validator: { validate: (v: unknown) => typeof v === 'string' && PERCENT_PATTERN.test(v) } }, options);
}

export function IsDay(): PropertyDecorator {
  return (target, key) => {
    Matches(DATE_PATTERN)(target, key);
    IsDateString()(target, key);
  };
}

/** What class-transformer falls back to for an unknown model: only `model`, refused. */
export class ContractTermsDto {
  @ApiProperty({ enum: TRANSFER_MODELS, description: 'transfer 转让 / licence 许可 / use_first 先用后转 / equity 作价入股' })
  @IsIn(TRANSFER_MODELS as readonly string[])
  model: TransferModel;
}

export class InstalmentDto implements Instalment {
  @ApiProperty({ example: '2026-12-20' }) @IsDay() dueOn: string;
  @ApiProperty({ description: '元', example: '500000.00' }) @IsYuan() amount: string;
  @ApiPropertyOptional({ description: '默认“第 N 期转让价款”' }) @IsOptional() @IsString() @MaxLength(100) label?: string;
}

export class TransferTermsDto implements TransferTerms {
  @ApiProperty({ enum: ['transfer'] }) @IsIn(['transfer']) model: 'transfer';
  @ApiProperty({ description: '转让价款（元）' }) @IsYuan() price: string;
  @ApiProperty({ type: [InstalmentDto], description: '分期付款，金额之和等于转让价款' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments: InstalmentDto[];
}

export class StagedPaymentDto implements StagedPayment {
  @ApiProperty({ description: '里程碑' }) @IsString() @IsNotEmpty() @MaxLength(100) milestone: string;
  @ApiProperty({ description: '预计到期日' }) @IsDay() dueOn: string;
  @ApiProperty({ description: '元' }) @IsYuan() amount: string;
}

export class RoyaltyDto implements RoyaltyTerms {
  @ApiProperty({ description: '提成比例（%），0–100，最多两位小数', example: '5.5' }) @IsPercent() rate: string;
  @ApiProperty({ enum: ROYALTY_BASES, description: '提成基数：销售额或利润' }) @IsIn(ROYALTY_BASES as readonly string[]) base: RoyaltyBase;
  @ApiProperty({ description: '每个许可年度的最低提成（元），无则 0' }) @IsYuan() minimumAnnual: string;
  @ApiProperty({ enum: REPORTING_PERIODS, description: '提成报告周期' }) @IsIn(REPORTING_PERIODS as readonly string[]) reportingPeriod: ReportingPeriod;
}

export class LicenceTermsDto implements LicenceTerms {
  @ApiProperty({ enum: ['licence'] }) @IsIn(['licence']) model: 'licence';
  @ApiProperty({ enum: LICENCE_KINDS, description: '独占 / 排他 / 普通许可' }) @IsIn(LICENCE_KINDS as readonly string[]) kind: LicenceKind;
  @ApiProperty({ description: '许可实施的领域' }) @IsString() @IsNotEmpty() @MaxLength(200) field: string;
  @ApiProperty({ description: '许可地域' }) @IsString() @IsNotEmpty() @MaxLength(200) territory: string;
  @ApiPropertyOptional({ description: '许可期起算日，默认签订日期' }) @IsOptional() @IsDay() startsOn?: string;
  @ApiProperty({ description: '许可期限（月）' }) @IsInt() @Min(1) @Max(600) termMonths: number;
  @ApiProperty({ description: '入门费（元），可为 0' }) @IsYuan() entryFee: string;
  @ApiPropertyOptional({ description: '入门费到期日，默认签订日期' }) @IsOptional() @IsDay() entryFeeDueOn?: string;
  @ApiProperty({ type: [StagedPaymentDto], description: '按里程碑分期支付（可为空）' })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => StagedPaymentDto)
  stagedPayments: StagedPaymentDto[];
  @ApiPropertyOptional({ type: RoyaltyDto, nullable: true, description: '提成；一次总付的许可不填' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoyaltyDto)
  royalty?: RoyaltyDto | null;
}

export class UseFirstTermsDto implements UseFirstTerms {
  @ApiProperty({ enum: ['use_first'] }) @IsIn(['use_first']) model: 'use_first';
  @ApiProperty({ description: '试用期开始' }) @IsDay() trialStartsOn: string;
  @ApiProperty({ description: '试用期结束，晚于开始' }) @IsDay() trialEndsOn: string;
  @ApiProperty({ description: '试用费（元），可为 0' }) @IsYuan() trialFee: string;
  @ApiProperty({ enum: CONVERSION_OPTIONS, isArray: true, description: '可转为许可或转让' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CONVERSION_OPTIONS as readonly string[], { each: true })
  conversionOptions: ConversionOption[];
  @ApiProperty({ description: '转化截止日期，晚于试用期结束' }) @IsDay() conversionDeadline: string;
  @ApiPropertyOptional({ description: '约定的转化价款（元）', nullable: true }) @IsOptional() @IsYuan() conversionPrice?: string | null;
  @ApiProperty({ enum: DECLINE_OUTCOMES, description: '不转化时：停止使用 / 转为普通有偿许可 / 其他（须说明）' })
  @IsIn(DECLINE_OUTCOMES as readonly string[])
  onDecline: DeclineOutcome;
  @ApiPropertyOptional({ description: '不转化的后果说明' }) @IsOptional() @IsString() @MaxLength(500) declineNote?: string;
}

export class EquityTermsDto implements EquityTerms {
  @ApiProperty({ enum: ['equity'] }) @IsIn(['equity']) model: 'equity';
  @ApiProperty({ description: '作价金额（元），大于 0' }) @IsYuan() valuation: string;
  @ApiProperty({ description: '评估机构或作价方式' }) @IsString() @IsNotEmpty() @MaxLength(200) valuedBy: string;
  @ApiProperty({ description: '持股比例（%），大于 0、小于 100', example: '15' }) @IsPercent() sharePercent: string;
  @ApiProperty({ enum: EQUITY_HOLDERS, description: '持股方：高校本身或其持股平台' }) @IsIn(EQUITY_HOLDERS as readonly string[]) holder: EquityHolder;
  @ApiPropertyOptional({ description: '持股平台名称（由持股平台持股时必填）' }) @IsOptional() @IsString() @MaxLength(200) holderName?: string;
  @ApiProperty({ description: '锁定期（月，自签订日期起），无则 0' }) @IsInt() @Min(0) @Max(240) lockUpMonths: number;
}

export const CONTRACT_TERMS_DTOS = [TransferTermsDto, LicenceTermsDto, UseFirstTermsDto, EquityTermsDto];
export type ContractTermsInput = TransferTermsDto | LicenceTermsDto | UseFirstTermsDto | EquityTermsDto;

/** class-transformer's discriminator: `model` picks the class the terms are validated as. */
export const TERMS_DISCRIMINATOR = {
  discriminator: {
    property: 'model',
    subTypes: [
      { value: TransferTermsDto, name: 'transfer' },
      { value: LicenceTermsDto, name: 'licence' },
      { value: UseFirstTermsDto, name: 'use_first' },
      { value: EquityTermsDto, name: 'equity' },
    ],
  },
  keepDiscriminatorProperty: true,
};

/** One line of a contract's fulfilment schedule, as GET /api/deals/:id/schedule answers it. */
export class ScheduleItemViewDto implements ScheduleItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '序号，从 1 起，按到期日排列' }) seq: number;
  @ApiProperty({ enum: SCHEDULE_ITEM_KINDS }) kind: ScheduleItemKind;
  @ApiProperty({ example: '2027-03-31', description: '到期日（北京时间日历）' }) dueOn: string;
  @ApiProperty({ type: String, nullable: true, example: '300000.00', description: '金额（元，精确小数）；事先不确定的（提成报告、期限）为空' }) amount: string | null;
  @ApiProperty() label: string;
  @ApiProperty({ enum: SCHEDULE_ITEM_STATUSES, description: 'due 待履行 / overdue 已逾期 / paid 已付清 / done 已完成 / lapsed 已失效（转化期限届满未决定）' })
  status: ScheduleItemStatus;
  @ApiProperty({ example: '100000.00', description: '收款方已确认的付款（元）' }) paidAmount: string;
  @ApiProperty({ example: '0.00', description: '付款方已登记、待收款方确认的付款（元）' }) pendingAmount: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: '付清、接受或决定之日' }) settledOn: string | null;
}
