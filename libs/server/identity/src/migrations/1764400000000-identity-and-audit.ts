/* eslint-disable ztt/owned-tables -- audit_log (audit's table) was created here, before tables had owners; a migration that has run is never edited (docs/architecture.md, "Owned data"). */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAudit1764400000000 implements MigrationInterface {
  name = 'IdentityAndAudit1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        phone text,
        locale text NOT NULL DEFAULT 'zh-CN',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        version integer NOT NULL DEFAULT 1,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));

      CREATE TABLE platform_role_assignment (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'broker', 'reviewer')),
        granted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role)
      );

      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        client_address text
      );
      CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

      CREATE TABLE login_attempt (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        client_address text,
        succeeded boolean NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_attempt_email_idx ON login_attempt (email, occurred_at);
      CREATE INDEX login_attempt_address_idx ON login_attempt (client_address, occurred_at);

      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        type text NOT NULL,
        credit_code text NOT NULL UNIQUE,
        region text NOT NULL,
        industries text[] NOT NULL DEFAULT '{}',
        website text,
        description text NOT NULL DEFAULT '',
        verification_status text NOT NULL DEFAULT 'unverified'
          CHECK (verification_status IN ('unverified', 'pending', 'verified', 'rejected')),
        rejection_reason text,
        submitted_at timestamptz,
        verified_at timestamptz,
        verified_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX organisation_verification_idx ON organisation (verification_status, submitted_at);

      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('member', 'admin')),
        status text NOT NULL CHECK (status IN ('pending', 'active', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        UNIQUE (organisation_id, user_id)
      );
      CREATE INDEX membership_user_idx ON membership (user_id);

      -- Append-only: no UPDATE or DELETE, whoever asks (the app's role is also denied by grants).
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        target_type text,
        target_id text,
        result text NOT NULL CHECK (result IN ('ok', 'failed', 'denied')),
        client_address text,
        request_id text,
        detail jsonb
      );
      CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, occurred_at DESC);
      CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at DESC);

      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log; DROP FUNCTION audit_log_is_append_only();
      DROP TABLE membership; DROP TABLE organisation; DROP TABLE login_attempt;
      DROP TABLE refresh_token; DROP TABLE auth_session; DROP TABLE platform_role_assignment; DROP TABLE app_user;
    `);
  }
}
