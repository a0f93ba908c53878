import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  AMOUNT_PATTERN,
  CHAIN_CODES,
  FINANCE_LIMITS as L,
  FINANCE_PROVIDER_KINDS,
  FINANCING_INSTRUMENTS,
  FINANCING_REQUEST_STATUSES,
  FINANCING_STAGES,
  FinanceProviderKind,
  FinancingDisclosureStatus,
  FinancingInstrument,
  FinancingRequestStatus,
  FinancingStage,
  REGION_CODES,
} from '@ztt/contracts';

// ---- input ------------------------------------------------------------------------------------

export class FinancingConfidentialDto {
  @ApiPropertyOptional({ example: '12000000.00', description: '上年营业收入（元）' }) @IsOptional() @Matches(AMOUNT_PATTERN) revenue?: string | null;
  @ApiPropertyOptional({ example: '1500000.00', description: '上年净利润（元）' }) @IsOptional() @Matches(AMOUNT_PATTERN) profit?: string | null;
  @ApiPropertyOptional({ maxLength: L.confidentialFieldLength, description: '估值依据' }) @IsOptional() @IsString() @MaxLength(L.confidentialFieldLength) valuationBasis?:
    string | null;
  @ApiPropertyOptional({ maxLength: L.confidentialFieldLength, description: '抵质押物' }) @IsOptional() @IsString() @MaxLength(L.confidentialFieldLength) collateral?:
    string | null;
  @ApiPropertyOptional({ maxLength: L.confidentialFieldLength, description: '股权结构说明' }) @IsOptional() @IsString() @MaxLength(L.confidentialFieldLength) capTableNotes?:
    string | null;
  @ApiPropertyOptional({ maxLength: L.confidentialFieldLength, description: '其他' }) @IsOptional() @IsString() @MaxLength(L.confidentialFieldLength) other?: string | null;
}

export class FinancingRequestInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: '申请机构（本人所属机构之一；只属于一个机构时可省略）' }) @IsOptional() @IsUUID() orgId?: string;
  @ApiProperty({ example: '海洋微藻活性物质产业化项目融资', maxLength: L.titleLength }) @IsString() @MaxLength(L.titleLength) title: string;
  @ApiProperty({ maxLength: L.summaryLength, description: '公开简介（金融机构、技术经理人可见）' }) @IsString() @MaxLength(L.summaryLength) summary: string;
  @ApiPropertyOptional({ format: 'uuid', description: '关联本机构的成果（三者择一）' }) @IsOptional() @IsUUID() achievementId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: '关联本机构的需求项目（三者择一）' }) @IsOptional() @IsUUID() needId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: '关联本机构参与的对接项目（三者择一）' }) @IsOptional() @IsUUID() dealId?: string | null;
  @ApiProperty({ example: '5000000.00', description: '融资金额（元）' }) @Matches(AMOUNT_PATTERN) amount: string;
  @ApiProperty({ enum: FINANCING_INSTRUMENTS, description: '融资方式' }) @IsIn(FINANCING_INSTRUMENTS as readonly string[] as string[]) instrument: FinancingInstrument;
  @ApiProperty({ enum: FINANCING_STAGES, description: '企业阶段' }) @IsIn(FINANCING_STAGES as readonly string[] as string[]) stage: FinancingStage;
  @ApiProperty({ maxLength: L.useOfFundsLength, description: '资金用途' }) @IsString() @MaxLength(L.useOfFundsLength) useOfFunds: string;
  @ApiPropertyOptional({ example: '1000000.00', description: '已融资金额（元）' }) @IsOptional() @Matches(AMOUNT_PATTERN) raisedSoFar?: string;
  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true, description: '产业链（省略时取自关联的成果或需求）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains?: string[];
  @ApiPropertyOptional({ enum: REGION_CODES, nullable: true, description: '所在区县' }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string | null;
  @ApiPropertyOptional({ type: FinancingConfidentialDto, description: '保密财务信息（仅申请方、管理员、对接经纪人及获准查看的金融机构可见）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FinancingConfidentialDto)
  confidential?: FinancingConfidentialDto;
}

export class UpdateFinancingRequestDto extends FinancingRequestInputDto {
  @ApiProperty({ description: '读取时的版本号（乐观锁）' }) @Type(() => Number) @IsInt() @Min(1) version: number;
}

export class FinanceProfileInputDto {
  @ApiProperty({ enum: FINANCE_PROVIDER_KINDS, description: '机构类别' }) @IsIn(FINANCE_PROVIDER_KINDS as readonly string[] as string[]) kind: FinanceProviderKind;
  @ApiProperty({ enum: FINANCING_INSTRUMENTS, isArray: true, description: '提供的融资方式' })
  @IsArray()
  @ArrayMaxSize(FINANCING_INSTRUMENTS.length)
  @IsIn(FINANCING_INSTRUMENTS as readonly string[] as string[], { each: true })
  instruments: FinancingInstrument[];
  @ApiProperty({ example: '1000000.00', description: '单笔下限（元）' }) @Matches(AMOUNT_PATTERN) ticketMin: string;
  @ApiProperty({ example: '10000000.00', description: '单笔上限（元）' }) @Matches(AMOUNT_PATTERN) ticketMax: string;
  @ApiProperty({ enum: FINANCING_STAGES, isArray: true, description: '投资阶段' })
  @IsArray()
  @ArrayMaxSize(FINANCING_STAGES.length)
  @IsIn(FINANCING_STAGES as readonly string[] as string[], { each: true })
  stages: FinancingStage[];
  @ApiProperty({ enum: CHAIN_CODES, isArray: true, description: '关注的产业链' })
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ enum: REGION_CODES, isArray: true, description: '服务区域（空：不限）' })
  @IsArray()
  @ArrayMaxSize(L.regionsMax)
  @IsIn(REGION_CODES as string[], { each: true })
  regions: string[];
  @ApiProperty({ type: [String], example: ['petrochem.oil-gas', '房地产'], description: '不投领域：产业链代码或关键词' })
  @IsArray()
  @ArrayMaxSize(L.exclusionsMax)
  @IsString({ each: true })
  @MaxLength(L.exclusionLength, { each: true })
  exclusions: string[];
  @ApiProperty({ maxLength: L.profileSummaryLength, description: '机构简介' }) @IsString() @MaxLength(L.profileSummaryLength) summary: string;
}

