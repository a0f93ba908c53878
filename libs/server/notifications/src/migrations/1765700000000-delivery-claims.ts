import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification delivery is claimed before it is sent, and sent outside any transaction: the claim
 * holds it for its sender until `claimed_until`, after which another job may take it (the sender
 * died mid-send). docs/architecture.md, "The core data flow", step 7.
 */
export class DeliveryClaims1765700000000 implements MigrationInterface {
  name = 'DeliveryClaims1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery ADD COLUMN claimed_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP COLUMN claimed_until`);
  }
}
