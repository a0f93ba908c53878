import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind, ItemStatus, PartnerScope, partnerWebhookEvent, PartnerWebhookEvent } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { checkWebhookUrl, postWebhook } from '@ztt/notifications';
import { APP_CONFIG, AppConfig, JobHandler, JobName, JobOf, JobOutcome, OnOutbox, OutboxTopic, QueueService, RelayedRows } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { PartnerApiKey, PartnerWebhookDelivery } from './partner-key.entity';

/** What a partner's webhook URL receives: an item's public fields only; a withdrawal names the item and nothing else. */
export interface PartnerWebhookPayload {
  event: PartnerWebhookEvent;
  kind: ItemKind;
  id: string;
  /** the item's version the event is about: later events carry higher versions */
  version: number;
  /** the public page; gone (404) after a withdrawal */
  url: string;
  /** published and updated only */
  title?: string;
}

/** The one job id of a key and a version of an item: a relay run again queues nothing new. */
const webhookJobId = (keyId: string, itemId: string, version: number) => `partner-webhook-${keyId}-${itemId}-v${version}`;

type LastSent = Map<string, { event: PartnerWebhookEvent; version: number }>;
const sentKey = (keyId: string, itemId: string) => `${keyId}/${itemId}`;

/**
 * The `webhooks` scope: every active key holding it is told when a need or an achievement is
 * published, changes while published, or leaves the public catalogue (withdrawn, closed, expired),
 * once per key and version of the item (`partnerWebhookEvent` decides which). The outbox handler
 * queues one job per key and item version that has something to tell; the job decides again from
 * the item as it is then (a version overtaken by a later change is left to that change's job),
 * posts through the notifications' webhook sender (the same URL checks as users' robots), and
 * records the delivery.
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
    return this.queueChanges('need', rows.aggregateIds);
  }

  @OnOutbox(OutboxTopic.AchievementChanged, { queues: [JobName.PartnerWebhook] })
  achievementsChanged(rows: RelayedRows): Promise<void> {
    return this.queueChanges('achievement', rows.aggregateIds);
  }

  private async queueChanges(kind: ItemKind, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const keys = await this.listeningKeys();
    if (!keys.length) return;
    const items = [...(await this.catalogue.cards(kind, ids)).values()];
    const last = await this.lastSent(items.map((i) => i.id));
    for (const key of keys) {
      for (const item of items) {
        const event = partnerWebhookEvent({ published: item.status === ItemStatus.Published, version: item.version }, last.get(sentKey(key.id, item.id)) ?? null);
        if (!event) continue;
        await this.queues.add(JobName.PartnerWebhook, { keyId: key.id, kind, id: item.id, version: item.version }, { jobId: webhookJobId(key.id, item.id, item.version) });
      }
    }
  }

  @JobHandler(JobName.PartnerWebhook)
  async deliver(job: JobOf<JobName.PartnerWebhook>): Promise<JobOutcome> {
    const { keyId, kind, id, version } = job.data;
    const key = (await this.listeningKeys()).find((k) => k.id === keyId);
    if (!key?.webhookUrl) return { status: 'skipped', detail: 'key not active or without webhooks' };
    const item = (await this.catalogue.cards(kind, [id])).get(id);
    if (!item) return { status: 'skipped', detail: 'item gone' };
    if (item.version !== version) return { status: 'skipped', detail: `version ${version} overtaken by ${item.version}` };
    const event = partnerWebhookEvent({ published: item.status === ItemStatus.Published, version }, (await this.lastSent([id])).get(sentKey(keyId, id)) ?? null);
    if (!event) return { status: 'skipped', detail: 'nothing new to tell' };
    const checked = await checkWebhookUrl(key.webhookUrl, { env: this.config.env, allowHosts: this.config.notify.webhookAllowHosts });
    if (!checked.ok) return { status: 'skipped', detail: `webhook URL refused: ${checked.problem}` };
    const payload: PartnerWebhookPayload = {
      event,
      kind,
      id,
      version,
      url: `${this.config.http.publicUrl}/${kind === 'need' ? 'needs' : 'achievements'}/${id}`,
      ...(event === 'withdrawn' ? {} : { title: item.title }),
    };
    // The same Idempotency-Key on every try: a receiver that saw it already can drop the repeat.
    await postWebhook(checked, payload, `${keyId}:${id}:${version}`);
    await this.db.getRepository(PartnerWebhookDelivery).createQueryBuilder().insert().values({ keyId, itemId: id, version, event, kind }).orIgnore().execute();
    return { status: 'success', detail: `key=${key.keyId} ${event} v${version}` };
  }

  /** The last event each key was sent about each of these items. */
  private async lastSent(itemIds: string[]): Promise<LastSent> {
    if (!itemIds.length) return new Map();
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (item_id, key_id) key_id AS "keyId", item_id AS "itemId", event, version
         FROM partner_webhook_delivery WHERE item_id = ANY($1::uuid[])
        ORDER BY item_id, key_id, version DESC`,
      [itemIds],
    )) as { keyId: string; itemId: string; event: PartnerWebhookEvent; version: number }[];
    return new Map(rows.map((r) => [sentKey(r.keyId, r.itemId), { event: r.event, version: r.version }]));
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
