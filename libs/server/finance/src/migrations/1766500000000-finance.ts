import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 科技金融: financing requests (attached to exactly one achievement, need-side project or deal; amounts
 * in 元 as numeric(16,2)), finance profiles of finance-type organisations, disclosure requests for a
 * request's confidential part, scored matches (refreshed, idempotent), interests (once per request and
 * organisation) and the watchlist.
 */
export class Finance1766500000000 implements MigrationInterface {
  name = 'Finance1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE financing_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation(id),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
        achievement_id uuid,
        need_id uuid,
        deal_id uuid,
        amount numeric(16,2) NOT NULL CHECK (amount > 0),
        instrument text NOT NULL CHECK (instrument IN ('equity', 'loan', 'ip_pledge', 'insurance', 'grant')),
        stage text NOT NULL CHECK (stage IN ('seed', 'startup', 'growth', 'expansion', 'pre_ipo')),
        use_of_funds text NOT NULL DEFAULT '' CHECK (length(use_of_funds) <= 2000),
        raised_so_far numeric(16,2) NOT NULL DEFAULT 0 CHECK (raised_so_far >= 0),
        chains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(chains) <= 10),
        region text,
        confidential jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(confidential) = 'object'),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'arranged', 'withdrawn')),
        arranged_amount numeric(16,2) CHECK (arranged_amount > 0),
        version integer NOT NULL DEFAULT 1,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(achievement_id, need_id, deal_id) = 1),
        CHECK ((status = 'arranged') = (arranged_amount IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX financing_request_org ON financing_request (org_id, created_at DESC)`);
    await q.query(`CREATE INDEX financing_request_status ON financing_request (status, published_at DESC)`);

    await q.query(`
      CREATE TABLE finance_profile (
        org_id uuid PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('bank', 'fund', 'guarantee', 'insurer', 'other')),
        instruments text[] NOT NULL DEFAULT '{}',
        ticket_min numeric(16,2) NOT NULL CHECK (ticket_min >= 0),
        ticket_max numeric(16,2) NOT NULL,
        stages text[] NOT NULL DEFAULT '{}',
        chains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(chains) <= 10),
        regions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(regions) <= 20),
        exclusions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(exclusions) <= 20),
        summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        CHECK (ticket_max >= ticket_min)
      )`);

    await q.query(`
      CREATE TABLE financing_disclosure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES financing_request(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'granted', 'refused')),
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, org_id),
        CHECK ((status = 'requested') = (decided_at IS NULL))
      )`);

    await q.query(`
      CREATE TABLE financing_match (
        request_id uuid NOT NULL REFERENCES financing_request(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        score numeric(5,4) NOT NULL CHECK (score >= 0 AND score <= 1),
        reasons text[] NOT NULL DEFAULT '{}',
        reasons_en text[] NOT NULL DEFAULT '{}',
        notified_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, org_id)
      )`);
    await q.query(`CREATE INDEX financing_match_org ON financing_match (org_id, score DESC)`);

    await q.query(`
      CREATE TABLE financing_interest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES financing_request(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        deal_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, org_id)
      )`);

    await q.query(`
      CREATE TABLE financing_watch (
        request_id uuid NOT NULL REFERENCES financing_request(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, org_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE financing_watch, financing_interest, financing_match, financing_disclosure, finance_profile, financing_request`);
  }
}
