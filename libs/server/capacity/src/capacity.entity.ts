import { BookingStatus, CapacityKind, CapacityStatus, OpeningHours, PriceBasis, RunStatus } from '@ztt/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A pilot base, proof-of-concept centre or open production line (中试基地 / 概念验证中心 / 开放产线). */
@Entity('capacity_provider')
export class CapacityProvider {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') orgId: string;
  @Column('text') kind: CapacityKind;
  @Column('text') name: string;
  @Column('text') capabilities: string;
  @Column({ type: 'text', array: true }) tags: string[];
  @Column({ type: 'text', array: true }) chains: string[];
  @Column('smallint') trlMin: number;
  @Column('smallint') trlMax: number;
  @Column('text') scale: string;
  @Column('text') batchSize: string;
  @Column('text') priceBasis: PriceBasis;
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) priceAmount: string | null;
  @Column('text') contactName: string;
  @Column('text') contactPhone: string;
  @Column('text') contactEmail: string;
  @Column('text') region: string;
  @Column('text') address: string;
  @Column({ type: 'text', default: CapacityStatus.Pending }) status: CapacityStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  /** 省平台编号 etc.: kept for a later sync with the provincial database */
  @Column({ type: 'text', nullable: true }) provincialCode: string | null;
  @Column({ type: 'text', nullable: true }) provincialCategory: string | null;
  @Column({ type: 'text', nullable: true }) operatorCreditCode: string | null;
  @Column({ type: 'timestamptz', nullable: true }) provincialSyncedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A shared research instrument (共享仪器) and its booking rules. */
@Entity('shared_instrument')
export class SharedInstrument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) providerId: string | null;
  @Column('text') name: string;
  @Column('text') model: string;
  @Column('text') maker: string;
  @Column('text') capabilities: string;
  @Column({ type: 'text', array: true }) tags: string[];
  @Column('text') location: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) hourlyRate: string;
  @Column('jsonb') openingHours: (OpeningHours | null)[];
  @Column({ type: 'numeric', precision: 4, scale: 2 }) minHours: string;
  @Column({ type: 'numeric', precision: 4, scale: 2 }) maxHours: string;
  @Column('smallint') slotMinutes: number;
  @Column('smallint') leadHours: number;
  @Column('boolean') approvalRequired: boolean;
  @Column({ type: 'text', default: CapacityStatus.Pending }) status: CapacityStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'text', nullable: true }) provincialCode: string | null;
  @Column({ type: 'text', nullable: true }) provincialCategory: string | null;
  @Column({ type: 'text', nullable: true }) operatorCreditCode: string | null;
  @Column({ type: 'timestamptz', nullable: true }) provincialSyncedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A booking of an instrument: `slot` is a tstzrange "[start,end)"; requested or approved ones never overlap (database constraint). */
@Entity('instrument_booking')
export class InstrumentBooking {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') instrumentId: string;
  @Column('uuid') userId: string;
  @Column('tstzrange') slot: string;
  @Column({ type: 'numeric', precision: 6, scale: 2 }) hours: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) amount: string;
  @Column('text') purpose: string;
  @Column('text') status: BookingStatus;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true }) hoursUsed: string | null;
  @Column({ type: 'smallint', nullable: true }) rating: number | null;
  @Column({ type: 'text', nullable: true }) ratingComment: string | null;
  @Column({ type: 'timestamptz', nullable: true }) ratedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}

/** A verification or pilot run (验证/中试服务) of an achievement at a provider. */
@Entity('verification_run')
export class VerificationRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') providerId: string;
  @Column('uuid') achievementId: string;
  @Column('uuid') orgId: string;
  @Column({ type: 'uuid', nullable: true }) requesterId: string | null;
  @Column('text') goal: string;
  @Column('date') wishFrom: string;
  @Column('date') wishTo: string;
  @Column({ type: 'date', nullable: true }) scheduledFrom: string | null;
  @Column({ type: 'date', nullable: true }) scheduledTo: string | null;
  @Column('smallint') trlBefore: number;
  @Column({ type: 'smallint', nullable: true }) trlReached: number | null;
  @Column({ type: 'text', nullable: true }) result: string | null;
  @Column({ type: 'text', default: RunStatus.Requested }) status: RunStatus;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Column({ type: 'smallint', nullable: true }) rating: number | null;
  @Column({ type: 'text', nullable: true }) ratingComment: string | null;
  @Column({ type: 'timestamptz', nullable: true }) ratedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}

export const CAPACITY_ENTITY_LIST = [CapacityProvider, SharedInstrument, InstrumentBooking, VerificationRun];
