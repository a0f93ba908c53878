import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
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
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
