import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DealApprovalStatus } from '@ztt/contracts';

/**
 * The owning organisation's approval of a contract on a 职务科技成果 (service invention): its
 * tech-transfer office (the organisation's admins) approves or refuses, and an approval may set a
 * public notice period before the deal can be signed. At most one pending or approved per deal.
 */
@Entity('deal_approval')
export class DealApproval {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  /** the achievement's owner, whose admins decide */
  @Column('uuid') organisationId: string;
  @Column({ type: 'text', default: 'pending' }) status: DealApprovalStatus;
  @Column('uuid') requestedBy: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) requestedAt: Date;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'integer', default: 0 }) noticeDays: number;
  /** YYYY-MM-DD, Beijing: the day the notice ends and signing may go ahead; set on approval. */
  @Column({ type: 'date', nullable: true }) noticeEndsOn: string | null;
}
