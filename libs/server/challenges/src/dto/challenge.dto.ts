import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { BOARD_GROUPS, BoardGroup, CHAIN_CODES, CHALLENGE_LIMITS as L, ChallengeMode, ChallengeStatus, ORGANISATION_TYPE_CODES, REGION_CODES } from '@ztt/contracts';
import { PageQueryDto } from '@ztt/platform';

export class IndicatorDto {
  @ApiProperty({ example: '氨氮去除率' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: '≥ 95' }) @IsString() @IsNotEmpty() @MaxLength(50) target: string;
  @ApiProperty({ example: '%' }) @IsString() @MaxLength(20) unit: string;
  @ApiProperty({ example: '第三方检测报告' }) @IsString() @IsNotEmpty() @MaxLength(500) verification: string;
}

export class RubricCriterionDto {
  @ApiProperty({ example: '技术路线可行性' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ minimum: 1, maximum: 100, description: '权重（整数），合计 100' }) @IsInt() @Min(1) @Max(100) weight: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class MilestoneTemplateDto {
  @ApiProperty({ example: '签约启动' }) @IsString() @IsNotEmpty() @MaxLength(100) title: string;
  @ApiProperty({ example: '签订任务书，提交实施方案' }) @IsString() @IsNotEmpty() @MaxLength(2000) deliverables: string;
  @ApiProperty({ minimum: 0, maximum: 1095, description: '结果确认后第几天到期' }) @IsInt() @Min(0) @Max(1095) dueOffsetDays: number;
  @ApiProperty({ minimum: 1, maximum: 100, description: '拨付比例（整数 %），合计 100' }) @IsInt() @Min(1) @Max(100) sharePercent: number;
}

export class EligibilityDto {
  @ApiProperty({ enum: ORGANISATION_TYPE_CODES, isArray: true, description: '允许的机构类型；空 = 不限' })
  @IsArray()
  @ArrayUnique()
  @IsIn(ORGANISATION_TYPE_CODES as string[], { each: true })
  orgTypes: string[];
  @ApiProperty({ enum: REGION_CODES, isArray: true, description: '允许的地区；空 = 不限' })
  @IsArray()
  @ArrayUnique()
  @IsIn(REGION_CODES as string[], { each: true })
  regions: string[];
  @ApiProperty({ description: '须拥有自主知识产权' }) @IsBoolean() mustOwnIp: boolean;
}

export class CreateChallengeDto {
  @ApiProperty({ format: 'uuid', description: '发榜机构；调用者须为其成员（平台管理员可代任意机构发榜）' }) @IsUUID() ownerOrgId: string;
  @ApiProperty({ format: 'uuid', description: '验收人：发榜机构的成员' }) @IsUUID() acceptorUserId: string;
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @IsNotEmpty() @MaxLength(L.titleMax) title: string;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @IsNotEmpty() @MaxLength(L.textMax) background: string;
  @ApiProperty({ type: [IndicatorDto] })
  @IsArray()
  @ArrayMinSize(L.indicatorsMin)
  @ArrayMaxSize(L.indicatorsMax)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators: IndicatorDto[];
  @ApiProperty({ enum: CHAIN_CODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ example: '5000000.00', description: '榜额（元），最多两位小数' }) @IsString() @Matches(L.money) bounty: string;
  @ApiProperty({ example: '市财政科技专项 + 企业自筹' }) @IsString() @IsNotEmpty() @MaxLength(200) fundingSource: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) applicationDeadline: string;
  @ApiProperty({ minimum: 1, maximum: L.periodMonthsMax, description: '实施周期（月），不超过 3 年' }) @IsInt() @Min(1) @Max(L.periodMonthsMax) periodMonths: number;
  @ApiProperty({ type: EligibilityDto }) @ValidateNested() @Type(() => EligibilityDto) eligibility: EligibilityDto;
  @ApiProperty({ enum: ChallengeMode }) @IsIn(Object.values(ChallengeMode)) mode: ChallengeMode;
  @ApiProperty({ minimum: 1, maximum: L.horseRaceTeamsMax, description: '并行支持的团队数：单一揭榜为 1' }) @IsInt() @Min(1) @Max(L.horseRaceTeamsMax) teams: number;
  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ArrayMinSize(L.criteriaMin)
  @ArrayMaxSize(L.criteriaMax)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric: RubricCriterionDto[];
  @ApiProperty({ type: [MilestoneTemplateDto] })
  @IsArray()
  @ArrayMinSize(L.milestonesMin)
  @ArrayMaxSize(L.milestonesMax)
  @ValidateNested({ each: true })
  @Type(() => MilestoneTemplateDto)
  milestones: MilestoneTemplateDto[];
  @ApiProperty({ minimum: 0, maximum: 100, description: '首笔（签约后）拨付比例下限，如 60' }) @IsInt() @Min(0) @Max(100) firstTrancheMinPercent: number;
}

export class UpdateChallengeDto extends PartialType(CreateChallengeDto) {
  @ApiProperty({ description: '读取时的版本号；过期则 409' }) @IsInt() @Min(1) version: number;
}

export class BoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BOARD_GROUPS, description: 'open 征集中 / closed 已截止 / awarded 已揭榜' })
  @IsOptional()
  @IsIn(BOARD_GROUPS as unknown as string[])
  group?: BoardGroup;
  @ApiPropertyOptional({ enum: CHAIN_CODES }) @IsOptional() @IsIn(CHAIN_CODES as string[]) chain?: string;
  @ApiPropertyOptional({ enum: ChallengeMode }) @IsOptional() @IsIn(Object.values(ChallengeMode)) mode?: ChallengeMode;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) q?: string;
}

export class AdminListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ChallengeStatus }) @IsOptional() @IsIn(Object.values(ChallengeStatus)) status?: ChallengeStatus;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 1000 }) @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
}

export class PanelDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '评审专家（须有评审专家角色）' })
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds: string[];
}

export class AwardDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '入选方案：单一揭榜 1 个；赛马制 1–N 个' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  winnerApplicationIds: string[];
  @ApiProperty({ description: '书面决定理由' }) @IsString() @IsNotEmpty() @MaxLength(4000) rationale: string;
  @ApiProperty({ minimum: 1, maximum: L.objectionDaysMax, description: '公示期（天）' }) @IsInt() @Min(1) @Max(L.objectionDaysMax) objectionDays: number;
}

export class ObjectionDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) text: string;
}

export class AnswerDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) answer: string;
}

export class ChallengeInviteDto {
  @ApiProperty({ format: 'uuid', description: '受邀机构' }) @IsUUID() orgId: string;
}
