/**
 * 揭榜挂帅 open challenges: a published hard problem with measurable indicators and a bounty,
 * team applications (揭榜), panel review, public notice (公示), award, milestones and payments.
 */

export enum ChallengeStatus {
  Draft = 'draft',
  /** drafted by an enterprise and waiting for a platform admin's approval */
  Submitted = 'submitted',
  /** open for applications */
  Published = 'published',
  Reviewing = 'reviewing',
  /** 公示: the decision is public and open to objections */
  Notice = 'notice',
  InProgress = 'in_progress',
  Completed = 'completed',
  Terminated = 'terminated',
  Cancelled = 'cancelled',
}

export enum ChallengeMode {
  /** one winning team */
  Single = 'single',
  /** 赛马制: several teams in parallel, eliminated at milestone reviews */
  HorseRace = 'horse_race',
}

export enum ApplicationStatus {
  Submitted = 'submitted',
  Withdrawn = 'withdrawn',
  UnderReview = 'under_review',
  /** chosen by the admin, during the public notice */
  Shortlisted = 'shortlisted',
  Awarded = 'awarded',
  NotAwarded = 'not_awarded',
  /** horse race: dropped after failing a milestone review */
  Eliminated = 'eliminated',
}

export enum MilestoneStatus {
  Planned = 'planned',
  Submitted = 'submitted',
  Accepted = 'accepted',
  SentBack = 'sent_back',
  /** the team was eliminated or the challenge terminated */
  Cancelled = 'cancelled',
}

/** The public board's groups. */
export const BOARD_GROUPS = ['open', 'closed', 'awarded'] as const;
export type BoardGroup = (typeof BOARD_GROUPS)[number];

export const CHALLENGE_LIMITS = {
  titleMax: 100,
  textMax: 4000,
  indicatorsMin: 1,
  indicatorsMax: 20,
  criteriaMin: 1,
  criteriaMax: 10,
  milestonesMin: 1,
  milestonesMax: 12,
  /** the project period is at most three years */
  periodMonthsMax: 36,
  horseRaceTeamsMax: 5,
  teamMax: 30,
  objectionDaysMax: 30,
  objectionsMax: 2000,
  /** money in 元 with at most two decimals, up to 10^13 */
  money: /^\d{1,13}(\.\d{1,2})?$/,
};

export interface Indicator {
  /** 指标 */
  name: string;
  /** 目标值 */
  target: string;
  unit: string;
  /** 验证方式 */
  verification: string;
}

export interface RubricCriterion {
  name: string;
  /** integer weight; the weights of a rubric sum to 100 */
  weight: number;
  description?: string;
}

export interface MilestoneTemplate {
  title: string;
  deliverables: string;
  /** days after the award becomes final */
  dueOffsetDays: number;
  /** integer percent of the bounty; the shares sum to 100 */
  sharePercent: number;
}

export interface Eligibility {
  /** organisation type codes allowed; empty = any */
  orgTypes: string[];
  /** region codes allowed; empty = any */
  regions: string[];
  /** the applying organisation must own intellectual property (an achievement with IP items) */
  mustOwnIp: boolean;
}

export interface ChallengeInput {
  ownerOrgId: string;
  /** the member of the owner organisation who accepts deliverables */
  acceptorUserId: string;
  title: string;
  background: string;
  indicators: Indicator[];
  chains: string[];
  /** 榜额 in 元, as a decimal string */
  bounty: string;
  fundingSource: string;
  /** ISO timestamp */
  applicationDeadline: string;
  periodMonths: number;
  eligibility: Eligibility;
  mode: ChallengeMode;
  /** horse race: how many teams are funded in parallel (1 for a single award) */
  teams: number;
  rubric: RubricCriterion[];
  milestones: MilestoneTemplate[];
  /** the first milestone (the tranche after signing) must carry at least this share */
  firstTrancheMinPercent: number;
}

export interface ChallengeView extends Omit<ChallengeInput, 'ownerOrgId' | 'acceptorUserId'> {
  id: string;
  status: ChallengeStatus;
  ownerOrgId: string;
  ownerOrgName: string;
  acceptorUserId: string;
  acceptorName: string;
  industries: string[];
  rejectionReason: string | null;
  publishedAt: string | null;
  noticeEndsAt: string | null;
  applicationCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** what the caller may do here */
  can: { edit: boolean; apply: boolean; manage: boolean; acceptDeliverables: boolean };
  /** the caller's organisations' live application, if any */
  myApplicationId: string | null;
}

