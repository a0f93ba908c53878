import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 县域产业技术需求清单: a county official's yearly list of the county's industry technology needs,
 * one per county and year, its entries kept in order (title, chain, description, priority, and
 * optionally a published need of the county it stands for). Public once published.
 */
export class CountyNeedList1766300001000 implements MigrationInterface {
  name = 'CountyNeedList1766300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE county_need_list (
        county text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2024 AND 2035),
        -- [{ "title": "...", "chain": "marine.ranching", "description": "...", "priority": "high" | "medium" | "low", "needId": uuid | null }]
        entries jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        published_at timestamptz,
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (county, year),
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE county_need_list`);
  }
}
