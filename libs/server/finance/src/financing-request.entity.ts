import { FinanceProviderKind, FinancingConfidential, FinancingDisclosureStatus, FinancingInstrument, FinancingRequestStatus, FinancingStage } from '@ztt/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A financing request (融资需求) of an organisation, attached to exactly one achievement, need-side project or deal. */
@Entity('financing_request')
export class FinancingRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** the applicant organisation */
  @Column('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column('text') title: string;
  /** public to finance members, brokers and admins */
  @Column('text') summary: string;
  @Column({ type: 'uuid', nullable: true }) achievementId: string | null;
  @Column({ type: 'uuid', nullable: true }) needId: string | null;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  /** 元, numeric(16,2): read back as a string */
  @Column({ type: 'numeric', precision: 16, scale: 2 }) amount: string;
  @Column('text') instrument: FinancingInstrument;
  @Column('text') stage: FinancingStage;
  @Column('text') useOfFunds: string;
  @Column({ type: 'numeric', precision: 16, scale: 2, default: '0' }) raisedSoFar: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) chains: string[];
  @Column({ type: 'text', nullable: true }) region: string | null;
  /** financial details: applicant, admins, the deal's brokers, and finance orgs granted disclosure */
  @Column({ type: 'jsonb', default: () => "'{}'" }) confidential: FinancingConfidential;
  @Column({ type: 'text', default: FinancingRequestStatus.Draft }) status: FinancingRequestStatus;
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) arrangedAmount: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** What a finance organisation (bank, fund, guarantor, insurer) funds: one per organisation. */
@Entity('finance_profile')
export class FinanceProfile {
  @PrimaryColumn('uuid') orgId: string;
  @Column('text') kind: FinanceProviderKind;
  @Column({ type: 'text', array: true }) instruments: FinancingInstrument[];
  /** 元 */
  @Column({ type: 'numeric', precision: 16, scale: 2 }) ticketMin: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) ticketMax: string;
  @Column({ type: 'text', array: true }) stages: FinancingStage[];
  @Column({ type: 'text', array: true }) chains: string[];
  @Column({ type: 'text', array: true }) regions: string[];
  /** chain codes or keywords it will not fund */
  @Column({ type: 'text', array: true }) exclusions: string[];
  @Column('text') summary: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
}

/** A finance organisation's request to read a request's confidential part, and the applicant's decision. */
@Entity('financing_disclosure')
export class FinancingDisclosure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') requestId: string;
  @Column('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ type: 'text', default: 'requested' }) status: FinancingDisclosureStatus;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A scored pair of an open request and a finance profile (refreshed on publish/edit and on profile save). */
@Entity('financing_match')
export class FinancingMatch {
  @PrimaryColumn('uuid') requestId: string;
  @PrimaryColumn('uuid') orgId: string;
  @Column({ type: 'numeric', precision: 5, scale: 4 }) score: string;
  @Column({ type: 'text', array: true }) reasons: string[];
  @Column({ type: 'text', array: true }) reasonsEn: string[];
  @Column({ type: 'timestamptz', nullable: true }) notifiedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** A finance organisation's expressed interest in a request (once per request and organisation). */
@Entity('financing_interest')
export class FinancingInterest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') requestId: string;
  @Column('uuid') orgId: string;
  @Column('text') note: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A request a finance organisation saved on its watchlist. */
@Entity('financing_watch')
export class FinancingWatch {
  @PrimaryColumn('uuid') requestId: string;
  @PrimaryColumn('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
