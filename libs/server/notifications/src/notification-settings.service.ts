import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationSettings, WebhookKind } from '@ztt/contracts';
import { APP_CONFIG, AppConfig, AppException } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { NotificationPreference } from './delivery/delivery.entities';
import { checkWebhookUrl } from './delivery/webhook-url';

@Injectable()
export class NotificationSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(userId: string): Promise<NotificationSettings> {
    const p = await this.db.getRepository(NotificationPreference).findOneBy({ userId });
    return { email: p?.email ?? true, webhookUrl: p?.webhookUrl ?? null, webhookKind: p?.webhookKind ?? null };
  }

  /** The webhook URL is checked here (and again before every send): https, and no internal address. */
  async put(userId: string, input: { email: boolean; webhookUrl?: string | null; webhookKind?: WebhookKind | null }): Promise<NotificationSettings> {
    const url = input.webhookUrl?.trim() || null;
    let kind: WebhookKind | null = null;
    if (url) {
      if (!input.webhookKind) throw AppException.validation([{ field: 'webhookKind', code: 'webhook_kind_required' }]);
      const checked = await checkWebhookUrl(url, { env: this.config.env, allowHosts: this.config.notify.webhookAllowHosts });
      if (!checked.ok) throw AppException.validation([{ field: 'webhookUrl', code: checked.problem }]);
      kind = input.webhookKind;
    }
    await this.db
      .createQueryBuilder()
      .insert()
      .into(NotificationPreference)
      .values({ userId, email: input.email, webhookUrl: url, webhookKind: kind, updatedAt: () => 'now()' })
      .orUpdate(['email', 'webhook_url', 'webhook_kind', 'updated_at'], ['user_id'])
      .execute();
    return this.get(userId);
  }
}
