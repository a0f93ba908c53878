import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner webhooks follow an item through its life: one delivery per key, item and version of the
 * item (published, updated, withdrawn), so a re-publication or an edit is sent too and none twice.
 * Rows delivered before have version 0: the next change of their item is sent as an update.
 */
export class PartnerWebhookVersions1765920000000 implements MigrationInterface {
  name = 'PartnerWebhookVersions1765920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partner_webhook_delivery ADD COLUMN version integer NOT NULL DEFAULT 0;
      ALTER TABLE partner_webhook_delivery DROP CONSTRAINT partner_webhook_delivery_pkey;
      ALTER TABLE partner_webhook_delivery ADD PRIMARY KEY (key_id, item_id, version);
      CREATE INDEX partner_webhook_delivery_item_idx ON partner_webhook_delivery (item_id, key_id, delivered_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX partner_webhook_delivery_item_idx;
      DELETE FROM partner_webhook_delivery d USING partner_webhook_delivery e
       WHERE d.key_id = e.key_id AND d.item_id = e.item_id AND d.event = e.event AND d.version < e.version;
      ALTER TABLE partner_webhook_delivery DROP CONSTRAINT partner_webhook_delivery_pkey;
      ALTER TABLE partner_webhook_delivery ADD PRIMARY KEY (key_id, item_id, event);
      ALTER TABLE partner_webhook_delivery DROP COLUMN version`);
  }
}
