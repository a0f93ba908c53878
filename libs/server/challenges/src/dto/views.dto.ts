import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApplicationStatus,
  ApplicationView,
  ChallengeFileView,
  ChallengeMode,
  ChallengeStatus,
  ChallengeSuggestion,
  ChallengeSummary,
  ChallengeView,
  MilestoneStatus,
  MilestoneView,
  NoticeView,
  ObjectionView,
  PanelView,
  RankingEntry,
  ReviewApplicationView,
  ReviewerPanelView,
  ScoreView,
} from '@ztt/contracts';
import { PageOf } from '@ztt/platform';
import { ApplicationIpDto, IndicatorPlanDto, ApplicationTeamMemberDto } from './application.dto';
import { EligibilityDto, IndicatorDto, MilestoneTemplateDto, RubricCriterionDto } from './challenge.dto';

export class ChallengeFileViewDto implements ChallengeFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() size: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class ChallengeAbilitiesDto {
  @ApiProperty() edit: boolean;
  @ApiProperty() apply: boolean;
  @ApiProperty() manage: boolean;
  @ApiProperty() acceptDeliverables: boolean;
}

export class ChallengeViewDto implements ChallengeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ChallengeStatus }) status: ChallengeStatus;
  @ApiProperty({ format: 'uuid' }) ownerOrgId: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty({ format: 'uuid' }) acceptorUserId: string;
  @ApiProperty() acceptorName: string;
  @ApiProperty() title: string;
  @ApiProperty() background: string;
  @ApiProperty({ type: [IndicatorDto] }) indicators: IndicatorDto[];
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ example: '3000000.00', description: '榜额（元）' }) bounty: string;
  @ApiProperty() fundingSource: string;
  @ApiProperty({ format: 'date-time' }) applicationDeadline: string;
  @ApiProperty() periodMonths: number;
  @ApiProperty({ type: EligibilityDto }) eligibility: EligibilityDto;
  @ApiProperty({ enum: ChallengeMode }) mode: ChallengeMode;
  @ApiProperty() teams: number;
  @ApiProperty({ type: [RubricCriterionDto] }) rubric: RubricCriterionDto[];
  @ApiProperty({ type: [MilestoneTemplateDto] }) milestones: MilestoneTemplateDto[];
  @ApiProperty() firstTrancheMinPercent: number;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) noticeEndsAt: string | null;
  @ApiProperty() applicationCount: number;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: ChallengeAbilitiesDto }) can: ChallengeAbilitiesDto;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) myApplicationId: string | null;
}

export class ChallengeSummaryDto implements ChallengeSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ChallengeStatus }) status: ChallengeStatus;
  @ApiProperty({ enum: ChallengeMode }) mode: ChallengeMode;
  @ApiProperty({ example: '3000000.00' }) bounty: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ format: 'date-time' }) applicationDeadline: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty() applicationCount: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
}

export const ChallengeSummaryPageDto = PageOf(ChallengeSummaryDto, 'ChallengeSummaryPageDto');

export class ApplicationViewDto implements ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() challengeTitle: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ format: 'uuid' }) leadUserId: string;
  @ApiProperty() leadName: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty() technicalRoute: string;
  @ApiProperty({ type: [IndicatorPlanDto] }) indicatorPlans: IndicatorPlanDto[];
  @ApiProperty() schedule: string;
  @ApiProperty({ example: '2800000.00' }) budget: string;
  @ApiProperty() budgetNotes: string;
  @ApiProperty({ type: [ApplicationTeamMemberDto] }) team: ApplicationTeamMemberDto[];
  @ApiProperty({ type: [String], format: 'uuid' }) achievementIds: string[];
  @ApiProperty({ type: [ApplicationIpDto] }) ipItems: ApplicationIpDto[];
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [ChallengeFileViewDto] }) attachments: ChallengeFileViewDto[];
  @ApiProperty() canEdit: boolean;
}

export const ApplicationPageDto = PageOf(ApplicationViewDto, 'ApplicationPageDto');

