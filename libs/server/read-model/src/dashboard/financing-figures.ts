import { FINANCING_INSTRUMENTS, FinancingFigures, ReferralStatus } from '@ztt/contracts';
import { DataSource } from 'typeorm';

/** A timestamp's quarter in Beijing time, as 2026Q4 (quarterOf in SQL). */
const QUARTER = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY"Q"Q')`;

/**
 * The dashboard's 科技金融 figures, read from the finance and deals tables: per quarter and
 * instrument, the financing requested (published requests, counted in the quarter they were
 * published: how many and their amounts) against the financing arranged (financing deals closed in
 * that quarter: how many and their arranged amounts); the policy referrals by programme and status;
 * and the roadshows held with their presenting projects and follow-ups.
 */
export class FinancingFiguresReader {
  constructor(private readonly db: DataSource) {}

  async figures(): Promise<FinancingFigures> {
    const [requested, arranged, referrals, roadshows] = await Promise.all([
      this.db.query(
        `SELECT ${QUARTER('published_at')} AS quarter, instrument, count(*)::int AS n, sum(amount)::text AS total
           FROM financing_request WHERE published_at IS NOT NULL AND status <> 'draft'
          GROUP BY 1, 2`,
      ) as Promise<{ quarter: string; instrument: string; n: number; total: string }[]>,
      this.db.query(
        `SELECT ${QUARTER('d.stage_changed_at')} AS quarter, f.instrument, count(*)::int AS n, sum(d.arranged_amount)::text AS total
           FROM deal d JOIN financing_request f ON f.id = d.financing_request_id
          WHERE d.kind = 'financing' AND d.stage = 'closed' AND d.arranged_amount IS NOT NULL
          GROUP BY 1, 2`,
      ) as Promise<{ quarter: string; instrument: string; n: number; total: string }[]>,
      this.db.query(`SELECT programme, status, count(*)::int AS n FROM financing_referral GROUP BY 1, 2 ORDER BY 1, 2`) as Promise<
        { programme: string; status: ReferralStatus; n: number }[]
      >,
      this.db.query(
        `SELECT count(*)::int AS held,
                coalesce(sum((SELECT count(*) FROM roadshow_project p WHERE p.roadshow_id = r.id AND p.status = 'accepted')), 0)::int AS projects,
                coalesce(sum((SELECT count(*) FROM roadshow_follow_up f WHERE f.roadshow_id = r.id)), 0)::int AS "followUps"
           FROM roadshow r WHERE r.status = 'held'`,
      ) as Promise<{ held: number; projects: number; followUps: number }[]>,
    ]);
    const rows = new Map<string, FinancingFigures['quarters'][number]>();
    const row = (quarter: string, instrument: string) => {
      const key = `${quarter}|${instrument}`;
      const existing = rows.get(key);
      if (existing) return existing;
      const fresh = { quarter, instrument, requestedCount: 0, requested: '0.00', arrangedCount: 0, arranged: '0.00' };
      rows.set(key, fresh);
      return fresh;
    };
    for (const r of requested) Object.assign(row(r.quarter, r.instrument), { requestedCount: r.n, requested: r.total });
    for (const r of arranged) Object.assign(row(r.quarter, r.instrument), { arrangedCount: r.n, arranged: r.total });
    const order = (i: string) => (FINANCING_INSTRUMENTS as readonly string[]).indexOf(i);
    return {
      quarters: [...rows.values()].sort((a, b) => a.quarter.localeCompare(b.quarter) || order(a.instrument) - order(b.instrument)),
      referrals: referrals.map((r) => ({ programme: r.programme, status: r.status, count: r.n })),
      roadshows: roadshows[0] ?? { held: 0, projects: 0, followUps: 0 },
    };
  }
}
