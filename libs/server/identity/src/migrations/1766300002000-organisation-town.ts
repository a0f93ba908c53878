import { MigrationInterface, QueryRunner } from 'typeorm';

/** 入县达镇: an organisation's optional town (乡镇/街道, free text), kept by its admins; counties are tracked down to towns. */
export class OrganisationTown1766300002000 implements MigrationInterface {
  name = 'OrganisationTown1766300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation ADD COLUMN town text CHECK (char_length(town) <= 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation DROP COLUMN town`);
  }
}