export interface ChallengeSummary {
  id: string;
  title: string;
  status: ChallengeStatus;
  mode: ChallengeMode;
  bounty: string;
  chains: string[];
  applicationDeadline: string;
  ownerOrgName: string;
  applicationCount: number;
  publishedAt: string | null;
}

export interface ApplicationTeamMember {
  name: string;
  role: string;
  userId?: string | null;
}

export interface IndicatorPlan {
  /** index into the challenge's indicators */
  indicator: number;
  plan: string;
}

export interface ApplicationInput {
  orgId: string;
  technicalRoute: string;
  indicatorPlans: IndicatorPlan[];
  schedule: string;
  /** budget in 元 */
  budget: string;
  budgetNotes: string;
  team: ApplicationTeamMember[];
  achievementIds: string[];
  ipItems: { type: string; number: string; status: string }[];
}

export interface ChallengeFileView {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  createdAt: string;
}

export interface ApplicationView extends Omit<ApplicationInput, 'orgId'> {
  id: string;
  challengeId: string;
  challengeTitle: string;
  orgId: string;
  orgName: string;
  leadUserId: string;
  leadName: string;
  status: ApplicationStatus;
  submittedAt: string;
  version: number;
  attachments: ChallengeFileView[];
  canEdit: boolean;
}

export interface ScoreView {
  reviewerId: string;
  reviewerName: string;
  scores: number[];
  total: string;
  comment: string;
  submittedAt: string;
}

/** What a reviewer sees of one application. */
export interface ReviewApplicationView {
  application: ApplicationView;
  rubric: RubricCriterion[];
  myScore: ScoreView | null;
  /** other reviewers' scores: only once the reader has submitted their own */
  otherScores: ScoreView[] | null;
}

export interface ReviewerPanelView {
  challenge: ChallengeSummary;
  declared: boolean;
  conflictApplicationIds: string[];
  applications: {
    id: string;
    orgName: string;
    status: ApplicationStatus;
    /** automatically excluded (own organisation or team member) or declared conflict */
    excluded: 'own-org' | 'team-member' | 'declared' | null;
    scored: boolean;
  }[];
}

export interface PanelView {
  reviewers: { userId: string; displayName: string; email: string; declared: boolean; scored: number }[];
  candidates: { userId: string; displayName: string; email: string }[];
}

export interface RankingEntry {
  applicationId: string;
  orgName: string;
  status: ApplicationStatus;
  /** aggregate of the weighted totals, two decimals; null until scored */
  aggregate: string | null;
  scoreCount: number;
  totals: string[];
  rank: number | null;
}

export interface ObjectionView {
  id: string;
  text: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  /** only to the objector and admins */
  mine: boolean;
}

export interface NoticeView {
  challengeId: string;
  title: string;
  status: ChallengeStatus;
  mode: ChallengeMode;
  rationale: string;
  decidedAt: string;
  noticeEndsAt: string;
  windowOpen: boolean;
  winners: { applicationId: string; orgName: string; aggregate: string | null }[];
  objections: ObjectionView[];
}

export interface MilestoneView {
  id: string;
  challengeId: string;
  applicationId: string;
  orgName: string;
  seq: number;
  title: string;
  deliverables: string;
  dueDate: string;
  sharePercent: number;
  /** this team's tranche in 元 */
  amount: string;
  status: MilestoneStatus;
  report: string | null;
  indicatorResults: { indicator: number; value: string; note?: string }[];
  comment: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  payment: { amount: string; paidOn: string } | null;
  files: ChallengeFileView[];
  can: { submit: boolean; review: boolean; eliminate: boolean };
}

export interface ChallengeSuggestion {
  achievementId: string;
  title: string;
  orgId: string;
  orgName: string;
  score: number;
  reason: string;
}

/** What a deal opened "for a challenge award" needs to know. */
export interface ChallengeAward {
  challengeId: string;
  title: string;
  ownerOrgId: string;
  bounty: string;
  winners: { applicationId: string; orgId: string; status: ApplicationStatus }[];
  finalisedAt: string | null;
}
