import { beijingDate, CampaignTarget, previousQuarter, quarterBounds, quarterOf } from '@ztt/contracts';
import { DashboardService, renderPdf } from '@ztt/read-model';
import type { AuditService } from '@ztt/audit';
import { DataSource, EntityManager } from 'typeorm';
import { Seeder } from './seeder';

const DAY = 86_400_000;
const beijingDay = (t: number) => beijingDate(new Date(t));

export const closedCampaignTitle = (quarter: string) => `${quarter.slice(0, 4)}年第${quarter.slice(5)}季度技术需求与科技成果征集`;
export const CONTRACT_TARGET = '50000000.00';

/** Needs per county and industry, achievements from the university: the bureau's usual targets. */
const TARGETS: CampaignTarget[] = [
  { dimension: 'region', code: 'potou', kind: 'need', target: 5 },
  { dimension: 'region', code: 'mazhang', kind: 'need', target: 4 },
  { dimension: 'region', code: 'zetdz', kind: 'need', target: 4 },
  { dimension: 'region', code: 'xuwen', kind: 'need', target: 2 },
  { dimension: 'industry', code: 'marine', kind: 'need', target: 5 },
  { dimension: 'industry', code: 'steel', kind: 'need', target: 3 },
  { dimension: 'industry', code: 'food', kind: 'need', target: 3 },
  { dimension: 'region', code: 'mazhang', kind: 'achievement', target: 6 },
];

async function insertCampaign(
  m: EntityManager,
  c: { title: string; quarter: string; startsOn: string; endsOn: string; status: 'open' | 'reported'; adminId: string | null; orgIds: string[] },
): Promise<string> {
  const rows = (await m.query(
    `INSERT INTO campaign (title, quarter, starts_on, ends_on, focus_industries, focus_regions, targets, reminder_days, status, opened_at, closed_at, reported_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $3::date, CASE WHEN $9 = 'reported' THEN $4::date + 1 END, CASE WHEN $9 = 'reported' THEN $4::date + 1 END, $10) RETURNING id`,
    [c.title, c.quarter, c.startsOn, c.endsOn, ['marine', 'steel', 'food'], ['potou', 'mazhang', 'zetdz', 'xuwen'], JSON.stringify(TARGETS), [7, 1], c.status, c.adminId],
  )) as { id: string }[];
  const id = (rows[0] as { id: string }).id;
  await m.query(
    `INSERT INTO campaign_invitation (campaign_id, organisation_id, invited_by, invited_at, notified_at) SELECT $1, o, $2, $3::date, $3::date FROM unnest($4::uuid[]) o ON CONFLICT DO NOTHING`,
    [id, c.adminId, c.startsOn, c.orgIds],
  );
  return id;
}

/**
 * A campaign of the previous quarter, closed and reported (with its PDF), and one open now with
 * part of the demo needs and achievements already submitted; the year's contract-value target.
 */
