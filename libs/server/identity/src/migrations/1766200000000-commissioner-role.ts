import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform role `commissioner` (科技特派员) joins admin, broker and reviewer. */
export class CommissionerRole1766200000000 implements MigrationInterface {
  name = 'CommissionerRole1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform_role_assignment DROP CONSTRAINT platform_role_assignment_role_check`);
    await q.query(`ALTER TABLE platform_role_assignment ADD CONSTRAINT platform_role_assignment_role_check CHECK (role IN ('admin', 'broker', 'reviewer', 'commissioner'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM platform_role_assignment WHERE role = 'commissioner'`);
    await q.query(`ALTER TABLE platform_role_assignment DROP CONSTRAINT platform_role_assignment_role_check`);
    await q.query(`ALTER TABLE platform_role_assignment ADD CONSTRAINT platform_role_assignment_role_check CHECK (role IN ('admin', 'broker', 'reviewer'))`);
  }
}