export class FinancingInterestInputDto {
  @ApiPropertyOptional({ maxLength: L.noteLength, example: '对该项目感兴趣，希望进一步了解经营数据' }) @IsOptional() @IsString() @MaxLength(L.noteLength) note?: string;
}

export class DecideDisclosureDto {
  @ApiProperty({ enum: ['grant', 'refuse'], description: '同意或拒绝' }) @IsIn(['grant', 'refuse']) decision: 'grant' | 'refuse';
}

export class OpenFinancingDealDto {
  @ApiPropertyOptional({ maxLength: 200, description: '对接项目标题（省略时自动生成）' }) @IsOptional() @IsString() @MaxLength(200) title?: string;
}

export class FinancingRequestListQueryDto {
  @ApiPropertyOptional({ enum: FINANCING_REQUEST_STATUSES }) @IsOptional() @IsIn(FINANCING_REQUEST_STATUSES as string[]) status?: FinancingRequestStatus;
}

// ---- output -----------------------------------------------------------------------------------

export class FinancingSubjectDto {
  @ApiProperty({ enum: ['achievement', 'need', 'deal'] }) kind: 'achievement' | 'need' | 'deal';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class FinancingConfidentialViewDto {
  @ApiPropertyOptional({ type: String, nullable: true }) revenue?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) profit?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) valuationBasis?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) collateral?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) capTableNotes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) other?: string | null;
}

export class FinancingRequestPublicDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: FinancingSubjectDto }) subject: FinancingSubjectDto;
  @ApiProperty({ example: '5000000.00', description: '元' }) amount: string;
  @ApiProperty({ enum: FINANCING_INSTRUMENTS }) instrument: FinancingInstrument;
  @ApiProperty({ enum: FINANCING_STAGES }) stage: FinancingStage;
  @ApiProperty() useOfFunds: string;
  @ApiProperty({ description: '元' }) raisedSoFar: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ enum: FINANCING_REQUEST_STATUSES }) status: FinancingRequestStatus;
  @ApiProperty({ type: String, nullable: true, description: '元' }) arrangedAmount: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FinancingRequestViewDto extends FinancingRequestPublicDto {
  @ApiProperty({ enum: ['applicant', 'admin', 'broker', 'finance'] }) viewerRole: 'applicant' | 'admin' | 'broker' | 'finance';
  @ApiPropertyOptional({ type: FinancingConfidentialViewDto, description: '仅有权查看者可见' }) confidential?: FinancingConfidentialViewDto;
  @ApiProperty({ enum: ['requested', 'granted', 'refused'], nullable: true }) myDisclosure: FinancingDisclosureStatus | null;
  @ApiProperty() myInterest: boolean;
  @ApiProperty() watched: boolean;
  @ApiProperty({ type: [String] }) dealIds: string[];
}

export class FinanceProfileViewDto {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: FINANCE_PROVIDER_KINDS }) kind: FinanceProviderKind;
  @ApiProperty({ enum: FINANCING_INSTRUMENTS, isArray: true }) instruments: FinancingInstrument[];
  @ApiProperty() ticketMin: string;
  @ApiProperty() ticketMax: string;
  @ApiProperty({ enum: FINANCING_STAGES, isArray: true }) stages: FinancingStage[];
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ type: [String] }) exclusions: string[];
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FinancingMatchViewDto {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() requestTitle: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: [String], example: ['同属产业链：海洋生物医药', '阶段相符：成长期'] }) reasons: string[];
  @ApiProperty({ type: [String] }) reasonsEn: string[];
}

export class FinancingWatchlistItemDto {
  @ApiProperty({ type: FinancingRequestPublicDto }) request: FinancingRequestPublicDto;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({ type: [String] }) reasonsEn: string[];
  @ApiProperty() watched: boolean;
  @ApiProperty() interested: boolean;
}

export class FinancingInterestViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() note: string;
  @ApiProperty() createdByName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId: string | null;
}

export class FinancingDisclosureViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: ['requested', 'granted', 'refused'] }) status: FinancingDisclosureStatus;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
}

export class FinancingDealOpenedDto {
  @ApiProperty({ format: 'uuid', description: '新开的融资对接项目' }) dealId: string;
}
