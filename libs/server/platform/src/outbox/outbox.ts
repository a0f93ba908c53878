import { Column, Entity, EntityManager, PrimaryGeneratedColumn } from 'typeorm';

/** A change announced by a write, stored in the same transaction; the worker relays it to jobs. */
@Entity('outbox')
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') topic: string;
  @Column('text') aggregateId: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) relayedAt: Date | null;
}

export enum OutboxTopic {
  NeedChanged = 'need.changed',
  AchievementChanged = 'achievement.changed',
  /** A notification was stored; its email/webhook deliveries wait in notification_delivery. */
  NotificationCreated = 'notification.created',
}

/** Call inside the transaction of the write it announces, with that transaction's manager. */
export async function writeOutbox(manager: EntityManager, topic: OutboxTopic, aggregateId: string): Promise<void> {
  await manager.insert(OutboxEntry, { topic, aggregateId });
}
