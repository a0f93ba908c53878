import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BrokerLevel, DismissReason, MatchBreakdown, MatchExplanation, MatchStatus } from '@ztt/contracts';

@Entity('match')
export class Match {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') needId: string;
  @Column('uuid') achievementId: string;
  /** numeric(5,4), read back as a string */
  @Column({ type: 'numeric', precision: 5, scale: 4 }) score: string;
  @Column('jsonb') breakdown: MatchBreakdown;
  @Column('jsonb') explanation: MatchExplanation;
  /** the reason in Chinese, as stored for the record (PIPL Art. 24) */
  @Column('text') reason: string;
  @Column({ type: 'text', default: MatchStatus.Proposed }) status: MatchStatus;
  @Column({ type: 'text', nullable: true }) dismissReason: DismissReason | null;
  @Column('text') source: 'publication' | 'refresh' | 'quarterly';
  /** The broker this match was handed to. */
  @Column({ type: 'uuid', nullable: true }) brokerId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) assignedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('broker_profile')
export class BrokerProfile {
  @PrimaryColumn('uuid') userId: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) chains: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) regions: string[];
  @Column({ type: 'integer', default: 50 }) capacity: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'text', nullable: true }) level: BrokerLevel | null;
  @Column({ type: 'text', nullable: true }) certificateNo: string | null;
  @Column({ type: 'date', nullable: true }) certificateIssuedOn: string | null;
  @Column({ type: 'date', nullable: true }) certificateExpiresOn: string | null;
  /** the broker firm (技术经理人事务所, an organisation) the broker works for */
  @Column({ type: 'uuid', nullable: true }) firmOrgId: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** One training a broker attended (学时 to one decimal). */
@Entity('broker_training')
export class BrokerTraining {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('date') heldOn: string;
  @Column('text') course: string;
  /** numeric(5,1): read back as a string */
  @Column({ type: 'numeric', precision: 5, scale: 1 }) hours: string;
  @Column('text') provider: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
