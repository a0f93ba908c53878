import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform role `county_official` (县区科技管理人员) joins the others, scoped to ONE county: the
 * assignment carries the county's region code (required for that role, absent for every other).
 */
export class CountyOfficialRole1766300000000 implements MigrationInterface {
  name = 'CountyOfficialRole1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform_role_assignment DROP CONSTRAINT platform_role_assignment_role_check`);
    await q.query(
      `ALTER TABLE platform_role_assignment ADD CONSTRAINT platform_role_assignment_role_check CHECK (role IN ('admin', 'broker', 'reviewer', 'commissioner', 'county_official'))`,
    );
    await q.query(`ALTER TABLE platform_role_assignment ADD COLUMN county text`);
    await q.query(`ALTER TABLE platform_role_assignment ADD CONSTRAINT platform_role_assignment_county_check CHECK ((role = 'county_official') = (county IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM platform_role_assignment WHERE role = 'county_official'`);
    await q.query(`ALTER TABLE platform_role_assignment DROP CONSTRAINT platform_role_assignment_county_check`);
    await q.query(`ALTER TABLE platform_role_assignment DROP COLUMN county`);
    await q.query(`ALTER TABLE platform_role_assignment DROP CONSTRAINT platform_role_assignment_role_check`);
    await q.query(`ALTER TABLE platform_role_assignment ADD CONSTRAINT platform_role_assignment_role_check CHECK (role IN ('admin', 'broker', 'reviewer', 'commissioner'))`);
  }
}
