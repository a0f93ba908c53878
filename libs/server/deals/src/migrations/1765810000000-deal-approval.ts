import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The owning organisation's approval of a contract on a 职务科技成果 (service invention), with the
 * decision, the approver and the public notice period. One pending or approved approval per deal
 * (a refused one may be asked again); a refusal always carries its reason.
 */
export class DealApproval1765810000000 implements MigrationInterface {
  name = 'DealApproval1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
        requested_by uuid NOT NULL REFERENCES app_user(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        comment text,
        notice_days integer NOT NULL DEFAULT 0 CHECK (notice_days BETWEEN 0 AND 30),
        notice_ends_on date,
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK (status <> 'refused' OR length(btrim(comment)) > 0),
        CHECK (status <> 'approved' OR notice_ends_on IS NOT NULL)
      );
      CREATE UNIQUE INDEX deal_approval_live_idx ON deal_approval (deal_id) WHERE status IN ('pending', 'approved');
      CREATE INDEX deal_approval_org_idx ON deal_approval (organisation_id, status, requested_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deal_approval`);
  }
}
