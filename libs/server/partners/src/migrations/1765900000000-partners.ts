import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner API keys (docs/security.md #29): the key's secret is kept only as its SHA-256, next to
 * the visible key id that finds it; scopes, a per-minute limit, an expiry and revocation. Every
 * call made with a key is logged (key, route, status, time).
 */
export class Partners1765900000000 implements MigrationInterface {
  name = 'Partners1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_id text NOT NULL UNIQUE CHECK (key_id ~ '^[0-9a-f]{12}$'),
        secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
        org_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['catalogue:read', 'challenges:read', 'items:submit', 'webhooks']),
        rate_per_minute integer NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 100000),
        webhook_url text,
        expires_at timestamptz NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        CHECK ('webhooks' <> ALL(scopes) OR webhook_url IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX partner_api_key_org ON partner_api_key (org_id)`);
    await q.query(`
      CREATE TABLE partner_api_usage (
        id bigserial PRIMARY KEY,
        key_id uuid NOT NULL REFERENCES partner_api_key(id) ON DELETE CASCADE,
        method text NOT NULL,
        route text NOT NULL,
        status smallint NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX partner_api_usage_key_at ON partner_api_usage (key_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX partner_api_usage_at ON partner_api_usage (at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_api_usage`);
    await q.query(`DROP TABLE partner_api_key`);
  }
}
