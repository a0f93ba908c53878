import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CHAIN_CODES,
  COOPERATION_MODE_CODES,
  FUNDING_SOURCES,
  IP_TYPE_CODES,
  ITEM_LIMITS as L,
  MATURITY_STAGE_CODES,
  NEED_CATEGORY_CODES,
  REGION_CODES,
  RIGHTS_GRANTED,
  RightsGranted,
  WAN_PATTERN,
} from '@ztt/contracts';

/** 万元 with at most two decimals, as a string so no float ever touches money. */

export class ContactDto {
  @ApiProperty({ example: '陈工' }) @IsString() @IsNotEmpty() @MaxLength(50) name: string;
  @ApiProperty({ type: String, nullable: true, example: '13800138000' })
  @IsOptional()
  @Matches(/^(\+?\d{6,15}|0\d{2,3}-?\d{7,8})$/)
  phone: string | null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email: string | null;
}

export class IpItemDto {
  @ApiProperty({ enum: IP_TYPE_CODES }) @IsIn(IP_TYPE_CODES as string[]) type: string;
  @ApiProperty({ example: 'ZL202310123456.7' }) @IsString() @IsNotEmpty() @MaxLength(60) number: string;
  @ApiProperty({ example: '已授权' }) @IsString() @IsNotEmpty() @MaxLength(30) status: string;
}

export class TeamMemberDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(50) name: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) title: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID() userId: string | null;
}

/** Fields needs and achievements share. */
class ItemInputDto {
  @ApiProperty({ format: 'uuid', description: 'the organisation posting it; the caller must be an active member' }) @IsUUID() ownerOrgId: string;
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @IsNotEmpty() @MaxLength(L.titleMax) title: string;
  @ApiProperty({ maxLength: L.summaryMax, description: '公开摘要' }) @IsString() @IsNotEmpty() @MaxLength(L.summaryMax) summary: string;
  @ApiPropertyOptional({ maxLength: L.confidentialMax, description: '保密信息：仅本机构、平台管理员和获准的对接方可见' })
  @IsOptional()
  @IsString()
  @MaxLength(L.confidentialMax)
  confidentialDetails?: string;
  @ApiProperty({ enum: CHAIN_CODES, isArray: true, minItems: 1, maxItems: 3 })
  @IsArray()
  @ArrayMinSize(L.chainsMin)
  @ArrayMaxSize(L.chainsMax)
  @ArrayUnique()
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiPropertyOptional({ type: [String], maxItems: L.keywordsMax })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.keywordsMax)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(L.keywordMax, { each: true })
  keywords?: string[];
  @ApiProperty({ enum: REGION_CODES }) @IsIn(REGION_CODES as string[]) region: string;
  @ApiProperty({ minimum: 1, maximum: 9 }) @IsInt() @Min(1) @Max(9) trl: number;
  @ApiProperty({ enum: COOPERATION_MODE_CODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.modesMax)
  @ArrayUnique()
  @IsIn(COOPERATION_MODE_CODES as string[], { each: true })
  cooperationModes: string[];
  @ApiProperty({ type: ContactDto }) @ValidateNested() @Type(() => ContactDto) contact: ContactDto;
}

export class CreateNeedDto extends ItemInputDto {
  @ApiProperty({ enum: NEED_CATEGORY_CODES }) @IsIn(NEED_CATEGORY_CODES as string[]) category: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '万元' }) @IsOptional() @Matches(WAN_PATTERN) budgetMin?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '万元' }) @IsOptional() @Matches(WAN_PATTERN) budgetMax?: string | null;
  @ApiPropertyOptional({ description: '面议' }) @IsOptional() @IsBoolean() budgetNegotiable?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  deadline?: string | null;
  @ApiPropertyOptional({ maxLength: L.textMax, description: '验收指标' }) @IsOptional() @IsString() @MaxLength(L.textMax) acceptanceCriteria?: string;
}

export class CreateAchievementDto extends ItemInputDto {
  @ApiProperty({ enum: MATURITY_STAGE_CODES }) @IsIn(MATURITY_STAGE_CODES as string[]) maturityStage: string;
  @ApiPropertyOptional({ type: [IpItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.ipItemsMax)
  @ValidateNested({ each: true })
  @Type(() => IpItemDto)
  ipItems?: IpItemDto[];
  @ApiPropertyOptional({ type: [TeamMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.teamMax)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team?: TeamMemberDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '万元' }) @IsOptional() @Matches(WAN_PATTERN) askingPrice?: string | null;
  @ApiPropertyOptional({ description: '面议' }) @IsOptional() @IsBoolean() priceNegotiable?: boolean;
  @ApiPropertyOptional({ maxLength: L.textMax }) @IsOptional() @IsString() @MaxLength(L.textMax) priceTerms?: string;
  @ApiPropertyOptional({ maxLength: L.textMax }) @IsOptional() @IsString() @MaxLength(L.textMax) applicationFields?: string;
  @ApiPropertyOptional({ maxLength: L.textMax }) @IsOptional() @IsString() @MaxLength(L.textMax) provenResults?: string;
  @ApiPropertyOptional({ description: '职务科技成果：签约前需经成果所属单位审批' }) @IsOptional() @IsBoolean() serviceInvention?: boolean;
  @ApiPropertyOptional({ enum: FUNDING_SOURCES, nullable: true, description: '经费来源' })
  @IsOptional()
  @IsIn([...FUNDING_SOURCES])
  fundingSource?: string | null;
  @ApiPropertyOptional({ enum: RIGHTS_GRANTED, description: '赋权：未赋权、赋予所有权或长期使用权' }) @IsOptional() @IsIn([...RIGHTS_GRANTED]) rightsGranted?: RightsGranted;
}

export class UpdateNeedDto extends PartialType(OmitType(CreateNeedDto, ['ownerOrgId'] as const)) {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
}
export class UpdateAchievementDto extends PartialType(OmitType(CreateAchievementDto, ['ownerOrgId'] as const)) {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
}

export class ReviewDecisionDto {
  @ApiProperty({ enum: ['publish', 'reject'] }) @IsIn(['publish', 'reject']) decision: 'publish' | 'reject';
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class DisclosureRequestDto {
  @ApiProperty({ maxLength: 500 }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
  @ApiProperty({ format: 'uuid', description: 'the organisation asking; the caller must be an active member' }) @IsUUID() requesterOrgId: string;
}

export class DisclosureDecisionDto {
  @ApiProperty({ enum: ['grant', 'decline'] }) @IsIn(['grant', 'decline']) decision: 'grant' | 'decline';
}
