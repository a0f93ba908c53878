import { MigrationInterface, QueryRunner } from 'typeorm';

/** Email and robot-webhook delivery of notifications: per-user preferences and one delivery row per (notification, channel). */
export class NotificationChannels1764600000000 implements MigrationInterface {
  name = 'NotificationChannels1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        email boolean NOT NULL DEFAULT true,
        webhook_url text,
        webhook_kind text CHECK (webhook_kind IN ('wecom', 'dingtalk', 'generic')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((webhook_url IS NULL) = (webhook_kind IS NULL))
      );

      -- One row per (notification, channel): a retried or duplicated job finds it sent and sends nothing.
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel)
      );
      CREATE INDEX notification_delivery_pending_idx ON notification_delivery (created_at) WHERE status = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_delivery; DROP TABLE notification_preference;`);
  }
}
