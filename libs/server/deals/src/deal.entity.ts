import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CommissionKind, CommissionStatus, ContractTerms, DealAudience, DealContact, DealDocumentKind, DealKind, DealLostReason, DealStage, TrialOutcome } from '@ztt/contracts';
import { ContractPayment, RoyaltyReport } from './contract-payment.entity';
import { ContractScheduleItem } from './contract-schedule-item.entity';
import { DealApproval } from './deal-approval.entity';
import { DealBrokerRating } from './deal-broker-rating.entity';

/** A broker-managed negotiation between a need's owner (demand) and an achievement's owner (supply). */
@Entity('deal')
export class Deal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column({ type: 'uuid', nullable: true }) matchId: string | null;
  @Column({ type: 'uuid', nullable: true }) needId: string | null;
  @Column({ type: 'uuid', nullable: true }) achievementId: string | null;
  @Column({ type: 'uuid', nullable: true }) challengeId: string | null;
  @Column('uuid') demandOrgId: string;
  @Column('uuid') supplyOrgId: string;
  @Column({ type: 'jsonb', nullable: true }) demandContact: DealContact | null;
  @Column({ type: 'jsonb', nullable: true }) supplyContact: DealContact | null;
  @Column('uuid') leadBrokerId: string;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) coBrokerIds: string[];
  @Column({ type: 'text', default: DealStage.Lead }) stage: DealStage;
  @Column({ type: 'timestamptz', default: () => 'now()' }) stageChangedAt: Date;
  @Column({ type: 'text', nullable: true }) lostReason: DealLostReason | null;
  @Column({ type: 'text', nullable: true }) lostNote: string | null;
  /** 元, numeric(16,2): read back as a string, never a float */
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) expectedValue: string | null;
  @Column({ type: 'text', nullable: true }) cooperationMode: string | null;
  @Column({ type: 'text', default: '' }) nextStep: string;
  @Column({ type: 'date', nullable: true }) nextStepDue: string | null;
  @Column({ type: 'uuid', nullable: true }) ndaDocumentId: string | null;
  @Column({ type: 'date', nullable: true }) ndaSignedOn: string | null;
  @Column({ type: 'text', nullable: true }) commissionKind: CommissionKind | null;
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true }) commissionRate: string | null;
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) commissionAmount: string | null;
  @Column({ type: 'text', default: 'none' }) commissionStatus: CommissionStatus;
  @Column({ type: 'uuid', nullable: true }) commissionProposedBy: string | null;
  @Column({ type: 'uuid', nullable: true }) commissionDecidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) commissionDecidedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) lastActivityAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) idleRemindedAt: Date | null;
  /** the 先用后转 trial deal this licence or transfer was converted from */
  @Column({ type: 'uuid', nullable: true }) convertedFromDealId: string | null;
  /** 'technology' (a need and an achievement, up to a registered contract) or 'financing' (a financing request, up to closed) */
  @Column({ type: 'text', default: 'technology' }) kind: DealKind;
  /** the financing request of a financing deal (the finance lib owns it) */
  @Column({ type: 'uuid', nullable: true }) financingRequestId: string | null;
  /** 元 arranged when a financing deal closes */
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) arrangedAmount: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** The shared timeline: what both parties and the brokers see (never the private notes). */
@Entity('deal_event')
export class DealEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('text') type: 'created' | 'stage' | 'document' | 'message' | 'contract' | 'commission' | 'fulfilment';
  @Column({ type: 'text', nullable: true }) fromStage: DealStage | null;
  @Column({ type: 'text', nullable: true }) toStage: DealStage | null;
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail: Record<string, string | null>;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

/** Private to the deal's brokers. */
@Entity('deal_note')
export class DealNote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column({ type: 'uuid', nullable: true }) authorId: string | null;
  @Column('text') body: string;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

@Entity('deal_task')
export class DealTask {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('text') title: string;
  @Column('timestamptz') dueAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) remindAt: Date | null;
  @Column('uuid') assigneeId: string;
  @Column({ type: 'timestamptz', nullable: true }) doneAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

/** One version of a document; a new upload with the same kind and title is the next version. */
@Entity('deal_document')
export class DealDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('text') kind: DealDocumentKind;
  @Column('text') title: string;
  @Column('integer') version: number;
  @Column('text') fileName: string;
  @Column('text') storedName: string;
  @Column('text') mimeType: string;
  @Column('integer') size: number;
  /** shown to both parties; otherwise to the brokers only */
  @Column({ type: 'boolean', default: true }) shared: boolean;
  @Column({ type: 'uuid', nullable: true }) uploadedBy: string | null;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

@Entity('deal_message')
export class DealMessage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column({ type: 'uuid', nullable: true }) authorId: string | null;
  @Column('text') audience: DealAudience;
  @Column('text') body: string;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

/** 技术合同认定登记: the signed contract as the registration office records it. */
@Entity('contract_registration')
export class ContractRegistration {
  @PrimaryColumn('uuid') dealId: string;
  @Column({ type: 'text', default: '' }) contractNo: string;
  @Column('text') contractName: string;
  @Column('text') contractType: string;
  @Column('text') contractSubtype: string;
  @Column('text') buyerName: string;
  @Column('text') buyerCreditCode: string;
  @Column('text') sellerName: string;
  @Column('text') sellerCreditCode: string;
  @Column('date') signedOn: string;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) totalAmount: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) techAmount: string;
  @Column('text') paymentTerms: string;
  /** structured terms per transfer model; null for contracts recorded without them */
  @Column({ type: 'jsonb', nullable: true }) terms: ContractTerms | null;
  @Column({ type: 'uuid', nullable: true }) sourceNeedId: string | null;
  @Column({ type: 'uuid', nullable: true }) sourceAchievementId: string | null;
  @Column({ type: 'uuid', nullable: true }) sourceChallengeId: string | null;
  @Column({ type: 'text', nullable: true }) registrationNumber: string | null;
  @Column({ type: 'date', nullable: true }) registeredOn: string | null;
  @Column({ type: 'uuid', nullable: true }) recordedBy: string | null;
  /** 先用后转: how the trial ended, when, why, and the deal it converted into */
  @Column({ type: 'text', nullable: true }) trialOutcome: TrialOutcome | null;
  @Column({ type: 'timestamptz', nullable: true }) trialDecidedAt: Date | null;
  @Column({ type: 'text', default: '' }) trialNote: string;
  @Column({ type: 'uuid', nullable: true }) convertedDealId: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

export const DEAL_ENTITIES = [
  Deal,
  DealEvent,
  DealNote,
  DealTask,
  DealDocument,
  DealMessage,
  ContractRegistration,
  ContractScheduleItem,
  ContractPayment,
  RoyaltyReport,
  DealApproval,
  DealBrokerRating,
];
