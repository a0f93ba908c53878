import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind, PartnerScope } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { checkWebhookUrl, postWebhook } from '@ztt/notifications';
import { APP_CONFIG, AppConfig, JobHandler, JobName, JobOf, JobOutcome, OnOutbox, OutboxTopic, QueueService, RelayedRows } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { PartnerApiKey, PartnerWebhookDelivery } from './partner-key.entity';

/** What a partner's webhook URL receives: a published item's public fields only. */
export interface PartnerWebhookPayload {
  event: 'published';
  kind: ItemKind;
  id: string;
  title: string;
  url: string;
}

const EVENT = 'published' as const;

/** The one job id of a key, item and event: a relay run again queues nothing new. */
const webhookJobId = (keyId: string, itemId: string) => `partner-webhook-${keyId}-${itemId}-${EVENT}`;

/**
 * The `webhooks` scope: when a need or an achievement is published, every active key holding the
 * scope gets one POST at its webhook URL (event, kind, id, title, url), at most once per key, item
 * and event. The outbox handler queues one job per key and item; the job checks again that the
 * item is published and the key active, posts through the notifications' webhook sender (the same
 * URL checks as users' robots), and records the delivery.
 */
@Injectable()
export class PartnerWebhooks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
    private readonly catalogue: CatalogueReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnOutbox(OutboxTopic.NeedChanged, { queues: [JobName.PartnerWebhook] })
  needsChanged(rows: RelayedRows): Promise<void> {
    return this.queuePublished('need', rows.aggregateIds);
  }

  @OnOutbox(OutboxTopic.AchievementChanged, { queues: [JobName.PartnerWebhook] })
  achievementsChanged(rows: RelayedRows): Promise<void> {
    return this.queuePublished('achievement', rows.aggregateIds);
  }

  private async queuePublished(kind: ItemKind, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const keys = await this.listeningKeys();
    if (!keys.length) return;
    const published = await this.catalogue.published(kind, ids);
    if (!published.length) return;
    const sent = await this.db.getRepository(PartnerWebhookDelivery).find({
      where: published.map((item) => ({ itemId: item.id, event: EVENT })),
      select: { keyId: true, itemId: true },
    });
    const done = new Set(sent.map((d) => `${d.keyId}/${d.itemId}`));
    for (const key of keys) {
      for (const item of published) {
        if (done.has(`${key.id}/${item.id}`)) continue;
        await this.queues.add(JobName.PartnerWebhook, { keyId: key.id, kind, id: item.id, event: EVENT }, { jobId: webhookJobId(key.id, item.id) });
      }
    }
  }

  @JobHandler(JobName.PartnerWebhook)
  async deliver(job: JobOf<JobName.PartnerWebhook>): Promise<JobOutcome> {
    const { keyId, kind, id, event } = job.data;
    const key = (await this.listeningKeys()).find((k) => k.id === keyId);
    if (!key?.webhookUrl) return { status: 'skipped', detail: 'key not active or without webhooks' };
    const [item] = await this.catalogue.published(kind, [id]);
    if (!item) return { status: 'skipped', detail: 'item not published' };
    const deliveries = this.db.getRepository(PartnerWebhookDelivery);
    if (await deliveries.existsBy({ keyId, itemId: id, event })) return { status: 'skipped', detail: 'already delivered' };
    const checked = await checkWebhookUrl(key.webhookUrl, { env: this.config.env, allowHosts: this.config.notify.webhookAllowHosts });
    if (!checked.ok) return { status: 'skipped', detail: `webhook URL refused: ${checked.problem}` };
    const payload: PartnerWebhookPayload = {
      event,
      kind,
      id: item.id,
      title: item.title,
      url: `${this.config.http.publicUrl}/${kind === 'need' ? 'needs' : 'achievements'}/${item.id}`,
    };
    // The same Idempotency-Key on every try: a receiver that saw it already can drop the repeat.
    await postWebhook(checked, payload, `${keyId}:${id}:${event}`);
    await deliveries.createQueryBuilder().insert().values({ keyId, itemId: id, event, kind }).orIgnore().execute();
    return { status: 'success', detail: `key=${key.keyId}` };
  }

  /** Unrevoked, unexpired keys holding the `webhooks` scope, with a URL. */
  private listeningKeys(): Promise<PartnerApiKey[]> {
    return this.db
      .getRepository(PartnerApiKey)
      .createQueryBuilder('k')
      .where('k.revoked_at IS NULL AND k.expires_at > now() AND k.webhook_url IS NOT NULL AND :scope = ANY(k.scopes)', { scope: PartnerScope.Webhooks })
      .getMany();
  }
}
