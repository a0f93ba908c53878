import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 职务科技成果: an achievement can be flagged as a service invention, with its funding source and
 * the rights granted to its inventors (赋权). A contract on one needs its organisation's approval.
 */
export class ServiceInvention1765810000000 implements MigrationInterface {
  name = 'ServiceInvention1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE achievement
        ADD COLUMN service_invention boolean NOT NULL DEFAULT false,
        ADD COLUMN funding_source text CHECK (funding_source IN ('national', 'provincial', 'municipal', 'enterprise', 'self', 'other')),
        ADD COLUMN rights_granted text NOT NULL DEFAULT 'none' CHECK (rights_granted IN ('none', 'ownership', 'long_term_use'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE achievement DROP COLUMN rights_granted, DROP COLUMN funding_source, DROP COLUMN service_invention`);
  }
}
