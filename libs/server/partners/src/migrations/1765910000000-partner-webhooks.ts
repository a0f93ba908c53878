import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner webhooks (`webhooks` scope): one row per key, item and event once the partner's URL has
 * accepted the POST, so that a relay or a job run again never sends the same event twice.
 */
export class PartnerWebhooks1765910000000 implements MigrationInterface {
  name = 'PartnerWebhooks1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_webhook_delivery (
        key_id uuid NOT NULL REFERENCES partner_api_key(id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        event text NOT NULL,
        kind text NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key_id, item_id, event)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_webhook_delivery`);
  }
}
