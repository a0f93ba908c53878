import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  AMOUNT_PATTERN,
  BookingStatus,
  CAPACITY_KINDS,
  CAPACITY_LIMITS as L,
  CapacityKind,
  CapacityStatus,
  CHAIN_CODES,
  PRICE_BASES,
  PriceBasis,
  REGION_CODES,
  RunStatus,
  SLOT_MINUTES,
  TIME_PATTERN,
} from '@ztt/contracts';
import { PageOf, PageQueryDto } from '@ztt/platform';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- input ------------------------------------------------------------------------------------

export class OpeningHoursDto {
  @ApiProperty({ example: '08:30' }) @Matches(TIME_PATTERN) open: string;
  @ApiProperty({ example: '17:30' }) @Matches(TIME_PATTERN) close: string;
}

export class CapacityProviderInputDto {
  @ApiProperty({ format: 'uuid', description: '所属机构（须为其成员）' }) @IsUUID() orgId: string;
  @ApiProperty({ enum: CAPACITY_KINDS, description: '中试基地 pilot_base / 概念验证中心 poc_centre / 开放产线 open_line' }) @IsIn(CAPACITY_KINDS as string[]) kind: CapacityKind;
  @ApiProperty({ example: '湛江海洋生物中试基地', maxLength: L.nameLength }) @IsString() @MaxLength(L.nameLength) name: string;
  @ApiProperty({ example: '海洋生物活性物质提取、发酵放大与冻干制剂中试', maxLength: L.textLength }) @IsString() @MaxLength(L.textLength) capabilities: string;
  @ApiProperty({ type: [String], example: ['冻干', '发酵'] })
  @IsArray()
  @ArrayMaxSize(L.tagsMax)
  @IsString({ each: true })
  @MaxLength(L.tagLength, { each: true })
  tags: string[];
  @ApiProperty({ enum: CHAIN_CODES, isArray: true, example: ['marine.biomed'] })
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ minimum: 1, maximum: 9, example: 4 }) @IsInt() @Min(1) @Max(9) trlMin: number;
  @ApiProperty({ minimum: 1, maximum: 9, example: 7 }) @IsInt() @Min(1) @Max(9) trlMax: number;
  @ApiProperty({ example: '500 L 发酵罐 2 台', maxLength: L.shortLength }) @IsString() @MaxLength(L.shortLength) scale: string;
  @ApiProperty({ example: '每批 200 L', maxLength: L.shortLength }) @IsString() @MaxLength(L.shortLength) batchSize: string;
  @ApiProperty({ enum: PRICE_BASES, description: '按批次 batch / 按天 day / 按小时 hour / 面议 negotiable' }) @IsIn(PRICE_BASES as string[]) priceBasis: PriceBasis;
  @ApiPropertyOptional({ type: String, nullable: true, example: '20000.00', description: '元；面议时可不填' })
  @IsOptional()
  @Matches(AMOUNT_PATTERN)
  priceAmount?: string | null;
  @ApiProperty({ example: '陈工', maxLength: 100 }) @IsString() @MaxLength(100) contactName: string;
  @ApiProperty({ example: '0759-1234567', maxLength: 50 }) @IsString() @MaxLength(50) contactPhone: string;
  @ApiProperty({ example: 'pilot@demo.zj.cn', maxLength: 200 }) @IsString() @MaxLength(200) contactEmail: string;
  @ApiProperty({ enum: REGION_CODES, example: 'mazhang' }) @IsIn(REGION_CODES as string[]) region: string;
  @ApiProperty({ example: '湛江市麻章区海洋大道 1 号', maxLength: L.shortLength }) @IsString() @MaxLength(L.shortLength) address: string;
}

