import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parties' ratings of a deal's broker: once the deal is signed or lost, each side (the demand
 * organisation, the supply organisation) rates the lead broker once, 1–5 with a comment.
 */
export class DealBrokerRating1766100100000 implements MigrationInterface {
  name = 'DealBrokerRating1766100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_broker_rating (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        broker_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('demand', 'supply')),
        org_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        rated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deal_broker_rating_once UNIQUE (deal_id, side)
      )`);
    await q.query(`CREATE INDEX deal_broker_rating_broker ON deal_broker_rating (broker_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deal_broker_rating`);
  }
}
