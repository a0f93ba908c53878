import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import {
  ApplicationStatus,
  ChallengeMode,
  ChallengeStatus,
  Eligibility,
  Indicator,
  IndicatorPlan,
  MilestoneStatus,
  MilestoneTemplate,
  RubricCriterion,
  ApplicationTeamMember,
} from '@ztt/contracts';

@Entity('challenge')
export class Challenge {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') ownerOrgId: string;
  @Column('uuid') acceptorUserId: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column('text') title: string;
  @Column('text') background: string;
  @Column('jsonb') indicators: Indicator[];
  @Column({ type: 'text', array: true }) chains: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) industries: string[];
  /** numeric(15,2) in 元, read back as a string: money never becomes a float */
  @Column({ type: 'numeric', precision: 15, scale: 2 }) bounty: string;
  @Column('text') fundingSource: string;
  @Column('timestamptz') applicationDeadline: Date;
  @Column('integer') periodMonths: number;
  @Column('jsonb') eligibility: Eligibility;
  @Column('text') mode: ChallengeMode;
  @Column('integer') teams: number;
  @Column('jsonb') rubric: RubricCriterion[];
  @Column('jsonb') milestones: MilestoneTemplate[];
  @Column({ type: 'integer', default: 0 }) firstTrancheMinPercent: number;
  @Column({ type: 'text', default: ChallengeStatus.Draft }) status: ChallengeStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'text', nullable: true }) endReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) noticeEndsAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finalisedAt: Date | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('challenge_application')
export class ChallengeApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') challengeId: string;
  @Column('uuid') orgId: string;
  @Column('uuid') leadUserId: string;
  @Column('text') technicalRoute: string;
  @Column('jsonb') indicatorPlans: IndicatorPlan[];
  @Column('text') schedule: string;
  @Column({ type: 'numeric', precision: 15, scale: 2 }) budget: string;
  @Column({ type: 'text', default: '' }) budgetNotes: string;
  @Column('jsonb') team: ApplicationTeamMember[];
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) achievementIds: string[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) ipItems: { type: string; number: string; status: string }[];
  @Column({ type: 'text', default: ApplicationStatus.Submitted }) status: ApplicationStatus;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) submittedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('challenge_reviewer')
export class ChallengeReviewer {
  @PrimaryColumn('uuid') challengeId: string;
  @PrimaryColumn('uuid') userId: string;
  /** null until the reviewer has declared (an empty list: no conflicts) */
  @Column({ type: 'uuid', array: true, nullable: true }) conflictApplicationIds: string[] | null;
  @Column({ type: 'text', nullable: true }) statement: string | null;
  @Column({ type: 'timestamptz', nullable: true }) declaredAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) addedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('challenge_score')
export class ChallengeScore {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') applicationId: string;
  @Column('uuid') reviewerId: string;
  @Column({ type: 'integer', array: true }) scores: number[];
  @Column({ type: 'numeric', precision: 6, scale: 2 }) total: string;
  @Column({ type: 'text', default: '' }) comment: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) submittedAt: Date;
}

@Entity('challenge_decision')
export class ChallengeDecision {
  @PrimaryColumn('uuid') challengeId: string;
  @Column({ type: 'uuid', array: true }) winnerApplicationIds: string[];
  @Column('text') rationale: string;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) decidedAt: Date;
  @Column('timestamptz') noticeEndsAt: Date;
}

@Entity('challenge_objection')
export class ChallengeObjection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') challengeId: string;
  @Column('uuid') userId: string;
  @Column('text') text: string;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ type: 'uuid', nullable: true }) answeredBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) answeredAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('challenge_milestone')
export class ChallengeMilestone {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') challengeId: string;
  @Column('uuid') applicationId: string;
  @Column('integer') seq: number;
  @Column('text') title: string;
  @Column('text') deliverables: string;
  /** a calendar date, "YYYY-MM-DD" */
  @Column('date') dueDate: string;
  @Column('integer') sharePercent: number;
  @Column({ type: 'numeric', precision: 15, scale: 2 }) amount: string;
  @Column({ type: 'text', default: MilestoneStatus.Planned }) status: MilestoneStatus;
  @Column({ type: 'text', nullable: true }) report: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) indicatorResults: { indicator: number; value: string; note?: string }[];
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
}

@Entity('challenge_payment')
export class ChallengePayment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') milestoneId: string;
  @Column('uuid') applicationId: string;
  @Column({ type: 'numeric', precision: 15, scale: 2 }) amount: string;
  @Column('date') paidOn: string;
  @Column({ type: 'uuid', nullable: true }) recordedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('challenge_file')
export class ChallengeFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') ownerType: 'application' | 'milestone';
  @Column('uuid') ownerId: string;
  @Column('text') fileName: string;
  @Column('text') storedName: string;
  @Column('text') mimeType: string;
  @Column('integer') size: number;
  @Column({ type: 'uuid', nullable: true }) uploadedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const CHALLENGE_ENTITIES = [
  Challenge,
  ChallengeApplication,
  ChallengeReviewer,
  ChallengeScore,
  ChallengeDecision,
  ChallengeObjection,
  ChallengeMilestone,
  ChallengePayment,
  ChallengeFile,
];
