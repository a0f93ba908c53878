import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Locale, NotificationType, NotificationView, notificationText, Page } from '@ztt/contracts';
import { AppException, OutboxTopic, writeOutbox } from '@ztt/platform';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Notification } from './notification.entity';
import { Recipients } from './recipients';

export type Audience =
  | { userIds: string[] }
  /** every active member of an organisation */
  | { orgId: string }
  /** every platform admin */
  | { platformAdmins: true };

export interface NotifyInput {
  to: Audience;
  type: NotificationType;
  params: Record<string, string>;
  link?: string;
  /** Identifies the event: the same (user, key) is stored once, so retries never notify twice. */
  dedupeKey: string;
}

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recipients: Recipients,
  ) {}

  /**
   * Stores in-app notifications inside the caller's transaction, with a pending delivery row per
   * channel each recipient has on (email unless turned off; webhook when a URL is set) and an
   * outbox row per notification that has any, which the worker relays to a delivery job.
   */
  async notify(m: EntityManager, n: NotifyInput): Promise<void> {
    const userIds = await this.resolve(m, n.to);
    if (!userIds.length) return;
    const inserted = (await m.query(
      `INSERT INTO notification (user_id, type, params, link, dedupe_key)
       SELECT u, $2, $3::jsonb, $4, $5 FROM unnest($1::uuid[]) AS u
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [userIds, n.type, JSON.stringify(n.params), n.link ?? null, n.dedupeKey],
    )) as { id: string }[];
    if (!inserted.length) return;
    const queued = (await m.query(
      `INSERT INTO notification_delivery (notification_id, channel)
       SELECT n.id, ch.channel
         FROM notification n
         LEFT JOIN notification_preference p ON p.user_id = n.user_id
        CROSS JOIN (VALUES ('email'), ('webhook')) AS ch(channel)
        WHERE n.id = ANY($1::uuid[])
          AND CASE ch.channel WHEN 'email' THEN coalesce(p.email, true) ELSE p.webhook_url IS NOT NULL END
       ON CONFLICT (notification_id, channel) DO NOTHING
       RETURNING notification_id`,
      [inserted.map((r) => r.id)],
    )) as { notification_id: string }[];
    for (const id of new Set(queued.map((r) => r.notification_id))) await writeOutbox(m, OutboxTopic.NotificationCreated, id);
  }

  async list(userId: string, locale: Locale, page: number, pageSize: number): Promise<Page<NotificationView>> {
    const [rows, total] = await this.db.getRepository(Notification).findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map((n) => view(n, locale)), total, page, pageSize };
  }

  unreadCount(userId: string): Promise<number> {
    return this.db.getRepository(Notification).countBy({ userId, readAt: IsNull() });
  }

  async markRead(userId: string, id: string): Promise<void> {
    const res = await this.db.getRepository(Notification).update({ id, userId }, { readAt: () => 'coalesce(read_at, now())' });
    if (res.affected !== 1) throw AppException.notFound();
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db.getRepository(Notification).update({ userId, readAt: IsNull() }, { readAt: () => 'now()' });
  }

  private async resolve(m: EntityManager, to: Audience): Promise<string[]> {
    if ('userIds' in to) return [...new Set(to.userIds)];
    return 'orgId' in to ? this.recipients.membersOf(to.orgId, m) : this.recipients.platformAdmins(m);
  }

  /** How many notifications carry `dedupeKey` (what a reminder that must go once a day reads back). */
  async countByDedupeKey(m: EntityManager, dedupeKey: string): Promise<number> {
    return m.getRepository(Notification).countBy({ dedupeKey });
  }
}

function view(n: Notification, locale: Locale): NotificationView {
  return {
    id: n.id,
    type: n.type,
    title: notificationText(n.type, 'title', locale, n.params),
    body: notificationText(n.type, 'body', locale, n.params),
    link: n.link,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}
