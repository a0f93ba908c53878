import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 融资对接: a deal is a technology deal (as before) or a financing deal run by a broker between an
 * applicant organisation (demand) and a finance organisation (supply) for one financing request (the
 * finance lib owns that table, so no foreign key). A financing deal ends at `closed` (financing
 * arranged, with the arranged amount in 元) or `lost`; `closed` is for financing deals only.
 */
export class FinancingDeals1766500000001 implements MigrationInterface {
  name = 'FinancingDeals1766500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deal
        ADD COLUMN kind text NOT NULL DEFAULT 'technology' CHECK (kind IN ('technology', 'financing')),
        ADD COLUMN financing_request_id uuid,
        ADD COLUMN arranged_amount numeric(16, 2) CHECK (arranged_amount > 0),
        DROP CONSTRAINT deal_stage_check,
        ADD CONSTRAINT deal_stage_check CHECK (stage IN ('lead', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'signed', 'registered', 'fulfilled', 'closed', 'lost')),
        ADD CONSTRAINT deal_financing_kind CHECK ((kind = 'financing') = (financing_request_id IS NOT NULL)),
        ADD CONSTRAINT deal_closed_financing CHECK (stage <> 'closed' OR (kind = 'financing' AND arranged_amount IS NOT NULL)),
        ADD CONSTRAINT deal_financing_stages CHECK (kind = 'technology' OR stage NOT IN ('signed', 'registered', 'fulfilled'))`);
    await q.query(`CREATE INDEX deal_financing_request_idx ON deal (financing_request_id) WHERE financing_request_id IS NOT NULL`);
    // one open-or-closed financing deal per request and finance organisation
    await q.query(`CREATE UNIQUE INDEX deal_financing_once ON deal (financing_request_id, supply_org_id) WHERE kind = 'financing' AND stage <> 'lost'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deal WHERE kind = 'financing'`);
    await q.query(`
      ALTER TABLE deal
        DROP CONSTRAINT deal_financing_stages,
        DROP CONSTRAINT deal_closed_financing,
        DROP CONSTRAINT deal_financing_kind,
        DROP CONSTRAINT deal_stage_check,
        ADD CONSTRAINT deal_stage_check CHECK (stage IN ('lead', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'signed', 'registered', 'fulfilled', 'lost')),
        DROP COLUMN arranged_amount,
        DROP COLUMN financing_request_id,
        DROP COLUMN kind`);
  }
}