@ApiExtraModels(OpeningHoursDto)
export class InstrumentInputDto {
  @ApiProperty({ format: 'uuid', description: '所属机构（须为其成员）' }) @IsUUID() orgId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: '所属中试平台（本机构的）' }) @IsOptional() @IsUUID() providerId?: string | null;
  @ApiProperty({ example: '液相色谱-质谱联用仪', maxLength: L.nameLength }) @IsString() @MaxLength(L.nameLength) name: string;
  @ApiProperty({ example: 'LCMS-8060', maxLength: 100 }) @IsString() @MaxLength(100) model: string;
  @ApiProperty({ example: '岛津', maxLength: 100 }) @IsString() @MaxLength(100) maker: string;
  @ApiProperty({ example: '小分子定量、代谢物分析', maxLength: L.textLength }) @IsString() @MaxLength(L.textLength) capabilities: string;
  @ApiProperty({ type: [String], example: ['质谱', '定量'] })
  @IsArray()
  @ArrayMaxSize(L.tagsMax)
  @IsString({ each: true })
  @MaxLength(L.tagLength, { each: true })
  tags: string[];
  @ApiProperty({ example: '中试基地 2 号楼 201', maxLength: L.shortLength }) @IsString() @MaxLength(L.shortLength) location: string;
  @ApiProperty({ example: '300.00', description: '每小时收费（元）' }) @Matches(AMOUNT_PATTERN) hourlyRate: string;
  @ApiProperty({
    type: 'array',
    items: { nullable: true, allOf: [{ $ref: getSchemaPath(OpeningHoursDto) }] },
    minItems: 7,
    maxItems: 7,
    description: '周一至周日的开放时间（北京时间），不开放的一天为 null；共 7 项',
  })
  @IsArray()
  @ArrayMinSize(7)
  @ArrayMaxSize(7)
  openingHours: (OpeningHoursDto | null)[];
  @ApiProperty({ example: 1, description: '每次最短时长（小时）' }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.25) @Max(24) minHours: number;
  @ApiProperty({ example: 8, description: '每次最长时长（小时）' }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.25) @Max(24) maxHours: number;
  @ApiProperty({ enum: SLOT_MINUTES, example: 30, description: '时段粒度（分钟）' }) @IsIn(SLOT_MINUTES as unknown as number[]) slotMinutes: number;
  @ApiProperty({ example: 24, description: '须提前预约的小时数' }) @IsInt() @Min(0) @Max(720) leadHours: number;
  @ApiProperty({ description: '预约是否须经平台方审批' }) @IsBoolean() approvalRequired: boolean;
}

export class CapacityDirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAPACITY_KINDS }) @IsOptional() @IsIn(CAPACITY_KINDS as string[]) kind?: CapacityKind;
  @ApiPropertyOptional({ enum: CHAIN_CODES }) @IsOptional() @IsIn(CHAIN_CODES as string[]) chain?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: '服务的技术成熟度（在平台的 TRL 区间内）' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(9) trl?: number;
  @ApiPropertyOptional({ enum: REGION_CODES }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string;
  @ApiPropertyOptional({ maxLength: 100, description: '关键词（名称、能力、标签）' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class InstrumentDirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: '关键词（名称、型号、能力、标签）' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() instrumentId: string;
  @ApiProperty({ example: '2026-12-20', description: '日期（北京时间）' }) @Matches(DATE) date: string;
  @ApiProperty({ example: '09:00', description: '开始时间（北京时间）' }) @IsString() @MaxLength(5) start: string;
  @ApiProperty({ example: '11:00', description: '结束时间（北京时间）' }) @IsString() @MaxLength(5) end: string;
  @ApiPropertyOptional({ example: '岩藻多糖样品纯度检测', maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) purpose?: string;
}

export class CapacityReasonDto {
  @ApiProperty({ example: '该时段设备维护', maxLength: L.reasonLength }) @IsString() @MaxLength(L.reasonLength) reason: string;
}

export class CapacityCancelDto {
  @ApiPropertyOptional({ maxLength: L.reasonLength }) @IsOptional() @IsString() @MaxLength(L.reasonLength) reason?: string;
}

export class CompleteBookingDto {
  @ApiProperty({ example: 2, description: '实际使用时长（小时）' }) @IsNumber({ maxDecimalPlaces: 2 }) hoursUsed: number;
}

export class CapacityRatingDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 }) @IsInt() @Min(1) @Max(5) score: number;
  @ApiPropertyOptional({ maxLength: L.commentLength, example: '检测及时，报告规范' }) @IsOptional() @IsString() @MaxLength(L.commentLength) comment?: string;
}

