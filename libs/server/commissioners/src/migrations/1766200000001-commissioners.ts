import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 科技特派员: the roster (one entry per person), assignments to a county for a period, the yearly
 * service list, the services logged with their files, and the served organisation's confirmation
 * and rating (once: the columns are set together, and never again).
 */
export class Commissioners1766200000001 implements MigrationInterface {
  name = 'Commissioners1766200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commissioner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES app_user(id) ON DELETE CASCADE,
        institution_org_id uuid NOT NULL REFERENCES organisation(id),
        chains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(chains) <= 10),
        keywords text[] NOT NULL DEFAULT '{}' CHECK (cardinality(keywords) <= 20),
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE commissioner_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commissioner_id uuid NOT NULL REFERENCES commissioner(id) ON DELETE CASCADE,
        region text NOT NULL,
        town text CHECK (length(town) <= 100),
        served_org_id uuid REFERENCES organisation(id),
        starts_on date NOT NULL,
        ends_on date CHECK (ends_on >= starts_on),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissioner_assignment_commissioner ON commissioner_assignment (commissioner_id, starts_on)`);
    await q.query(`CREATE INDEX commissioner_assignment_region ON commissioner_assignment (region)`);
    await q.query(`
      CREATE TABLE commissioner_service_plan_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commissioner_id uuid NOT NULL REFERENCES commissioner(id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        target text CHECK (length(target) <= 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissioner_service_plan_item_year ON commissioner_service_plan_item (commissioner_id, year)`);
    await q.query(`
      CREATE TABLE commissioner_service_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commissioner_id uuid NOT NULL REFERENCES commissioner(id) ON DELETE CASCADE,
        served_on date NOT NULL,
        place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
        served_org_id uuid NOT NULL REFERENCES organisation(id),
        plan_item_id uuid REFERENCES commissioner_service_plan_item(id) ON DELETE SET NULL,
        confirmed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        confirmed_at timestamptz,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        rating_comment text CHECK (length(rating_comment) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((confirmed_at IS NULL) = (rating IS NULL))
      )`);
    await q.query(`CREATE INDEX commissioner_service_log_commissioner ON commissioner_service_log (commissioner_id, served_on DESC)`);
    await q.query(`CREATE INDEX commissioner_service_log_served ON commissioner_service_log (served_org_id, served_on DESC)`);
    await q.query(`
      CREATE TABLE commissioner_service_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        log_id uuid NOT NULL REFERENCES commissioner_service_log(id) ON DELETE CASCADE,
        file_name text NOT NULL,
        stored_name text NOT NULL,
        mime_type text NOT NULL,
        size integer NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissioner_service_file_log ON commissioner_service_file (log_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commissioner_service_file`);
    await q.query(`DROP TABLE commissioner_service_log`);
    await q.query(`DROP TABLE commissioner_service_plan_item`);
    await q.query(`DROP TABLE commissioner_assignment`);
    await q.query(`DROP TABLE commissioner`);
  }
}
