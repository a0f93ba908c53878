/* eslint-disable ztt/owned-tables -- notification (notifications') and outbox (platform's) were created here, before tables had owners; a migration that has run is never edited (docs/architecture.md, "Owned data"). */
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Needs, achievements, attachments, disclosure, notifications and the transactional outbox. */
export class Catalogue1764500000000 implements MigrationInterface {
  name = 'Catalogue1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const common = `
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_org_id uuid NOT NULL REFERENCES organisation(id),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        title text NOT NULL,
        summary text NOT NULL,
        confidential_details text NOT NULL DEFAULT '',
        chains text[] NOT NULL,
        industries text[] NOT NULL,
        keywords text[] NOT NULL DEFAULT '{}',
        region text NOT NULL,
        trl smallint NOT NULL CHECK (trl BETWEEN 1 AND 9),
        cooperation_modes text[] NOT NULL DEFAULT '{}',
        contact_name text NOT NULL,
        contact_phone text,
        contact_email text,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'published', 'closed', 'withdrawn', 'expired')),
        rejection_reason text,
        submitted_at timestamptz,
        published_at timestamptz,
        ended_at timestamptz,
        published_snapshot jsonb,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()`;
    await q.query(`
      CREATE TABLE tech_need (${common},
        category text NOT NULL,
        budget_min numeric(14, 2),
        budget_max numeric(14, 2),
        budget_negotiable boolean NOT NULL DEFAULT false,
        deadline date,
        acceptance_criteria text NOT NULL DEFAULT '',
        CHECK (budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max)
      );
      CREATE INDEX tech_need_org_idx ON tech_need (owner_org_id, status);
      CREATE INDEX tech_need_status_idx ON tech_need (status, submitted_at);
      CREATE INDEX tech_need_deadline_idx ON tech_need (deadline) WHERE status = 'published';

      CREATE TABLE achievement (${common},
        maturity_stage text NOT NULL,
        ip_items jsonb NOT NULL DEFAULT '[]',
        team jsonb NOT NULL DEFAULT '[]',
        asking_price numeric(14, 2),
        price_negotiable boolean NOT NULL DEFAULT false,
        price_terms text NOT NULL DEFAULT '',
        application_fields text NOT NULL DEFAULT '',
        proven_results text NOT NULL DEFAULT ''
      );
      CREATE INDEX achievement_org_idx ON achievement (owner_org_id, status);
      CREATE INDEX achievement_status_idx ON achievement (status, submitted_at);

      CREATE TABLE attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_kind text NOT NULL CHECK (item_kind IN ('need', 'achievement')),
        item_id uuid NOT NULL,
        file_name text NOT NULL,
        stored_name text NOT NULL UNIQUE,
        mime_type text NOT NULL,
        size integer NOT NULL,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX attachment_item_idx ON attachment (item_kind, item_id);

      CREATE TABLE disclosure_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_kind text NOT NULL CHECK (item_kind IN ('need', 'achievement')),
        item_id uuid NOT NULL,
        requester_org_id uuid NOT NULL REFERENCES organisation(id),
        requester_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'declined')),
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (item_kind, item_id, requester_org_id)
      );

      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        type text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        link text,
        -- One notification per (user, event): a retried job cannot notify twice.
        dedupe_key text NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, dedupe_key)
      );
      CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
      CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL;

      -- Written in the same transaction as the change it announces; the worker relays it.
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        aggregate_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      );
      CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox; DROP TABLE notification; DROP TABLE disclosure_request; DROP TABLE attachment; DROP TABLE achievement; DROP TABLE tech_need;`);
  }
}
