import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, after the signature: a contract's structured terms per transfer model (转让, 许可,
 * 先用后转, 作价入股) as jsonb (null for contracts recorded before), and the fulfilment schedule
 * generated from them. Payments and reminders will hang off the schedule's lines.
 */
export class ContractTerms1765800000000 implements MigrationInterface {
  name = 'ContractTerms1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contract_registration ADD COLUMN terms jsonb
        CHECK (terms IS NULL OR terms->>'model' IN ('transfer', 'licence', 'use_first', 'equity'));
      CREATE TABLE contract_schedule_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 1),
        kind text NOT NULL CHECK (kind IN ('instalment', 'entry_fee', 'milestone_payment', 'minimum_royalty', 'royalty_report', 'trial_fee', 'trial_end', 'conversion_deadline', 'lock_up_end')),
        due_on date NOT NULL,
        amount numeric(16, 2) CHECK (amount >= 0),
        label text NOT NULL,
        status text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'paid', 'overdue')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (deal_id, seq)
      );
      CREATE INDEX contract_schedule_item_due_idx ON contract_schedule_item (due_on) WHERE status <> 'paid';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_schedule_item; ALTER TABLE contract_registration DROP COLUMN terms`);
  }
}
