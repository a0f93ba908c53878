import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PaymentStatus, RoyaltyBase, RoyaltyReportStatus } from '@ztt/contracts';

/** A payment the payer (the demand side) recorded against a schedule line; the receiver confirms or rejects it. */
@Entity('contract_payment')
export class ContractPayment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('uuid') scheduleItemId: string;
  /** 元 */
  @Column({ type: 'numeric', precision: 16, scale: 2 }) amount: string;
  @Column('date') paidOn: string;
  @Column({ type: 'uuid', nullable: true }) proofDocumentId: string | null;
  @Column({ type: 'text', default: 'recorded' }) status: PaymentStatus;
  @Column({ type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) recordedAt: Date;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) rejectReason: string | null;
  /** 奖酬: the inventors' part of this payment, 元 */
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) inventorShare: string | null;
}

/** The licensee's sales (or profit) for one reporting period, and the royalty computed from them. */
@Entity('royalty_report')
export class RoyaltyReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('uuid') scheduleItemId: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) baseAmount: string;
  @Column('text') base: RoyaltyBase;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) rate: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) royalty: string;
  @Column({ type: 'text', default: '' }) note: string;
  @Column({ type: 'text', default: 'submitted' }) status: RoyaltyReportStatus;
  @Column({ type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) submittedAt: Date;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) disputeReason: string | null;
}
