import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account deletion (PIPL Art. 47): a deleted account keeps its row, anonymised, because business
 * records (deals, challenge applications, scores) point at it; status 'deleted' and the time it
 * happened mark it. See docs/adr/0005-personal-data.md.
 */
export class AccountDeletion1765400000000 implements MigrationInterface {
  name = 'AccountDeletion1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user DROP CONSTRAINT app_user_status_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_status_check CHECK (status IN ('active', 'disabled', 'deleted'));
      ALTER TABLE app_user ADD COLUMN deleted_at timestamptz;
      ALTER TABLE app_user ADD CONSTRAINT app_user_deleted_at_check CHECK ((status = 'deleted') = (deleted_at IS NOT NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user DROP CONSTRAINT app_user_deleted_at_check;
      ALTER TABLE app_user DROP COLUMN deleted_at;
      ALTER TABLE app_user DROP CONSTRAINT app_user_status_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_status_check CHECK (status IN ('active', 'disabled'));
    `);
  }
}
