import { addDays, beijingDate, CapacityDashboardView, CapacityKind, CapacityProviderFigures, OpeningHours, quarterBounds, weekdayIndex } from '@ztt/contracts';
import { DataSource } from 'typeorm';

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hours2 = (minutes: number) => (Math.round((minutes / 60) * 100) / 100).toFixed(2);

/**
 * The dashboard's 中试与仪器共享 figures for a quarter, read from the capacity tables: per provider
 * (and per organisation for instruments under no provider) the instruments' utilisation — approved
 * and completed booked hours starting in the quarter over the hours their opening hours offer in it
 * (Beijing days) — the runs approved or completed whose schedule overlaps the quarter, and the
 * satisfaction of all its rated bookings and runs; and the achievements whose TRL reached after a
 * completed run is above the TRL before it.
 */
export class CapacityFiguresReader {
  constructor(private readonly db: DataSource) {}

  async figures(quarter: string): Promise<CapacityDashboardView> {
    const { from, to } = quarterBounds(quarter);
    const [providers, instruments, booked, runs, ratings, moves] = await Promise.all([
      this.db.query(`SELECT p.id, p.name, p.kind, o.name AS org_name FROM capacity_provider p JOIN organisation o ON o.id = p.org_id WHERE p.status = 'published'`) as Promise<
        { id: string; name: string; kind: CapacityKind; org_name: string }[]
      >,
      this.db.query(
        `SELECT i.id, i.provider_id, i.org_id, o.name AS org_name, i.opening_hours FROM shared_instrument i JOIN organisation o ON o.id = i.org_id WHERE i.status = 'published'`,
      ) as Promise<{ id: string; provider_id: string | null; org_id: string; org_name: string; opening_hours: (OpeningHours | null)[] }[]>,
      this.db.query(
        `SELECT b.instrument_id, sum(extract(epoch FROM upper(b.slot) - lower(b.slot)) / 60)::float AS minutes
           FROM instrument_booking b
          WHERE b.status IN ('approved', 'completed') AND lower(b.slot) >= $1 AND lower(b.slot) < $2
          GROUP BY b.instrument_id`,
        [from, to],
      ) as Promise<{ instrument_id: string; minutes: number }[]>,
      this.db.query(
        `SELECT provider_id, count(*)::int AS n FROM verification_run
          WHERE status IN ('approved', 'completed') AND coalesce(scheduled_from, wish_from) < $2::date AND coalesce(scheduled_to, wish_to) >= $1::date
          GROUP BY provider_id`,
        [beijingDate(from), beijingDate(to)],
      ) as Promise<{ provider_id: string; n: number }[]>,
      this.db.query(
        `SELECT pid, count(*)::int AS n, round(avg(rating)::numeric, 2)::text AS average
           FROM (SELECT coalesce(i.provider_id::text, 'org:' || i.org_id) AS pid, b.rating FROM instrument_booking b JOIN shared_instrument i ON i.id = b.instrument_id WHERE b.rating IS NOT NULL
                 UNION ALL SELECT provider_id::text, rating FROM verification_run WHERE rating IS NOT NULL) x
          GROUP BY pid`,
      ) as Promise<{ pid: string; n: number; average: string }[]>,
      this.db.query(
        `SELECT r.id, r.achievement_id, a.title, p.name AS provider_name, r.trl_before, r.trl_reached, r.completed_at
           FROM verification_run r JOIN capacity_provider p ON p.id = r.provider_id JOIN achievement a ON a.id = r.achievement_id
          WHERE r.status = 'completed' AND r.trl_reached > r.trl_before
          ORDER BY r.completed_at DESC LIMIT 100`,
      ) as Promise<{ id: string; achievement_id: string; title: string; provider_name: string; trl_before: number; trl_reached: number; completed_at: Date }[]>,
    ]);
    // Open minutes of each weekday schedule over the quarter's Beijing days.
    const days: number[] = [0, 0, 0, 0, 0, 0, 0];
    for (let d = beijingDate(from); d < beijingDate(to); d = addDays(d, 1)) days[weekdayIndex(d)] = (days[weekdayIndex(d)] ?? 0) + 1;
    const openMinutes = (hours: (OpeningHours | null)[]) => hours.reduce((n, h, k) => n + (h ? (minutesOf(h.close) - minutesOf(h.open)) * (days[k] ?? 0) : 0), 0);
    const bookedBy = new Map(booked.map((b) => [b.instrument_id, b.minutes]));
    const runsBy = new Map(runs.map((r) => [r.provider_id, r.n]));
    const ratingBy = new Map(ratings.map((r) => [r.pid, r]));

    const rows = new Map<string, CapacityProviderFigures & { open: number; booked: number }>();
    for (const p of providers)
      rows.set(p.id, {
        providerId: p.id,
        name: p.name,
        orgName: p.org_name,
        kind: p.kind,
        bookedHours: '0.00',
        openHours: '0.00',
        utilisation: null,
        runs: runsBy.get(p.id) ?? 0,
        ratingCount: 0,
        ratingAverage: null,
        open: 0,
        booked: 0,
      });
    for (const i of instruments) {
      const key = i.provider_id && rows.has(i.provider_id) ? i.provider_id : `org:${i.org_id}`;
      const row =
        rows.get(key) ??
        rows
          .set(key, {
            providerId: null,
            name: i.org_name,
            orgName: i.org_name,
            kind: 'instruments',
            bookedHours: '0.00',
            openHours: '0.00',
            utilisation: null,
            runs: 0,
            ratingCount: 0,
            ratingAverage: null,
            open: 0,
            booked: 0,
          })
          .get(key)!;
      row.open += openMinutes(i.opening_hours);
      row.booked += bookedBy.get(i.id) ?? 0;
    }
    const out: CapacityProviderFigures[] = [];
    for (const [key, { open, booked: used, ...row }] of rows) {
      const r = ratingBy.get(key);
      out.push({
        ...row,
        bookedHours: hours2(used),
        openHours: hours2(open),
        utilisation: open > 0 ? ((used / open) * 100).toFixed(2) : null,
        ratingCount: r?.n ?? 0,
        ratingAverage: r?.average ?? null,
      });
    }
    out.sort((a, b) => Number(b.utilisation ?? -1) - Number(a.utilisation ?? -1) || b.runs - a.runs || a.name.localeCompare(b.name, 'zh-CN'));
    return {
      quarter,
      providers: out,
      trlMoves: moves.map((m) => ({
        runId: m.id,
        achievementId: m.achievement_id,
        achievementTitle: m.title,
        providerName: m.provider_name,
        trlBefore: m.trl_before,
        trlReached: m.trl_reached,
        completedAt: new Date(m.completed_at).toISOString(),
      })),
    };
  }
}
