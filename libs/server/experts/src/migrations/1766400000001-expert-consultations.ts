import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 专家咨询: a question on a need asked by a member of its owner organisation, optionally of a chosen
 * expert; accepted (by an admin, or the chosen expert) by one expert, who answers in writing; or declined.
 */
export class ExpertConsultations1766400000001 implements MigrationInterface {
  name = 'ExpertConsultations1766400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE expert_consultation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        need_id uuid NOT NULL,
        org_id uuid NOT NULL REFERENCES organisation(id),
        requester_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
        preferred_profile_id uuid REFERENCES expert_profile(id) ON DELETE SET NULL,
        expert_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'answered', 'declined')),
        answer text CHECK (length(answer) <= 5000),
        decline_reason text CHECK (length(decline_reason) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        answered_at timestamptz,
        CHECK ((status = 'answered') = (answer IS NOT NULL)),
        CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX expert_consultation_need ON expert_consultation (need_id, created_at DESC)`);
    await q.query(`CREATE INDEX expert_consultation_expert ON expert_consultation (expert_user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE expert_consultation`);
  }
}
