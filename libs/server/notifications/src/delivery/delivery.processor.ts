import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Locale, LOCALES, WebhookKind } from '@ztt/contracts';
import { APP_CONFIG, AppConfig, JobHandler, JobName, JobOf, JobOutcome } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { DeliveryChannel } from './delivery.entities';
import { MailAttachments } from './mail-attachments';
import { Recipients, RecipientContact } from '../recipients';
import { MailService } from './mail.service';
import { renderEmail, renderNotification, renderWebhook } from './render';
import { PermanentDeliveryError, postWebhook } from './webhook-sender';
import { checkWebhookUrl } from './webhook-url';

/** After this many failed sends a delivery is marked failed and left alone. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** How long a claimed delivery is its sender's: longer than any send may take (mail and webhooks time out well before). */
const CLAIM_SECONDS = 120;
const CHANNELS: DeliveryChannel[] = ['email', 'webhook'];

interface PendingRow {
  id: string;
  attempts: number;
  type: string;
  params: Record<string, string>;
  link: string | null;
  user_id: string;
  email_on: boolean | null;
  webhook_url: string | null;
  webhook_kind: WebhookKind | null;
}

type ChannelResult = 'none' | 'sent' | 'skipped' | 'failed' | 'retry';

/** Sends a notification's pending email and webhook deliveries: each once, or again (with the same key) only if its sender died mid-send. */
@Injectable()
export class NotificationDeliveryProcessor {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly attachments: MailAttachments,
    private readonly recipients: Recipients,
  ) {}

  /**
   * Each pending row is locked (FOR UPDATE SKIP LOCKED) while it is sent and marked sent in the
   * same transaction, so a duplicated or retried job finds it sent (or locked) and sends nothing.
   * Transient failures stay pending and the job is retried with backoff; the row counts attempts.
   */
  @JobHandler(JobName.DeliverNotification)
  async deliver(job: JobOf<JobName.DeliverNotification>): Promise<JobOutcome> {
    const results: Partial<Record<DeliveryChannel, ChannelResult>> = {};
    for (const channel of CHANNELS) results[channel] = await this.deliverChannel(job.data.notificationId, channel);
    const detail = JSON.stringify(results);
    if (Object.values(results).includes('retry')) throw new Error(`delivery will be retried: ${detail}`);
    const did = Object.values(results).some((r) => r !== 'none');
    return { status: did ? 'success' : 'skipped', detail };
  }

  /**
   * Claim, send, mark. The row is claimed in a short transaction (FOR UPDATE SKIP LOCKED, then
   * `claimed_until`), sent with no transaction open, and marked in another: no pooled connection or
   * row lock is held while a mail server or webhook answers, and a failed commit cannot send twice.
   * A sender that dies after sending and before marking leaves the claim to expire; the row is then
   * sent again (at least once), with the same Message-ID or Idempotency-Key for the receiver to
   * recognise.
   */
  private async deliverChannel(notificationId: string, channel: DeliveryChannel): Promise<ChannelResult> {
    const row = await this.claim(notificationId, channel);
    if (!row) return 'none';
    // The recipient may have turned the channel off (or been disabled) since the notification was stored.
    const to = await this.recipients.contact(row.user_id);
    const off = !to?.active || (channel === 'email' ? row.email_on === false : !row.webhook_url || !row.webhook_kind);
    if (!to || off) {
      await this.db.query(`UPDATE notification_delivery SET status = 'skipped', claimed_until = NULL WHERE id = $1`, [row.id]);
      return 'skipped';
    }
    try {
      await this.send(channel, row, to);
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const final = e instanceof PermanentDeliveryError || row.attempts + 1 >= MAX_DELIVERY_ATTEMPTS;
      await this.db.query(`UPDATE notification_delivery SET status = $2, attempts = attempts + 1, last_error = $3, claimed_until = NULL WHERE id = $1`, [
        row.id,
        final ? 'failed' : 'pending',
        message,
      ]);
      this.logger.warn({ msg: 'notification delivery failed', notificationId, channel, attempt: row.attempts + 1, final, error: message });
      return final ? 'failed' : 'retry';
    }
    await this.db.query(`UPDATE notification_delivery SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, claimed_until = NULL WHERE id = $1`, [
      row.id,
    ]);
    return 'sent';
  }

  /** Takes the channel's pending delivery for this sender (none if another holds an unexpired claim), with what sending it needs. */
  private async claim(notificationId: string, channel: DeliveryChannel): Promise<PendingRow | undefined> {
    // One round trip: the claim and what sending needs, read in the same statement.
    const rows = (await this.db.query(
      `WITH claimed AS (
         UPDATE notification_delivery d SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
          WHERE d.id = (SELECT id FROM notification_delivery
                         WHERE notification_id = $1 AND channel = $2 AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < now())
                         LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING d.id, d.attempts, d.notification_id)
       SELECT c.id, c.attempts, n.type, n.params, n.link, n.user_id, p.email AS email_on, p.webhook_url, p.webhook_kind
         FROM claimed c
         JOIN notification n ON n.id = c.notification_id
         LEFT JOIN notification_preference p ON p.user_id = n.user_id`,
      [notificationId, channel],
    )) as PendingRow[];
    return rows[0];
  }

  private async send(channel: DeliveryChannel, row: PendingRow, to: RecipientContact): Promise<void> {
    const locale: Locale = (LOCALES as readonly string[]).includes(to.locale) ? (to.locale as Locale) : 'zh-CN';
    const rendered = renderNotification({ type: row.type, params: row.params, link: row.link, locale, publicUrl: this.config.http.publicUrl });
    if (channel === 'email') {
      const host = new URL(this.config.http.publicUrl).hostname;
      const attachments = await this.attachments.for(row.type, row.params);
      await this.mail.send({ to: { name: to.displayName, address: to.email }, ...renderEmail(rendered, locale), messageId: `<${row.id}.email@${host}>`, attachments });
      return;
    }
    // Checked again right before sending: what resolved safely when saved may not any more.
    const checked = await checkWebhookUrl(row.webhook_url as string, { env: this.config.env, allowHosts: this.config.notify.webhookAllowHosts });
    if (!checked.ok) throw new PermanentDeliveryError(`${checked.problem}${checked.detail ? `: ${checked.detail}` : ''}`);
    await postWebhook(checked, renderWebhook(row.webhook_kind as WebhookKind, rendered, locale), row.id);
  }
}
