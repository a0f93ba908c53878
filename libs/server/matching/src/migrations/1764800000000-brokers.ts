import { MigrationInterface, QueryRunner } from 'typeorm';

/** Broker specialties and capacity, and the broker each match is handed to. */
export class Brokers1764800000000 implements MigrationInterface {
  name = 'Brokers1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE broker_profile (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        chains text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL DEFAULT 50 CHECK (capacity BETWEEN 0 AND 10000),
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE match ADD COLUMN broker_id uuid REFERENCES app_user(id) ON DELETE SET NULL;
      ALTER TABLE match ADD COLUMN assigned_at timestamptz;
      CREATE INDEX match_broker_idx ON match (broker_id, status);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX match_broker_idx; ALTER TABLE match DROP COLUMN assigned_at; ALTER TABLE match DROP COLUMN broker_id; DROP TABLE broker_profile;`);
  }
}
