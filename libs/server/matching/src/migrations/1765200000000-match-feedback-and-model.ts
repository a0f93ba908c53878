import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback on a match (有用 / 没用), one verdict per person per match, kept apart from the match's
 * status; and the matching model an admin tuned (one row), which overrides the configured weights.
 */
export class MatchFeedbackAndModel1765200000000 implements MigrationInterface {
  name = 'MatchFeedbackAndModel1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_feedback (
        match_id uuid NOT NULL REFERENCES match(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        verdict text NOT NULL CHECK (verdict IN ('useful', 'not-useful')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (match_id, user_id)
      );
      CREATE TABLE matching_model (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        weights jsonb NOT NULL,
        top_k integer NOT NULL CHECK (top_k BETWEEN 1 AND 100),
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE matching_model; DROP TABLE match_feedback');
  }
}
