import { beijingDate, CommissionerFigures } from '@ztt/contracts';
import { DataSource } from 'typeorm';

/**
 * The dashboard's 科技特派员 figures, read from the commissioners' tables: the active roster, how
 * many active commissioners each county has today (an assignment whose period holds today), and
 * the services logged, confirmed by the served organisation, and their average rating.
 */
export class CommissionerFiguresReader {
  constructor(private readonly db: DataSource) {}

  async figures(today = beijingDate()): Promise<CommissionerFigures> {
    const [roster, counties, services] = await Promise.all([
      this.db.query(`SELECT count(*)::int AS n FROM commissioner WHERE active`) as Promise<{ n: number }[]>,
      this.db.query(
        `SELECT a.region, count(DISTINCT a.commissioner_id)::int AS n
           FROM commissioner_assignment a
           JOIN commissioner c ON c.id = a.commissioner_id AND c.active
          WHERE a.starts_on <= $1::date AND (a.ends_on IS NULL OR a.ends_on >= $1::date)
          GROUP BY a.region ORDER BY n DESC, a.region`,
        [today],
      ) as Promise<{ region: string; n: number }[]>,
      this.db.query(
        `SELECT count(*)::int AS logged, count(confirmed_at)::int AS confirmed, round(avg(rating)::numeric, 1)::text AS average
           FROM commissioner_service_log`,
      ) as Promise<{ logged: number; confirmed: number; average: string | null }[]>,
    ]);
    const s = services[0];
    return {
      commissioners: roster[0]?.n ?? 0,
      perCounty: counties.map((c) => ({ region: c.region, commissioners: c.n })),
      servicesLogged: s?.logged ?? 0,
      servicesConfirmed: s?.confirmed ?? 0,
      averageRating: s?.average ?? null,
    };
  }
}
