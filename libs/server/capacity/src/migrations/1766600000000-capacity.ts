import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 中试熟化与仪器共享: capacity providers (中试基地 / 概念验证中心 / 开放产线) and shared instruments
 * (共享仪器) owned by an organisation and published by a platform admin; instrument bookings, whose
 * slots never overlap while requested or approved (an exclusion constraint over a tstzrange, with
 * btree_gist for the instrument's equality); verification runs of an achievement at a provider.
 * provincial_* and operator_credit_code are kept for a later sync with the provincial database
 * (省科技资源共享服务平台); nothing writes them yet but the seeders.
 */
export class Capacity1766600000000 implements MigrationInterface {
  name = 'Capacity1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE capacity_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation(id),
        kind text NOT NULL CHECK (kind IN ('pilot_base', 'poc_centre', 'open_line')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        capabilities text NOT NULL DEFAULT '' CHECK (length(capabilities) <= 2000),
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        chains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(chains) <= 10),
        trl_min smallint NOT NULL CHECK (trl_min BETWEEN 1 AND 9),
        trl_max smallint NOT NULL CHECK (trl_max BETWEEN 1 AND 9),
        scale text NOT NULL DEFAULT '' CHECK (length(scale) <= 200),
        batch_size text NOT NULL DEFAULT '' CHECK (length(batch_size) <= 200),
        price_basis text NOT NULL CHECK (price_basis IN ('batch', 'day', 'hour', 'negotiable')),
        price_amount numeric(16,2) CHECK (price_amount >= 0),
        contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 100),
        contact_phone text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 50),
        contact_email text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 200),
        region text NOT NULL DEFAULT '' CHECK (length(region) <= 50),
        address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
        rejection_reason text CHECK (length(rejection_reason) <= 200),
        provincial_code text,
        provincial_category text,
        operator_credit_code text,
        provincial_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (trl_min <= trl_max),
        CHECK ((price_basis = 'negotiable') OR price_amount IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX capacity_provider_org ON capacity_provider (org_id)`);
    await q.query(`CREATE INDEX capacity_provider_status ON capacity_provider (status, kind)`);
    await q.query(`
      CREATE TABLE shared_instrument (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation(id),
        provider_id uuid REFERENCES capacity_provider(id) ON DELETE SET NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        model text NOT NULL DEFAULT '' CHECK (length(model) <= 100),
        maker text NOT NULL DEFAULT '' CHECK (length(maker) <= 100),
        capabilities text NOT NULL DEFAULT '' CHECK (length(capabilities) <= 2000),
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        location text NOT NULL DEFAULT '' CHECK (length(location) <= 200),
        hourly_rate numeric(16,2) NOT NULL CHECK (hourly_rate >= 0),
        opening_hours jsonb NOT NULL CHECK (jsonb_typeof(opening_hours) = 'array' AND jsonb_array_length(opening_hours) = 7),
        min_hours numeric(4,2) NOT NULL CHECK (min_hours > 0),
        max_hours numeric(4,2) NOT NULL CHECK (max_hours >= min_hours AND max_hours <= 24),
        slot_minutes smallint NOT NULL CHECK (slot_minutes IN (15, 30, 60)),
        lead_hours smallint NOT NULL DEFAULT 0 CHECK (lead_hours BETWEEN 0 AND 720),
        approval_required boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
        rejection_reason text CHECK (length(rejection_reason) <= 200),
        provincial_code text,
        provincial_category text,
        operator_credit_code text,
        provincial_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX shared_instrument_org ON shared_instrument (org_id)`);
    await q.query(`CREATE INDEX shared_instrument_provider ON shared_instrument (provider_id)`);
    await q.query(`
      CREATE TABLE instrument_booking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES shared_instrument(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        slot tstzrange NOT NULL CHECK (NOT isempty(slot) AND lower_inc(slot) AND NOT upper_inc(slot)),
        hours numeric(6,2) NOT NULL CHECK (hours > 0),
        amount numeric(16,2) NOT NULL CHECK (amount >= 0),
        purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 500),
        status text NOT NULL CHECK (status IN ('requested', 'approved', 'declined', 'cancelled', 'completed')),
        decline_reason text CHECK (length(decline_reason) <= 200),
        hours_used numeric(6,2) CHECK (hours_used > 0),
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        rating_comment text CHECK (length(rating_comment) <= 500),
        rated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
        CHECK ((status = 'completed') = (hours_used IS NOT NULL)),
        CHECK (rating IS NULL OR status = 'completed'),
        CONSTRAINT instrument_booking_no_overlap EXCLUDE USING gist (instrument_id WITH =, slot WITH &&) WHERE (status IN ('requested', 'approved'))
      )`);
    await q.query(`CREATE INDEX instrument_booking_user ON instrument_booking (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE verification_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES capacity_provider(id),
        achievement_id uuid NOT NULL,
        org_id uuid NOT NULL REFERENCES organisation(id),
        requester_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        goal text NOT NULL CHECK (length(goal) BETWEEN 1 AND 2000),
        wish_from date NOT NULL,
        wish_to date NOT NULL,
        scheduled_from date,
        scheduled_to date,
        trl_before smallint NOT NULL CHECK (trl_before BETWEEN 1 AND 9),
        trl_reached smallint CHECK (trl_reached BETWEEN 1 AND 9),
        result text CHECK (length(result) <= 2000),
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'declined', 'cancelled', 'completed')),
        decline_reason text CHECK (length(decline_reason) <= 200),
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        rating_comment text CHECK (length(rating_comment) <= 500),
        rated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        completed_at timestamptz,
        CHECK (wish_from <= wish_to),
        CHECK (scheduled_from IS NULL OR scheduled_from <= scheduled_to),
        CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
        CHECK ((status = 'completed') = (result IS NOT NULL AND trl_reached IS NOT NULL)),
        CHECK (rating IS NULL OR status = 'completed')
      )`);
    await q.query(`CREATE INDEX verification_run_provider ON verification_run (provider_id, created_at DESC)`);
    await q.query(`CREATE INDEX verification_run_org ON verification_run (org_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verification_run`);
    await q.query(`DROP TABLE instrument_booking`);
    await q.query(`DROP TABLE shared_instrument`);
    await q.query(`DROP TABLE capacity_provider`);
  }
}
