import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COOPERATION_MODE_CODES,
  CONTRACT_SUBTYPE_CODES,
  CONTRACT_TYPE_CODES,
  DEAL_AUDIENCES,
  DEAL_DOCUMENT_KINDS,
  DEAL_LOST_REASONS,
  DealAudience,
  DealDocumentKind,
  DealLostReason,
  DealStage,
  YUAN_PATTERN,
} from '@ztt/contracts';
import { PageQueryDto } from '@ztt/platform';
import { CONTRACT_TERMS_DTOS, ContractTermsDto, ContractTermsInput, TERMS_DISCRIMINATOR } from './contract-terms.dto';

const RATE_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class DealContactDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(50) name: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(30) phone?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) email?: string | null;
}

class DealFieldsDto {
  @ApiPropertyOptional({ description: '预计成交额（元，最多两位小数）', example: '1200000.00', nullable: true })
  @IsOptional()
  @Matches(YUAN_PATTERN)
  expectedValue?: string | null;
  @ApiPropertyOptional({ enum: COOPERATION_MODE_CODES, nullable: true }) @IsOptional() @IsIn(COOPERATION_MODE_CODES as string[]) cooperationMode?: string | null;
  @ApiPropertyOptional({ description: '下一步' }) @IsOptional() @IsString() @MaxLength(500) nextStep?: string;
  @ApiPropertyOptional({ description: '下一步截止日期 YYYY-MM-DD', nullable: true }) @IsOptional() @Matches(DATE_PATTERN) @IsDateString() nextStepDue?: string | null;
  @ApiPropertyOptional({ type: [String], description: '协办经纪人' })
  @IsOptional()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coBrokerIds?: string[];
  @ApiPropertyOptional({ type: DealContactDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => DealContactDto) demandContact?: DealContactDto | null;
  @ApiPropertyOptional({ type: DealContactDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => DealContactDto) supplyContact?: DealContactDto | null;
}

/** From a match (matchId), or by hand between a published need and achievement. */
export class OpenDealDto extends DealFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() matchId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '揭榜挂帅：为已最终确定的揭榜结果发起对接' }) @IsOptional() @IsUUID() challengeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '揭榜挂帅：中榜的申报（只有一支中榜团队时可省略）' }) @IsOptional() @IsUUID() applicationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() needId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() achievementId?: string;
  @ApiPropertyOptional({ description: '默认“需求 ⇄ 成果”' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
}

export class UpdateDealDto extends DealFieldsDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改则 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
}

export class ContractPartyDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ description: '统一社会信用代码' }) @IsString() @IsNotEmpty() @MaxLength(30) creditCode: string;
}

