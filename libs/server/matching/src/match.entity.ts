import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DismissReason, MatchBreakdown, MatchExplanation, MatchStatus } from '@ztt/contracts';

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
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
