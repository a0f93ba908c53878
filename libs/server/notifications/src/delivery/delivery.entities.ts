import type { WebhookKind } from '@ztt/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A user's delivery channels besides the in-app bell; no row means email on, no webhook. */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn('uuid') userId: string;
  @Column({ type: 'boolean', default: true }) email: boolean;
  @Column({ type: 'text', nullable: true }) webhookUrl: string | null;
  @Column({ type: 'text', nullable: true }) webhookKind: WebhookKind | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One row per (notification, channel): the job sends only rows still pending, so a retry never sends twice. */
@Entity('notification_delivery')
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') notificationId: string;
  @Column('text') channel: DeliveryChannel;
  @Column({ type: 'text', default: 'pending' }) status: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
  /** Until when its sender holds it (see NotificationDeliveryProcessor.deliverChannel); null when no one does. */
  @Column({ type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
