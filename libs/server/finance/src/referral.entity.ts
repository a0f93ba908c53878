import { PolicyConditionResult, ReferralStatus } from '@ztt/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A policy referral (政策性金融服务转介): a financing request sent, with the applicant's consent, to a bank for one programme. */
@Entity('financing_referral')
export class FinancingReferral {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') requestId: string;
  /** the programme's code in the policy configuration */
  @Column('text') programme: string;
  /** a finance organisation whose profile kind is bank */
  @Column('uuid') bankOrgId: string;
  /** the consent as the applicant gave it: when, by whom, its words */
  @Column({ type: 'timestamptz' }) consentAt: Date;
  @Column({ type: 'uuid', nullable: true }) consentBy: string | null;
  @Column('text') consentText: string;
  /** the conditions as evaluated when it was sent */
  @Column('jsonb') conditions: PolicyConditionResult[];
  @Column({ type: 'text', default: ReferralStatus.Sent }) status: ReferralStatus;
  @Column({ type: 'text', nullable: true }) bankNote: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