export class CreateRunDto {
  @ApiProperty({ format: 'uuid', description: '中试基地/概念验证中心/开放产线' }) @IsUUID() providerId: string;
  @ApiProperty({ format: 'uuid', description: '本机构的科技成果' }) @IsUUID() achievementId: string;
  @ApiProperty({ example: '验证 200 L 规模发酵工艺的稳定性', maxLength: L.textLength }) @IsString() @MaxLength(L.textLength) goal: string;
  @ApiProperty({ example: '2027-01-05' }) @Matches(DATE) wishFrom: string;
  @ApiProperty({ example: '2027-02-28' }) @Matches(DATE) wishTo: string;
}

export class ApproveRunDto {
  @ApiProperty({ example: '2027-01-10' }) @Matches(DATE) scheduledFrom: string;
  @ApiProperty({ example: '2027-02-20' }) @Matches(DATE) scheduledTo: string;
}

export class CompleteRunDto {
  @ApiProperty({ example: '三批次放大稳定，收率 85%', maxLength: L.textLength }) @IsString() @MaxLength(L.textLength) result: string;
  @ApiProperty({ minimum: 1, maximum: 9, example: 6 }) @IsInt() @Min(1) @Max(9) trlReached: number;
}

export class CapacityReviewDto {
  @ApiProperty({ enum: ['publish', 'reject'] }) @IsIn(['publish', 'reject']) decision: 'publish' | 'reject';
  @ApiPropertyOptional({ maxLength: L.reasonLength, description: '退回时必填' }) @IsOptional() @IsString() @MaxLength(L.reasonLength) reason?: string;
}

// ---- output -----------------------------------------------------------------------------------

export class RatingSummaryDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: String, nullable: true, description: '平均满意度（两位小数）；不足 3 条评价时为 null' }) average: string | null;
}

export class ContactDto {
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
  @ApiProperty() email: string;
}

export class OpeningHoursViewDto {
  @ApiProperty() open: string;
  @ApiProperty() close: string;
}

@ApiExtraModels(OpeningHoursViewDto)
export class BookingRulesDto {
  @ApiProperty({
    type: 'array',
    items: { nullable: true, allOf: [{ $ref: getSchemaPath(OpeningHoursViewDto) }] },
    minItems: 7,
    maxItems: 7,
    description: '周一至周日；null 为不开放',
  })
  openingHours: (OpeningHoursViewDto | null)[];
  @ApiProperty() minHours: number;
  @ApiProperty() maxHours: number;
  @ApiProperty() slotMinutes: number;
  @ApiProperty() leadHours: number;
  @ApiProperty() approvalRequired: boolean;
}

export class CapacityProviderCardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: CapacityKind }) kind: CapacityKind;
  @ApiProperty() name: string;
  @ApiProperty() capabilities: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty() trlMin: number;
  @ApiProperty() trlMax: number;
  @ApiProperty() scale: string;
  @ApiProperty() batchSize: string;
  @ApiProperty({ enum: PriceBasis }) priceBasis: PriceBasis;
  @ApiProperty({ type: String, nullable: true }) priceAmount: string | null;
  @ApiProperty() region: string;
  @ApiProperty() address: string;
  @ApiProperty({ enum: CapacityStatus }) status: CapacityStatus;
  @ApiProperty({ type: RatingSummaryDto }) rating: RatingSummaryDto;
  @ApiProperty() instrumentCount: number;
}

export class InstrumentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) providerId: string | null;
  @ApiProperty({ type: String, nullable: true }) providerName: string | null;
  @ApiProperty() name: string;
  @ApiProperty() model: string;
  @ApiProperty() maker: string;
  @ApiProperty() capabilities: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() location: string;
  @ApiProperty({ description: '每小时收费（元）' }) hourlyRate: string;
  @ApiProperty({ type: BookingRulesDto }) rules: BookingRulesDto;
  @ApiProperty({ enum: CapacityStatus }) status: CapacityStatus;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: '省平台编号（留待与省科技资源共享平台同步）' }) provincialCode: string | null;
  @ApiProperty({ type: String, nullable: true }) provincialCategory: string | null;
  @ApiProperty({ type: String, nullable: true }) operatorCreditCode: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) provincialSyncedAt: string | null;
}