export const campaignsSeeder: Seeder = {
  name: 'campaigns',
  async run({ manager: m }) {
    let created = 0;
    const now = Date.now();
    const current = quarterOf(new Date(now));
    const previous = previousQuarter(current);
    const admin = ((await m.query(`SELECT id FROM app_user WHERE email = 'admin@demo.zj.cn'`)) as { id: string }[])[0]?.id ?? null;
    const orgIds = (
      (await m.query(
        `SELECT id FROM organisation WHERE verification_status = 'verified' AND type IN ('enterprise', 'university', 'institute', 'new-rd-institution') ORDER BY name`,
      )) as { id: string }[]
    ).map((r) => r.id);
    const items = async (table: 'tech_need' | 'achievement') =>
      ((await m.query(`SELECT id FROM ${table} WHERE status = 'published' ORDER BY published_at, id`)) as { id: string }[]).map((r) => r.id);
    const needs = await items('tech_need');
    const achievements = await items('achievement');

    const closedTitle = closedCampaignTitle(previous);
    if (!((await m.query(`SELECT 1 FROM campaign WHERE title = $1`, [closedTitle])) as unknown[]).length) {
      const { from, to } = quarterBounds(previous);
      const id = await insertCampaign(m, {
        title: closedTitle,
        quarter: previous,
        startsOn: beijingDay(from.getTime() + 14 * DAY),
        endsOn: beijingDay(to.getTime() - 10 * DAY),
        status: 'reported',
        adminId: admin,
        orgIds,
      });
      // The oldest demo items answered that campaign.
      await m.query(`UPDATE tech_need SET campaign_id = $1 WHERE id = ANY($2::uuid[]) AND campaign_id IS NULL`, [id, needs.slice(0, Math.ceil(needs.length / 2))]);
      await m.query(`UPDATE achievement SET campaign_id = $1 WHERE id = ANY($2::uuid[]) AND campaign_id IS NULL`, [id, achievements.slice(0, Math.ceil(achievements.length / 2))]);
      created++;
    }

    const openTitle = `${current.slice(0, 4)}年第${current.slice(5)}季度重点产业技术需求征集`;
    const anyOpen = ((await m.query(`SELECT 1 FROM campaign WHERE status = 'open'`)) as unknown[]).length > 0;
    if (!anyOpen && !((await m.query(`SELECT 1 FROM campaign WHERE title = $1`, [openTitle])) as unknown[]).length) {
      const { to } = quarterBounds(current);
      const endsOn = beijingDay(Math.min(now + 15 * DAY, to.getTime() - DAY));
      const id = await insertCampaign(m, { title: openTitle, quarter: current, startsOn: beijingDay(now - 20 * DAY), endsOn, status: 'open', adminId: admin, orgIds });
      await m.query(`UPDATE tech_need SET campaign_id = $1 WHERE id = ANY($2::uuid[]) AND campaign_id IS NULL`, [id, needs.slice(Math.ceil(needs.length / 2))]);
      await m.query(`UPDATE achievement SET campaign_id = $1 WHERE id = ANY($2::uuid[]) AND campaign_id IS NULL`, [id, achievements.slice(Math.ceil(achievements.length / 2))]);
      created++;
    }

    const year = Number(current.slice(0, 4));
    const target = (await m.query(`INSERT INTO contract_value_target (year, amount, set_by) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING RETURNING year`, [
      year,
      CONTRACT_TARGET,
      admin,
    ])) as unknown[];
    created += target.length;

    if (!((await m.query(`SELECT 1 FROM quarterly_report WHERE quarter = $1`, [previous])) as unknown[]).length) {
      // The report exactly as the job would build it (figures from the dashboard's SQL, inside this transaction).
      // One transaction has one connection: its queries go one after another.
      let last: Promise<unknown> = Promise.resolve();
      const serial = { query: (sql: string, params?: unknown[]) => (last = last.then(() => m.query(sql, params))) };
      const dashboard = new DashboardService(serial as unknown as DataSource, null as unknown as AuditService);
      const figures = await dashboard.dashboard({ quarter: previous });
      const campaigns = (await m.query(
        `SELECT c.id, c.title, c.status,
                (SELECT count(*)::int FROM tech_need n WHERE n.campaign_id = c.id) AS needs,
                (SELECT count(*)::int FROM achievement a WHERE a.campaign_id = c.id) AS achievements,
                (SELECT count(*)::int FROM campaign_invitation i WHERE i.campaign_id = c.id) AS invited
           FROM campaign c WHERE c.quarter = $1 AND c.status <> 'draft'`,
        [previous],
      )) as { id: string; title: string; status: string; needs: number; achievements: number; invited: number }[];
      const pdf = await renderPdf(previous, figures, campaigns);
      await m.query(`INSERT INTO quarterly_report (quarter, status, figures, pdf, sent_at) VALUES ($1, 'sent', $2::jsonb, $3, now())`, [
        previous,
        JSON.stringify({ dashboard: figures, campaigns }),
        pdf,
      ]);
      created++;
    }
    return created;
  },
};
