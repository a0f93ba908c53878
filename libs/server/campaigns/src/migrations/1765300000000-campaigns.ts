/* eslint-disable ztt/owned-tables -- the read model's report and target tables and the catalogue's campaign_id column and tagging trigger were created here, before tables had owners; a migration that has run is never edited (docs/architecture.md, "Owned data"). */
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarterly collection campaigns (季度征集): the campaign with its targets and reminder days,
 * invited organisations, one report per quarter (UNIQUE), the admin's contract-value target per
 * year, and the campaign an item was submitted in. Items are tagged by a trigger so that every way
 * an item reaches "submitted" (form, import, seed) is covered without touching the catalogue code.
 */
export class Campaigns1765300000000 implements MigrationInterface {
  name = 'Campaigns1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on >= starts_on),
        focus_industries text[] NOT NULL DEFAULT '{}',
        focus_regions text[] NOT NULL DEFAULT '{}',
        -- [{ "dimension": "region" | "industry" | "organisation", "code": "...", "kind": "need" | "achievement", "target": 10 }]
        targets jsonb NOT NULL DEFAULT '[]',
        reminder_days integer[] NOT NULL DEFAULT '{7}',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'reported')),
        opened_at timestamptz,
        closed_at timestamptz,
        reported_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One campaign collects at a time, so an item is tagged with exactly one.
      CREATE UNIQUE INDEX campaign_one_open_idx ON campaign ((true)) WHERE status = 'open';
      CREATE INDEX campaign_quarter_idx ON campaign (quarter);

      CREATE TABLE campaign_invitation (
        campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        notified_at timestamptz,
        PRIMARY KEY (campaign_id, organisation_id)
      );

      CREATE TABLE quarterly_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quarter text NOT NULL UNIQUE CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        status text NOT NULL DEFAULT 'building' CHECK (status IN ('building', 'sent')),
        figures jsonb,
        pdf bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );

      CREATE TABLE contract_value_target (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        amount numeric(16, 2) NOT NULL CHECK (amount >= 0),
        set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE tech_need ADD COLUMN campaign_id uuid REFERENCES campaign(id) ON DELETE SET NULL;
      ALTER TABLE achievement ADD COLUMN campaign_id uuid REFERENCES campaign(id) ON DELETE SET NULL;
      CREATE INDEX tech_need_campaign_idx ON tech_need (campaign_id) WHERE campaign_id IS NOT NULL;
      CREATE INDEX achievement_campaign_idx ON achievement (campaign_id) WHERE campaign_id IS NOT NULL;

      -- An item created or submitted while a campaign is open (within its dates, Beijing time) is
      -- tagged with it; the tag is kept afterwards.
      CREATE FUNCTION campaign_tag_item() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.campaign_id IS NULL AND NEW.status IN ('submitted', 'published')
           AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
          SELECT c.id INTO NEW.campaign_id FROM campaign c
           WHERE c.status = 'open'
             AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN c.starts_on AND c.ends_on
           LIMIT 1;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER tech_need_campaign_tag BEFORE INSERT OR UPDATE OF status ON tech_need
        FOR EACH ROW EXECUTE FUNCTION campaign_tag_item();
      CREATE TRIGGER achievement_campaign_tag BEFORE INSERT OR UPDATE OF status ON achievement
        FOR EACH ROW EXECUTE FUNCTION campaign_tag_item();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER achievement_campaign_tag ON achievement;
      DROP TRIGGER tech_need_campaign_tag ON tech_need;
      DROP FUNCTION campaign_tag_item();
      ALTER TABLE achievement DROP COLUMN campaign_id;
      ALTER TABLE tech_need DROP COLUMN campaign_id;
      DROP TABLE contract_value_target, quarterly_report, campaign_invitation, campaign;
    `);
  }
}
