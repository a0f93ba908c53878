import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ScheduleItemKind, ScheduleItemStatus } from '@ztt/contracts';

/** One line of a contract's fulfilment schedule, generated from its terms; payments and royalty reports are held against it. */
@Entity('contract_schedule_item')
export class ContractScheduleItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') dealId: string;
  @Column('integer') seq: number;
  @Column('text') kind: ScheduleItemKind;
  @Column('date') dueOn: string;
  /** 元, numeric(16,2); null where not known in advance */
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) amount: string | null;
  @Column('text') label: string;
  @Column({ type: 'text', default: 'due' }) status: ScheduleItemStatus;
  /** paid in full, accepted, decided or passed on this day */
  @Column({ type: 'date', nullable: true }) settledOn: string | null;
  /** the reminder before the due day went out (once) */
  @Column({ type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  /** the overdue notice went out (once) */
  @Column({ type: 'timestamptz', nullable: true }) overdueNotifiedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
