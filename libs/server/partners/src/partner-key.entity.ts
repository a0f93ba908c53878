import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { PartnerScope, PartnerWebhookEvent } from '@ztt/contracts';

/** A partner organisation's API key. The secret itself is never stored: only its SHA-256. */
@Entity('partner_api_key')
export class PartnerApiKey {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** the visible part of the key, `ztt_<keyId>_<secret>`, which finds the row */
  @Column('text') keyId: string;
  @Column('bytea') secretHash: Buffer;
  @Column('uuid') orgId: string;
  @Column('text') name: string;
  @Column({ type: 'text', array: true }) scopes: PartnerScope[];
  @Column('integer') ratePerMinute: number;
  @Column({ type: 'text', nullable: true }) webhookUrl: string | null;
  @Column('timestamptz') expiresAt: Date;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) revokedBy: string | null;
}

/** One call made with a key: which key, which route, what it was answered, when. */
@Entity('partner_api_usage')
export class PartnerApiUsage {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') keyId: string;
  @Column('text') method: string;
  @Column('text') route: string;
  @Column('smallint') status: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
}

/** A webhook event a key's URL accepted: at most one per key, item and event. */
@Entity('partner_webhook_delivery')
export class PartnerWebhookDelivery {
  @PrimaryColumn('uuid') keyId: string;
  @PrimaryColumn('uuid') itemId: string;
  /** the item's version the event was about */
  @PrimaryColumn('integer') version: number;
  @Column('text') event: PartnerWebhookEvent;
  @Column('text') kind: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) deliveredAt: Date;
}

export const PARTNER_ENTITIES = [PartnerApiKey, PartnerApiUsage, PartnerWebhookDelivery];
