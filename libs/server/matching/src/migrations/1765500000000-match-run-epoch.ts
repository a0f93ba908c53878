import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quarterly run's fencing token: each worker that takes the run (a job attempt) bumps `epoch`,
 * and every write of the run is made only while the run row still carries the worker's epoch and
 * the cursor its page started from, so a worker that lost the job to another changes nothing.
 */
export class MatchRunEpoch1765500000000 implements MigrationInterface {
  name = 'MatchRunEpoch1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE match_run ADD COLUMN epoch integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE match_run DROP COLUMN epoch`);
  }
}
