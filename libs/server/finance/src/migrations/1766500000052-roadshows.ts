import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 路演: an event run by an admin or broker (draft → published → held, or cancelled), with presenting
 * projects (open financing requests; the applicant accepts to present), invited finance organisations,
 * sign-ups by finance members (once each) and follow-ups logged after it (investor, project, note, next step).
 */
export class Roadshows1766500000052 implements MigrationInterface {
  name = 'Roadshows1766500000052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roadshow (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz CHECK (ends_at > starts_at),
        place text CHECK (length(place) <= 200),
        online_link text CHECK (length(online_link) <= 300),
        chains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(chains) <= 10),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'held', 'cancelled')),
        organiser_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        published_at timestamptz,
        held_at timestamptz,
        cancelled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (place IS NOT NULL OR online_link IS NOT NULL),
        CHECK ((status = 'held') = (held_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX roadshow_starts ON roadshow (starts_at DESC)`);
    await q.query(`
      CREATE TABLE roadshow_project (
        roadshow_id uuid NOT NULL REFERENCES roadshow(id) ON DELETE CASCADE,
        request_id uuid NOT NULL REFERENCES financing_request(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined')),
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (roadshow_id, request_id),
        CHECK ((status = 'invited') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX roadshow_project_request ON roadshow_project (request_id)`);
    await q.query(`
      CREATE TABLE roadshow_investor (
        roadshow_id uuid NOT NULL REFERENCES roadshow(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (roadshow_id, org_id)
      )`);
    await q.query(`
      CREATE TABLE roadshow_signup (
        roadshow_id uuid NOT NULL REFERENCES roadshow(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES organisation(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (roadshow_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE roadshow_follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roadshow_id uuid NOT NULL,
        investor_org_id uuid NOT NULL REFERENCES organisation(id),
        request_id uuid NOT NULL,
        note text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
        next_step text NOT NULL DEFAULT '' CHECK (length(next_step) <= 200),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (roadshow_id, request_id) REFERENCES roadshow_project(roadshow_id, request_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX roadshow_follow_up_roadshow ON roadshow_follow_up (roadshow_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roadshow_follow_up`);
    await q.query(`DROP TABLE roadshow_signup`);
    await q.query(`DROP TABLE roadshow_investor`);
    await q.query(`DROP TABLE roadshow_project`);
    await q.query(`DROP TABLE roadshow`);
  }
}
