import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brokers as a profession (技术经纪人 / 技术经理人): a level with its certificate and the broker firm
 * (技术经理人事务所) on the profile, and the training each broker attended.
 */
export class BrokerProfession1766100000000 implements MigrationInterface {
  name = 'BrokerProfession1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE broker_profile
        ADD COLUMN level text CHECK (level IN ('junior', 'intermediate', 'senior')),
        ADD COLUMN certificate_no text CHECK (length(certificate_no) BETWEEN 1 AND 64),
        ADD COLUMN certificate_issued_on date,
        ADD COLUMN certificate_expires_on date,
        ADD COLUMN firm_org_id uuid REFERENCES organisation(id) ON DELETE SET NULL,
        ADD CONSTRAINT broker_profile_certificate_whole CHECK ((level IS NULL) = (certificate_no IS NULL) AND (level IS NULL) = (certificate_issued_on IS NULL)),
        ADD CONSTRAINT broker_profile_certificate_dates CHECK (certificate_expires_on IS NULL OR certificate_expires_on > certificate_issued_on)`);
    await q.query(`CREATE INDEX broker_profile_firm ON broker_profile (firm_org_id) WHERE firm_org_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE broker_training (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        held_on date NOT NULL,
        course text NOT NULL CHECK (length(course) BETWEEN 1 AND 200),
        hours numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 200),
        provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX broker_training_user ON broker_training (user_id, held_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE broker_training`);
    await q.query(`DROP INDEX broker_profile_firm`);
    await q.query(`
      ALTER TABLE broker_profile DROP CONSTRAINT broker_profile_certificate_dates, DROP CONSTRAINT broker_profile_certificate_whole,
        DROP COLUMN firm_org_id, DROP COLUMN certificate_expires_on, DROP COLUMN certificate_issued_on, DROP COLUMN certificate_no, DROP COLUMN level`);
  }
}
