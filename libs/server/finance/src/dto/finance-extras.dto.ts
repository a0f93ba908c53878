import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, MaxLength, Min } from 'class-validator';
import {
  CHAIN_CODES,
  FINANCE_EXTRAS_LIMITS as L,
  PolicyConditionKind,
  PolicyConditionResult,
  PolicyEligibility,
  ReferralPanelView,
  ReferralStatus,
  ReferralView,
  RoadshowCandidatesView,
  RoadshowFollowUpView,
  RoadshowProjectStatus,
  RoadshowProjectView,
  RoadshowSignUpView,
  RoadshowStatus,
  RoadshowSummaryView,
  RoadshowView,
} from '@ztt/contracts';

// ---- referrals: input ---------------------------------------------------------------------------

export class SendReferralDto {
  @ApiProperty({ example: 'risk_compensation_pool', description: '政策项目代码（见 GET …/referral-panel 的 eligibility）' }) @IsString() @MaxLength(50) programme: string;
  @ApiProperty({ format: 'uuid', description: '接收转介的银行（金融机构，画像类型为银行）' }) @IsUUID() bankOrgId: string;
  @ApiProperty({ description: '申请方明确同意：同意将本融资需求及机构资质信息发送给所选银行（须为 true）' }) @IsBoolean() consent: boolean;
}

export class DecideReferralDto {
  @ApiProperty({ enum: ['accept', 'decline'], description: '受理或不受理' }) @IsIn(['accept', 'decline']) decision: 'accept' | 'decline';
  @ApiPropertyOptional({ maxLength: L.noteLength, description: '银行备注（不受理时必填）' }) @IsOptional() @IsString() @MaxLength(L.noteLength) note?: string;
}

// ---- referrals: output --------------------------------------------------------------------------

class PolicyTextDto {
  @ApiProperty({ name: 'zh-CN', example: '科技信贷风险补偿资金池' }) 'zh-CN': string;
  @ApiProperty({ example: 'Tech-loan risk-compensation pool' }) en: string;
}

export class PolicyConditionResultDto implements PolicyConditionResult {
  @ApiProperty({ enum: ['org_type', 'org_verified', 'credential_any', 'instrument', 'amount_max', 'region_zhanjiang', 'granted_patent'] }) kind: PolicyConditionKind;
  @ApiProperty({ description: '是否满足' }) met: boolean;
  @ApiProperty({ type: PolicyTextDto, description: '条件的文字说明' }) text: PolicyTextDto;
}

export class PolicyEligibilityDto implements PolicyEligibility {
  @ApiProperty({ example: 'risk_compensation_pool' }) code: string;
  @ApiProperty({ type: PolicyTextDto }) name: PolicyTextDto;
  @ApiProperty({ type: PolicyTextDto }) description: PolicyTextDto;
  @ApiProperty({ description: '全部条件满足' }) eligible: boolean;
  @ApiProperty({ type: [PolicyConditionResultDto] }) conditions: PolicyConditionResultDto[];
}

export class ReferralViewDto implements ReferralView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() requestTitle: string;
  @ApiProperty({ format: 'uuid' }) applicantOrgId: string;
  @ApiProperty() applicantOrgName: string;
  @ApiProperty() programme: string;
  @ApiProperty({ type: PolicyTextDto }) programmeName: PolicyTextDto;
  @ApiProperty({ format: 'uuid' }) bankOrgId: string;
  @ApiProperty() bankOrgName: string;
  @ApiProperty({ example: '5000000.00', description: '元' }) amount: string;
  @ApiProperty() instrument: string;
  @ApiProperty({ enum: ReferralStatus }) status: ReferralStatus;
  @ApiProperty({ type: String, nullable: true }) bankNote: string | null;
  @ApiProperty({ format: 'date-time' }) consentAt: string;
  @ApiProperty() consentByName: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class ReferralBankDto {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() name: string;
}

export class ReferralPanelDto implements ReferralPanelView {
  @ApiProperty({ type: [PolicyEligibilityDto], description: '各政策项目的条件与是否符合' }) eligibility: PolicyEligibilityDto[];
  @ApiProperty({ type: [ReferralBankDto], description: '可选的银行' }) banks: ReferralBankDto[];
  @ApiProperty({ type: [ReferralViewDto], description: '已发出的转介' }) referrals: ReferralViewDto[];
  @ApiProperty({ description: '同意声明' }) consentText: string;
}

// ---- roadshows: input ---------------------------------------------------------------------------

