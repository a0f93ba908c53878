import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CHAIN_CODES, CONSULTATION_LIMITS as CL, ConsultationStatus, EXPERT_KINDS, EXPERT_LIMITS as L, ExpertKind, ExpertProfileStatus } from '@ztt/contracts';
import { PageOf, PageQueryDto } from '@ztt/platform';

// ---- input ------------------------------------------------------------------------------------

export class ExpertConflictInputDto {
  @ApiProperty({ format: 'uuid', description: '须回避的平台机构' }) @IsUUID() orgId: string;
  @ApiProperty({ example: '曾在该公司兼职技术顾问', maxLength: L.reasonLength, description: '回避原因' }) @IsString() @MaxLength(L.reasonLength) reason: string;
}

export class ExpertProfileDto {
  @ApiProperty({ enum: EXPERT_KINDS, example: ExpertKind.External, description: '外联专家 external / 本地专家 local / 土专家·田秀才 practitioner' })
  @IsIn(EXPERT_KINDS as string[])
  kind: ExpertKind;
  @ApiProperty({ enum: CHAIN_CODES, isArray: true, example: ['marine.ranching'], description: '熟悉的产业链' })
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ type: [String], example: ['对虾', '病害防控'], description: '专长关键词' })
  @IsArray()
  @ArrayMaxSize(L.keywordsMax)
  @IsString({ each: true })
  @MaxLength(L.keywordLength, { each: true })
  keywords: string[];
  @ApiProperty({ type: [String], example: ['研究员', '博士生导师'], description: '职称' })
  @IsArray()
  @ArrayMaxSize(L.titlesMax)
  @IsString({ each: true })
  @MaxLength(L.titleLength, { each: true })
  titles: string[];
  @ApiPropertyOptional({ example: '广东海洋大学水产学院', maxLength: L.affiliationsLength, description: '工作单位（自由填写）' })
  @IsOptional()
  @IsString()
  @MaxLength(L.affiliationsLength)
  affiliations?: string;
  @ApiPropertyOptional({ example: '从事对虾病害防控研究二十年', maxLength: L.bioLength, description: '简介' }) @IsOptional() @IsString() @MaxLength(L.bioLength) bio?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '所属或近三年任职的平台机构' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.orgsMax)
  @IsUUID('all', { each: true })
  affiliatedOrgIds?: string[];
  @ApiProperty({ type: [ExpertConflictInputDto], description: '声明须回避的机构及原因' })
  @IsArray()
  @ArrayMaxSize(L.conflictsMax)
  @ValidateNested({ each: true })
  @Type(() => ExpertConflictInputDto)
  conflicts: ExpertConflictInputDto[];
}

export class ReviewExpertDto {
  @ApiProperty({ enum: ['verify', 'reject'], description: '审核通过或退回' }) @IsIn(['verify', 'reject']) decision: 'verify' | 'reject';
  @ApiPropertyOptional({ example: '职称信息无法核实', maxLength: L.reasonLength, description: '退回时必填' }) @IsOptional() @IsString() @MaxLength(L.reasonLength) reason?: string;
}

export class ExpertListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ExpertProfileStatus }) @IsOptional() @IsIn(Object.values(ExpertProfileStatus)) status?: ExpertProfileStatus;
}

export class CreateConsultationDto {
  @ApiProperty({ example: '尾水中氨氮超标，现有生物滤池该如何改造？', maxLength: CL.questionLength }) @IsString() @MaxLength(CL.questionLength) question: string;
  @ApiPropertyOptional({ format: 'uuid', description: '希望由专家库中的哪位专家解答（可选）' }) @IsOptional() @IsUUID() expertProfileId?: string;
}

export class AcceptConsultationDto {
  @ApiPropertyOptional({ format: 'uuid', description: '平台管理员指定的专家（默认为申请时选择的专家）' }) @IsOptional() @IsUUID() expertProfileId?: string;
}

export class AnswerConsultationDto {
  @ApiProperty({ maxLength: CL.answerLength, description: '书面答复' }) @IsString() @MaxLength(CL.answerLength) answer: string;
}

export class DeclineConsultationDto {
  @ApiProperty({ maxLength: CL.reasonLength, description: '不受理的原因' }) @IsString() @MaxLength(CL.reasonLength) reason: string;
}

// ---- output -----------------------------------------------------------------------------------

export class ExpertPublicDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ExpertKind }) kind: ExpertKind;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty() affiliations: string;
  @ApiProperty() bio: string;
}

export class ExpertOrgDto {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
}

export class ExpertConflictDto extends ExpertOrgDto {
  @ApiProperty() reason: string;
}

export class ExpertProfileViewDto extends ExpertPublicDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: [ExpertOrgDto] }) affiliatedOrgs: ExpertOrgDto[];
  @ApiProperty({ type: [ExpertConflictDto] }) conflicts: ExpertConflictDto[];
  @ApiProperty({ enum: ExpertProfileStatus }) status: ExpertProfileStatus;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) verifiedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: '是否持有评审专家角色' }) reviewer: boolean;
}

export class PanelSuggestionDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) profileId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ExpertKind }) kind: ExpertKind;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) matchedChains: string[];
  @ApiProperty({ type: [String] }) matchedKeywords: string[];
  @ApiProperty({ example: '同属产业链：现代化海洋牧场；关键词：对虾' }) reason: string;
  @ApiProperty({ description: '持有评审专家角色（没有时须先在用户管理中授予）' }) reviewer: boolean;
}

export class PanelExclusionDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) profileId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '与揭榜方 湛江某公司 有关联：本人为湛江某公司成员' }) reason: string;
}

export class PanelSuggestionsDto {
  @ApiProperty({ type: [PanelSuggestionDto] }) suggestions: PanelSuggestionDto[];
  @ApiProperty({ type: [PanelExclusionDto] }) excluded: PanelExclusionDto[];
}

export const ExpertPublicPageDto = PageOf(ExpertPublicDto, 'ExpertPublicPageDto');
export const ExpertProfilePageDto = PageOf(ExpertProfileViewDto, 'ExpertProfilePageDto');

export class ConsultationExpertDto {
  @ApiProperty({ format: 'uuid' }) profileId: string;
  @ApiProperty() name: string;
}

export class ConsultationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '关于某项需求（否则为 null）' }) needId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '关于某个对接项目（否则为 null）' }) dealId: string | null;
  @ApiProperty({ description: '需求或对接项目的标题' }) subjectTitle: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() requesterName: string;
  @ApiProperty() question: string;
  @ApiProperty({ type: ConsultationExpertDto, nullable: true }) preferredExpert: ConsultationExpertDto | null;
  @ApiProperty({ type: String, nullable: true }) expertName: string | null;
  @ApiProperty({ enum: ConsultationStatus }) status: ConsultationStatus;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt: string | null;
}