export class BusySlotDto {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
}

export class InstrumentDetailDto extends InstrumentViewDto {
  @ApiProperty({ type: [BusySlotDto], description: '已被预约（待审批或已批准）的时段' }) busy: BusySlotDto[];
}

export class CapacityProviderDetailDto extends CapacityProviderCardDto {
  @ApiProperty({ type: ContactDto, nullable: true, description: '联系方式：仅登录用户可见' }) contact: ContactDto | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: [InstrumentViewDto] }) instruments: InstrumentViewDto[];
  @ApiProperty({ type: String, nullable: true, description: '省平台编号（留待与省科技资源共享平台同步）' }) provincialCode: string | null;
  @ApiProperty({ type: String, nullable: true }) provincialCategory: string | null;
  @ApiProperty({ type: String, nullable: true }) operatorCreditCode: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) provincialSyncedAt: string | null;
}

export class CapacityProviderPageDto extends PageOf(CapacityProviderCardDto, 'CapacityProviderPageDto') {}
export class InstrumentPageDto extends PageOf(InstrumentViewDto, 'InstrumentPageDto') {}

export class InstrumentBookingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instrumentId: string;
  @ApiProperty() instrumentName: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ type: String, nullable: true }) providerName: string | null;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() userName: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty({ description: '日期（北京时间）' }) date: string;
  @ApiProperty() startTime: string;
  @ApiProperty() endTime: string;
  @ApiProperty() hours: string;
  @ApiProperty({ description: '按小时收费计算的金额（元）' }) amount: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: BookingStatus }) status: BookingStatus;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ type: String, nullable: true }) hoursUsed: string | null;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty({ type: String, nullable: true }) ratingComment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class VerificationRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() providerName: string;
  @ApiProperty({ format: 'uuid' }) providerOrgId: string;
  @ApiProperty({ format: 'uuid' }) achievementId: string;
  @ApiProperty() achievementTitle: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() requesterName: string;
  @ApiProperty() goal: string;
  @ApiProperty() wishFrom: string;
  @ApiProperty() wishTo: string;
  @ApiProperty({ type: String, nullable: true }) scheduledFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) scheduledTo: string | null;
  @ApiProperty() trlBefore: number;
  @ApiProperty({ type: Number, nullable: true }) trlReached: number | null;
  @ApiProperty({ type: String, nullable: true }) result: string | null;
  @ApiProperty({ enum: RunStatus }) status: RunStatus;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty({ type: String, nullable: true }) ratingComment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MyCapacityDto {
  @ApiProperty({ type: [CapacityProviderDetailDto] }) providers: CapacityProviderDetailDto[];
  @ApiProperty({ type: [InstrumentViewDto] }) instruments: InstrumentViewDto[];
  @ApiProperty({ type: [InstrumentBookingDto] }) bookings: InstrumentBookingDto[];
  @ApiProperty({ type: [VerificationRunDto] }) runs: VerificationRunDto[];
}

export class MyBookingsDto {
  @ApiProperty({ type: [InstrumentBookingDto] }) bookings: InstrumentBookingDto[];
  @ApiProperty({ type: [VerificationRunDto] }) runs: VerificationRunDto[];
}

export class CapacitySuggestionDto {
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CapacityKind }) kind: CapacityKind;
  @ApiProperty() trlMin: number;
  @ApiProperty() trlMax: number;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String], example: ['服务TRL 4–7，覆盖下一阶段', '同属产业链：海洋生物医药', '能力相符：冻干、发酵'] }) reasons: string[];
}

export class CapacitySuggestionsDto {
  @ApiProperty() trl: number;
  @ApiProperty({ description: '成果技术成熟度在 3–6 之间时才推荐' }) eligible: boolean;
  @ApiProperty({ type: [CapacitySuggestionDto] }) suggestions: CapacitySuggestionDto[];
}

export class CapacityReviewQueueDto {
  @ApiProperty({ type: [CapacityProviderDetailDto] }) providers: CapacityProviderDetailDto[];
  @ApiProperty({ type: [InstrumentViewDto] }) instruments: InstrumentViewDto[];
}