export class ScoreViewDto implements ScoreView {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty({ type: [Number] }) scores: number[];
  @ApiProperty({ example: '83.00' }) total: string;
  @ApiProperty() comment: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class ReviewApplicationViewDto implements ReviewApplicationView {
  @ApiProperty({ type: ApplicationViewDto }) application: ApplicationViewDto;
  @ApiProperty({ type: [RubricCriterionDto] }) rubric: RubricCriterionDto[];
  @ApiProperty({ type: ScoreViewDto, nullable: true }) myScore: ScoreViewDto | null;
  @ApiProperty({ type: [ScoreViewDto], nullable: true, description: '本人提交评分前为 null' }) otherScores: ScoreViewDto[] | null;
}

class PanelApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty({ enum: ['own-org', 'team-member', 'declared'], nullable: true, type: String }) excluded: 'own-org' | 'team-member' | 'declared' | null;
  @ApiProperty() scored: boolean;
}

export class ReviewerPanelViewDto implements ReviewerPanelView {
  @ApiProperty({ type: ChallengeSummaryDto }) challenge: ChallengeSummaryDto;
  @ApiProperty() declared: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) conflictApplicationIds: string[];
  @ApiProperty({ type: [PanelApplicationDto] }) applications: PanelApplicationDto[];
}

class PanelReviewerDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty() declared: boolean;
  @ApiProperty() scored: number;
}

class PanelCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
}

export class PanelViewDto implements PanelView {
  @ApiProperty({ type: [PanelReviewerDto] }) reviewers: PanelReviewerDto[];
  @ApiProperty({ type: [PanelCandidateDto] }) candidates: PanelCandidateDto[];
}

export class RankingEntryDto implements RankingEntry {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty({ type: String, nullable: true, example: '78.00' }) aggregate: string | null;
  @ApiProperty() scoreCount: number;
  @ApiProperty({ type: [String] }) totals: string[];
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
}

export class ObjectionViewDto implements ObjectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() mine: boolean;
}

class NoticeWinnerDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ type: String, nullable: true }) aggregate: string | null;
}

export class NoticeViewDto implements NoticeView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ChallengeStatus }) status: ChallengeStatus;
  @ApiProperty({ enum: ChallengeMode }) mode: ChallengeMode;
  @ApiProperty() rationale: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
  @ApiProperty({ format: 'date-time' }) noticeEndsAt: string;
  @ApiProperty() windowOpen: boolean;
  @ApiProperty({ type: [NoticeWinnerDto] }) winners: NoticeWinnerDto[];
  @ApiProperty({ type: [ObjectionViewDto] }) objections: ObjectionViewDto[];
}

class IndicatorResultViewDto {
  @ApiProperty() indicator: number;
  @ApiProperty() value: string;
  @ApiPropertyOptional() note?: string;
}

class PaymentViewDto {
  @ApiProperty({ example: '1800000.00' }) amount: string;
  @ApiProperty({ format: 'date' }) paidOn: string;
}

class MilestoneAbilitiesDto {
  @ApiProperty() submit: boolean;
  @ApiProperty() review: boolean;
  @ApiProperty() eliminate: boolean;
}

export class MilestoneViewDto implements MilestoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() seq: number;
  @ApiProperty() title: string;
  @ApiProperty() deliverables: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() sharePercent: number;
  @ApiProperty({ example: '1800000.00', description: '本团队该笔拨付（元）' }) amount: string;
  @ApiProperty({ enum: MilestoneStatus }) status: MilestoneStatus;
  @ApiProperty({ type: String, nullable: true }) report: string | null;
  @ApiProperty({ type: [IndicatorResultViewDto] }) indicatorResults: IndicatorResultViewDto[];
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: PaymentViewDto, nullable: true }) payment: PaymentViewDto | null;
  @ApiProperty({ type: [ChallengeFileViewDto] }) files: ChallengeFileViewDto[];
  @ApiProperty({ type: MilestoneAbilitiesDto }) can: MilestoneAbilitiesDto;
}

export class ChallengeSuggestionDto implements ChallengeSuggestion {
  @ApiProperty({ format: 'uuid' }) achievementId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ description: '推荐理由（读者语言）' }) reason: string;
}
