import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ScheduleItemKind, ScheduleItemStatus } from '@ztt/contracts';

/** One line of a contract's fulfilment schedule, generated from its terms (payments and reminders hang off it later). */
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
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
