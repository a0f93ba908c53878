import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 揭榜挂帅 open challenges: challenges, applications (one live per organisation), panels,
 * conflict declarations, scores (one per reviewer and application), the award decision (one per
 * challenge), objections, milestones, payment tranches (one per milestone) and files.
 */
export class Challenges1765000000000 implements MigrationInterface {
  name = 'Challenges1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE challenge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_org_id uuid NOT NULL REFERENCES organisation(id),
        acceptor_user_id uuid NOT NULL REFERENCES app_user(id),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        title text NOT NULL,
        background text NOT NULL,
        indicators jsonb NOT NULL,
        chains text[] NOT NULL,
        industries text[] NOT NULL DEFAULT '{}',
        bounty numeric(15,2) NOT NULL CHECK (bounty > 0),
        funding_source text NOT NULL,
        application_deadline timestamptz NOT NULL,
        period_months integer NOT NULL CHECK (period_months BETWEEN 1 AND 36),
        eligibility jsonb NOT NULL,
        mode text NOT NULL CHECK (mode IN ('single', 'horse_race')),
        teams integer NOT NULL CHECK (teams BETWEEN 1 AND 5),
        rubric jsonb NOT NULL,
        milestones jsonb NOT NULL,
        first_tranche_min_percent integer NOT NULL DEFAULT 0 CHECK (first_tranche_min_percent BETWEEN 0 AND 100),
        status text NOT NULL DEFAULT 'draft',
        rejection_reason text,
        end_reason text,
        published_at timestamptz,
        notice_ends_at timestamptz,
        finalised_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX challenge_status_idx ON challenge (status, application_deadline);

      CREATE TABLE challenge_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenge(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id),
        lead_user_id uuid NOT NULL REFERENCES app_user(id),
        technical_route text NOT NULL,
        indicator_plans jsonb NOT NULL,
        schedule text NOT NULL,
        budget numeric(15,2) NOT NULL CHECK (budget >= 0),
        budget_notes text NOT NULL DEFAULT '',
        team jsonb NOT NULL,
        achievement_ids uuid[] NOT NULL DEFAULT '{}',
        ip_items jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'submitted',
        version integer NOT NULL DEFAULT 1,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One live application per organisation per challenge, however many arrive at once.
      CREATE UNIQUE INDEX challenge_application_one_per_org ON challenge_application (challenge_id, org_id) WHERE status <> 'withdrawn';

      CREATE TABLE challenge_reviewer (
        challenge_id uuid NOT NULL REFERENCES challenge(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        conflict_application_ids uuid[],
        statement text,
        declared_at timestamptz,
        added_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (challenge_id, user_id)
      );

      CREATE TABLE challenge_score (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES challenge_application(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES app_user(id),
        scores integer[] NOT NULL,
        total numeric(6,2) NOT NULL CHECK (total BETWEEN 0 AND 100),
        comment text NOT NULL DEFAULT '',
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, reviewer_id)
      );

      CREATE TABLE challenge_decision (
        challenge_id uuid PRIMARY KEY REFERENCES challenge(id) ON DELETE CASCADE,
        winner_application_ids uuid[] NOT NULL,
        rationale text NOT NULL,
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        notice_ends_at timestamptz NOT NULL
      );

      CREATE TABLE challenge_objection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenge(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        text text NOT NULL,
        answer text,
        answered_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX challenge_objection_idx ON challenge_objection (challenge_id, created_at);

      CREATE TABLE challenge_milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        challenge_id uuid NOT NULL REFERENCES challenge(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES challenge_application(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        title text NOT NULL,
        deliverables text NOT NULL,
        due_date date NOT NULL,
        share_percent integer NOT NULL,
        amount numeric(15,2) NOT NULL,
        status text NOT NULL DEFAULT 'planned',
        report text,
        indicator_results jsonb NOT NULL DEFAULT '[]',
        comment text,
        submitted_at timestamptz,
        decided_at timestamptz,
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        UNIQUE (application_id, seq)
      );
      CREATE INDEX challenge_milestone_challenge_idx ON challenge_milestone (challenge_id);

      CREATE TABLE challenge_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        milestone_id uuid NOT NULL UNIQUE REFERENCES challenge_milestone(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES challenge_application(id) ON DELETE CASCADE,
        amount numeric(15,2) NOT NULL,
        paid_on date NOT NULL,
        recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE challenge_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_type text NOT NULL CHECK (owner_type IN ('application', 'milestone')),
        owner_id uuid NOT NULL,
        file_name text NOT NULL,
        stored_name text NOT NULL,
        mime_type text NOT NULL,
        size integer NOT NULL,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX challenge_file_owner_idx ON challenge_file (owner_type, owner_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE challenge_file; DROP TABLE challenge_payment; DROP TABLE challenge_milestone; DROP TABLE challenge_objection;
      DROP TABLE challenge_decision; DROP TABLE challenge_score; DROP TABLE challenge_reviewer; DROP TABLE challenge_application; DROP TABLE challenge;
    `);
  }
}
