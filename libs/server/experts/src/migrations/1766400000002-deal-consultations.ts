import { MigrationInterface, QueryRunner } from 'typeorm';

/** 专家咨询 on a deal too: a consultation is about a need or about a deal, exactly one of them. */
export class DealConsultations1766400000002 implements MigrationInterface {
  name = 'DealConsultations1766400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE expert_consultation ALTER COLUMN need_id DROP NOT NULL;
      ALTER TABLE expert_consultation ADD COLUMN deal_id uuid;
      ALTER TABLE expert_consultation ADD CONSTRAINT expert_consultation_subject CHECK ((need_id IS NULL) <> (deal_id IS NULL));
      CREATE INDEX expert_consultation_deal_idx ON expert_consultation (deal_id) WHERE deal_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM expert_consultation WHERE deal_id IS NOT NULL;
      DROP INDEX expert_consultation_deal_idx;
      ALTER TABLE expert_consultation DROP CONSTRAINT expert_consultation_subject;
      ALTER TABLE expert_consultation DROP COLUMN deal_id;
      ALTER TABLE expert_consultation ALTER COLUMN need_id SET NOT NULL`);
  }
}
