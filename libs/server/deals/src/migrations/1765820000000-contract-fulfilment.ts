import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, fulfilment: payments recorded by the payer against the schedule's lines and confirmed
 * by the receiver (with the inventors' share, 奖酬), royalty reports accepted or disputed, the end
 * of a 先用后转 trial (and the deal it converted into), and what the fulfilment scan needs to
 * remind once and mark overdue once. Payment proofs are deal documents of their own kind.
 */
export class ContractFulfilment1765820000000 implements MigrationInterface {
  name = 'ContractFulfilment1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contract_schedule_item
        DROP CONSTRAINT contract_schedule_item_kind_check,
        ADD CONSTRAINT contract_schedule_item_kind_check CHECK (kind IN ('instalment', 'entry_fee', 'milestone_payment', 'minimum_royalty', 'royalty_report', 'trial_fee', 'trial_end', 'conversion_deadline', 'lock_up_end', 'royalty_payment')),
        DROP CONSTRAINT contract_schedule_item_status_check,
        ADD CONSTRAINT contract_schedule_item_status_check CHECK (status IN ('due', 'overdue', 'paid', 'done', 'lapsed')),
        ADD COLUMN settled_on date,
        ADD COLUMN reminded_at timestamptz,
        ADD COLUMN overdue_notified_at timestamptz;
      DROP INDEX contract_schedule_item_due_idx;
      CREATE INDEX contract_schedule_item_open_idx ON contract_schedule_item (due_on) WHERE status IN ('due', 'overdue');

      ALTER TABLE deal_document
        DROP CONSTRAINT deal_document_kind_check,
        ADD CONSTRAINT deal_document_kind_check CHECK (kind IN ('nda', 'term_sheet', 'contract_draft', 'contract', 'payment_proof', 'other'));

      CREATE TABLE contract_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        schedule_item_id uuid NOT NULL REFERENCES contract_schedule_item(id) ON DELETE RESTRICT,
        amount numeric(16, 2) NOT NULL CHECK (amount > 0),
        paid_on date NOT NULL,
        proof_document_id uuid REFERENCES deal_document(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'confirmed', 'rejected')),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_by uuid,
        decided_at timestamptz,
        reject_reason text,
        inventor_share numeric(16, 2) CHECK (inventor_share >= 0 AND inventor_share <= amount),
        CHECK ((status = 'recorded') = (decided_at IS NULL))
      );
      CREATE INDEX contract_payment_deal_idx ON contract_payment (deal_id, recorded_at);
      CREATE INDEX contract_payment_item_idx ON contract_payment (schedule_item_id);

      CREATE TABLE royalty_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        schedule_item_id uuid NOT NULL REFERENCES contract_schedule_item(id) ON DELETE RESTRICT,
        base_amount numeric(16, 2) NOT NULL CHECK (base_amount >= 0),
        base text NOT NULL CHECK (base IN ('sales', 'profit')),
        rate numeric(5, 2) NOT NULL CHECK (rate >= 0 AND rate <= 100),
        royalty numeric(16, 2) NOT NULL CHECK (royalty >= 0),
        note text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'disputed')),
        submitted_by uuid,
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_by uuid,
        decided_at timestamptz,
        dispute_reason text
      );
      -- one live report per period: a disputed one may be followed by a new one
      CREATE UNIQUE INDEX royalty_report_live_idx ON royalty_report (schedule_item_id) WHERE status IN ('submitted', 'accepted');
      CREATE INDEX royalty_report_deal_idx ON royalty_report (deal_id, submitted_at);

      ALTER TABLE contract_registration
        ADD COLUMN trial_outcome text CHECK (trial_outcome IN ('converted', 'extended', 'returned', 'lapsed')),
        ADD COLUMN trial_decided_at timestamptz,
        ADD COLUMN trial_note text NOT NULL DEFAULT '',
        ADD COLUMN converted_deal_id uuid REFERENCES deal(id) ON DELETE SET NULL;
      ALTER TABLE deal ADD COLUMN converted_from_deal_id uuid REFERENCES deal(id) ON DELETE SET NULL;
      CREATE UNIQUE INDEX deal_converted_from_idx ON deal (converted_from_deal_id) WHERE converted_from_deal_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deal DROP COLUMN converted_from_deal_id;
      ALTER TABLE contract_registration DROP COLUMN converted_deal_id, DROP COLUMN trial_note, DROP COLUMN trial_decided_at, DROP COLUMN trial_outcome;
      DROP TABLE royalty_report, contract_payment;
      ALTER TABLE deal_document DROP CONSTRAINT deal_document_kind_check,
        ADD CONSTRAINT deal_document_kind_check CHECK (kind IN ('nda', 'term_sheet', 'contract_draft', 'contract', 'other'));
      DROP INDEX contract_schedule_item_open_idx;
      ALTER TABLE contract_schedule_item DROP COLUMN overdue_notified_at, DROP COLUMN reminded_at, DROP COLUMN settled_on;
      CREATE INDEX contract_schedule_item_due_idx ON contract_schedule_item (due_on) WHERE status <> 'paid';
    `);
  }
}