export class RoadshowInputDto {
  @ApiProperty({ example: '2026 年第四季度海洋产业科技金融路演', maxLength: L.roadshowTitleLength }) @IsString() @MaxLength(L.roadshowTitleLength) title: string;
  @ApiPropertyOptional({ maxLength: L.roadshowDescriptionLength }) @IsOptional() @IsString() @MaxLength(L.roadshowDescriptionLength) description?: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-18T06:30:00.000Z' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) endsAt?: string;
  @ApiPropertyOptional({ maxLength: L.placeLength, example: '湛江市科技局 3 楼路演厅' }) @IsOptional() @IsString() @MaxLength(L.placeLength) place?: string;
  @ApiPropertyOptional({ maxLength: L.linkLength, example: 'https://meeting.example.cn/123' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(L.linkLength)
  onlineLink?: string;
  @ApiProperty({ enum: CHAIN_CODES, isArray: true })
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: '路演项目：融资中的融资需求' })
  @IsArray()
  @ArrayMaxSize(L.projectsMax)
  @IsUUID('all', { each: true })
  requestIds: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: '受邀投资方：金融/投资机构' })
  @IsArray()
  @ArrayMaxSize(L.investorsMax)
  @IsUUID('all', { each: true })
  investorOrgIds: string[];
}

export class UpdateRoadshowDto extends RoadshowInputDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
}

export class RoadshowProjectAnswerDto {
  @ApiProperty({ description: '申请方是否同意在本场路演展示该融资需求' }) @IsBoolean() accept: boolean;
}

export class RoadshowSignUpDto {
  @ApiPropertyOptional({ format: 'uuid', description: '代表哪家金融机构报名（默认为本人所在的第一家）' }) @IsOptional() @IsUUID() orgId?: string;
}

export class RoadshowFollowUpInputDto {
  @ApiProperty({ format: 'uuid', description: '投资方机构（受邀或已报名）' }) @IsUUID() investorOrgId: string;
  @ApiProperty({ format: 'uuid', description: '路演项目（融资需求）' }) @IsUUID() requestId: string;
  @ApiProperty({ maxLength: L.followUpNoteLength, example: '对方对养殖尾水项目有兴趣，要求补充财务数据' }) @IsString() @MaxLength(L.followUpNoteLength) note: string;
  @ApiPropertyOptional({ maxLength: L.nextStepLength, example: '两周内安排实地考察' }) @IsOptional() @IsString() @MaxLength(L.nextStepLength) nextStep?: string;
}

// ---- roadshows: output --------------------------------------------------------------------------

class RoadshowCandidateRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ description: '元' }) amount: string;
  @ApiProperty() instrument: string;
}

class RoadshowCandidateInvestorDto {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() name: string;
}

export class RoadshowCandidatesDto implements RoadshowCandidatesView {
  @ApiProperty({ type: [RoadshowCandidateRequestDto], description: '融资中的融资需求' }) requests: RoadshowCandidateRequestDto[];
  @ApiProperty({ type: [RoadshowCandidateInvestorDto], description: '已认证的金融/投资机构' }) investors: RoadshowCandidateInvestorDto[];
}

export class RoadshowProjectDto implements RoadshowProjectView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ description: '元' }) amount: string;
  @ApiProperty() instrument: string;
  @ApiProperty({ enum: RoadshowProjectStatus }) status: RoadshowProjectStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
}

export class RoadshowFollowUpDto implements RoadshowFollowUpView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) investorOrgId: string;
  @ApiProperty() investorOrgName: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() requestTitle: string;
  @ApiProperty() note: string;
  @ApiProperty() nextStep: string;
  @ApiProperty() createdByName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RoadshowSignUpViewDto implements RoadshowSignUpView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class RoadshowInvestorDto {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() name: string;
}

export class RoadshowSummaryDto implements RoadshowSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endsAt: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineLink: string | null;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ enum: RoadshowStatus }) status: RoadshowStatus;
  @ApiProperty() projects: number;
  @ApiProperty() investors: number;
  @ApiProperty() signUps: number;
}

export class RoadshowDto extends RoadshowSummaryDto implements RoadshowView {
  @ApiProperty() description: string;
  @ApiProperty() organiserName: string;
  @ApiProperty({ type: [RoadshowProjectDto] }) projectList: RoadshowProjectDto[];
  @ApiProperty({ type: [RoadshowInvestorDto] }) investorList: RoadshowInvestorDto[];
  @ApiProperty({ type: [RoadshowSignUpViewDto], description: '报名（管理者看到全部，金融机构成员看到本机构的）' }) signUpList: RoadshowSignUpViewDto[];
  @ApiProperty({ type: [RoadshowFollowUpDto], description: '跟进记录（经纪人、管理员；相关投资方与申请方看到与己有关的）' }) followUps: RoadshowFollowUpDto[];
  @ApiProperty() canManage: boolean;
  @ApiProperty() canSignUp: boolean;
  @ApiProperty() signedUp: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: '本人机构待答复的路演邀请（融资需求 id）' }) myInvitations: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) heldAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) cancelledAt: string | null;
  @ApiProperty() version: number;
}
