import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 专家库: one expertise profile per person (filled by the person, verified or rejected by a platform
 * admin). Affiliated organisations and declared conflicts name platform organisations; a conflict
 * carries its reason (jsonb: [{orgId, reason}]).
 */
export class Experts1766400000000 implements MigrationInterface {
  name = 'Experts1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE expert_profile (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('external', 'local', 'practitioner')),
        chains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(chains) <= 10),
        keywords text[] NOT NULL DEFAULT '{}' CHECK (cardinality(keywords) <= 20),
        titles text[] NOT NULL DEFAULT '{}' CHECK (cardinality(titles) <= 5),
        affiliations text NOT NULL DEFAULT '' CHECK (length(affiliations) <= 500),
        bio text NOT NULL DEFAULT '' CHECK (length(bio) <= 1000),
        affiliated_org_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(affiliated_org_ids) <= 10),
        conflicts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(conflicts) = 'array'),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
        rejection_reason text CHECK (length(rejection_reason) <= 200),
        verified_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX expert_profile_status ON expert_profile (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE expert_profile`);
  }
}
