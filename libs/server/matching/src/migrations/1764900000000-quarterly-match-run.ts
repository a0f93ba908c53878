import { MigrationInterface, QueryRunner } from 'typeorm';

/** One quarterly matching run per quarter (UNIQUE), with a keyset cursor so a killed run resumes. */
export class QuarterlyMatchRun1764900000000 implements MigrationInterface {
  name = 'QuarterlyMatchRun1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quarter text NOT NULL UNIQUE CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        errors integer NOT NULL DEFAULT 0,
        cursor_kind text CHECK (cursor_kind IN ('need', 'achievement')),
        cursor_id uuid,
        started_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        summary jsonb NOT NULL DEFAULT '{}'
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE match_run');
  }
}
