import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Locale, NotificationType, NotificationView, notificationText, Page } from '@ztt/contracts';
import { AppException } from '@ztt/platform';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Notification } from './notification.entity';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores in-app notifications inside the caller's transaction. */
  async notify(m: EntityManager, n: NotifyInput): Promise<void> {
    const userIds = await this.resolve(m, n.to);
    if (!userIds.length) return;
    await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(userIds.map((userId) => ({ userId, type: n.type, params: n.params, link: n.link ?? null, dedupeKey: n.dedupeKey })))
      .orIgnore()
      .execute();
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
    const rows = (
      'orgId' in to
        ? await m.query(`SELECT user_id FROM membership WHERE organisation_id = $1 AND status = 'active'`, [to.orgId])
        : await m.query(`SELECT r.user_id FROM platform_role_assignment r JOIN app_user u ON u.id = r.user_id WHERE r.role = 'admin' AND u.status = 'active'`)
    ) as { user_id: string }[];
    return rows.map((r) => r.user_id);
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
