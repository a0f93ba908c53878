import { MigrationInterface, QueryRunner } from 'typeorm';

/** Scored, explained need ↔ achievement pairs. */
export class Matching1764700000000 implements MigrationInterface {
  name = 'Matching1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        need_id uuid NOT NULL REFERENCES tech_need(id) ON DELETE CASCADE,
        achievement_id uuid NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
        score numeric(5, 4) NOT NULL CHECK (score BETWEEN 0 AND 1),
        breakdown jsonb NOT NULL,
        explanation jsonb NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'seen', 'contacted', 'deal', 'dismissed')),
        dismiss_reason text CHECK (dismiss_reason IN ('irrelevant', 'existing-partner', 'immature', 'price', 'other')),
        source text NOT NULL CHECK (source IN ('publication', 'refresh', 'quarterly')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (need_id, achievement_id)
      );
      CREATE INDEX match_need_idx ON match (need_id, score DESC);
      CREATE INDEX match_achievement_idx ON match (achievement_id, score DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE match');
  }
}