export class ContractDto {
  @ApiPropertyOptional({ description: '合同编号' }) @IsOptional() @IsString() @MaxLength(100) contractNo?: string;
  @ApiProperty({ description: '合同名称' }) @IsString() @IsNotEmpty() @MaxLength(200) contractName: string;
  @ApiProperty({ enum: CONTRACT_TYPE_CODES }) @IsIn(CONTRACT_TYPE_CODES as string[]) contractType: string;
  @ApiProperty({ enum: CONTRACT_SUBTYPE_CODES }) @IsIn(CONTRACT_SUBTYPE_CODES as string[]) contractSubtype: string;
  @ApiProperty({ type: ContractPartyDto, description: '买方（委托方/受让方/被许可方）' }) @ValidateNested() @Type(() => ContractPartyDto) buyer: ContractPartyDto;
  @ApiProperty({ type: ContractPartyDto, description: '卖方（受托方/让与方/许可方）' }) @ValidateNested() @Type(() => ContractPartyDto) seller: ContractPartyDto;
  @ApiProperty({ example: '2026-11-20' }) @Matches(DATE_PATTERN) @IsDateString() signedOn: string;
  @ApiProperty() @Matches(DATE_PATTERN) @IsDateString() periodStart: string;
  @ApiProperty() @Matches(DATE_PATTERN) @IsDateString() periodEnd: string;
  @ApiProperty({ description: '合同成交总额（元）', example: '1234567.89' }) @Matches(YUAN_PATTERN) totalAmount: string;
  @ApiProperty({ description: '技术交易额（元），不超过总额' }) @Matches(YUAN_PATTERN) techAmount: string;
  @ApiProperty({ description: '支付方式' }) @IsString() @IsNotEmpty() @MaxLength(1000) paymentTerms: string;
  @ApiPropertyOptional({
    description: '按转化方式的结构化条款（转让、许可、先用后转、作价入股），据此生成履约计划；省略则不变，null 则清除',
    nullable: true,
    oneOf: CONTRACT_TERMS_DTOS.map((d) => ({ $ref: getSchemaPath(d) })),
    discriminator: { propertyName: 'model' },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractTermsDto, TERMS_DISCRIMINATOR)
  terms?: ContractTermsInput | null;
}

export class NdaDto {
  @ApiProperty({ format: 'uuid', description: '本对接中上传的保密协议文件' }) @IsUUID() documentId: string;
  @ApiProperty({ example: '2026-11-20' }) @Matches(DATE_PATTERN) @IsDateString() signedOn: string;
}

export class RegistrationDto {
  @ApiProperty({ description: '认定登记编号' }) @IsString() @IsNotEmpty() @MaxLength(60) number: string;
  @ApiProperty({ example: '2026-11-28' }) @Matches(DATE_PATTERN) @IsDateString() registeredOn: string;
}

export class MoveDealDto {
  @ApiProperty({ enum: DealStage }) @IsIn(Object.values(DealStage)) to: DealStage;
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ enum: DEAL_LOST_REASONS }) @IsOptional() @IsIn(DEAL_LOST_REASONS as readonly string[]) lostReason?: DealLostReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) lostNote?: string;
  @ApiPropertyOptional({ type: NdaDto, description: '进入 nda_signed 时必填' }) @IsOptional() @ValidateNested() @Type(() => NdaDto) nda?: NdaDto;
  @ApiPropertyOptional({ type: ContractDto, description: '进入 signed 时：尚未填写合同则必填' }) @IsOptional() @ValidateNested() @Type(() => ContractDto) contract?: ContractDto;
  @ApiPropertyOptional({ type: RegistrationDto, description: '进入 registered 时必填' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegistrationDto)
  registration?: RegistrationDto;
  @ApiPropertyOptional({ example: '5000000.00', description: '融资对接进入 closed（融资已落实）时必填：落实金额（元），大于 0 且不超过融资需求金额' })
  @IsOptional()
  @Matches(YUAN_PATTERN)
  arrangedAmount?: string;
}

export class NoteDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) body: string;
}

export class TaskDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty({ example: '2026-12-01T09:00:00+08:00' }) @IsDateString() dueAt: string;
  @ApiPropertyOptional({ description: '提醒时间；默认到期前一天' }) @IsOptional() @IsDateString() remindAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '默认自己' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class MessageDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) body: string;
  @ApiPropertyOptional({ enum: DEAL_AUDIENCES, default: 'both' }) @IsOptional() @IsIn(DEAL_AUDIENCES as DealAudience[]) audience?: DealAudience;
}

export class DocumentFieldsDto {
  @ApiProperty({ enum: DEAL_DOCUMENT_KINDS }) @IsIn(DEAL_DOCUMENT_KINDS as readonly string[]) kind: DealDocumentKind;
  @ApiPropertyOptional({ description: '同类同名的文件按版本保存；默认取文件名' }) @IsOptional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ description: '双方可见（默认是）', type: String, enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) shared?: 'true' | 'false';
}

export class CommissionDto {
  @ApiProperty({ enum: ['percentage', 'fixed'] }) @IsIn(['percentage', 'fixed']) kind: 'percentage' | 'fixed';
  @ApiPropertyOptional({ description: '比例（%），如 3.5' }) @IsOptional() @Matches(RATE_PATTERN) rate?: string;
  @ApiPropertyOptional({ description: '固定金额（元）' }) @IsOptional() @Matches(YUAN_PATTERN) amount?: string;
}

export class CommissionDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision: 'approve' | 'reject';
}

export class DealListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DealStage }) @IsOptional() @IsIn(Object.values(DealStage)) stage?: DealStage;
  @ApiPropertyOptional({ description: '按标题、双方、下一步检索；经纪人也检索自己的私密备注' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class BooleanFlagDto {
  @ApiProperty() @IsBoolean() done: boolean;
}
