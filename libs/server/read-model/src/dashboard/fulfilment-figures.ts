import {
  DashboardFilters,
  EquityFigures,
  EquityHolder,
  FulfilmentFigures,
  FulfilmentQuarter,
  ModelFigures,
  OVERDUE_LIST_LIMIT,
  OverdueFigures,
  PAYABLE_SCHEDULE_KINDS,
  quarterOf,
  TRANSFER_MODELS,
  TransferModel,
  TrialFigures,
} from '@ztt/contracts';
import { DataSource } from 'typeorm';

/** Chinese names of the transfer models, for the exports and the report. */
export const MODEL_LABELS: Record<TransferModel, string> = { transfer: '转让', licence: '许可', use_first: '先用后转', equity: '作价入股' };
export const EQUITY_HOLDER_LABELS: Record<EquityHolder, string> = { university: '高校/院所本身', holding_platform: '持股平台' };
/** Who holds the shares, in Chinese: the holder, with the 持股平台's name when it has one. */
export function holderText(holder: EquityHolder, name: string | null | undefined): string {
  const label = EQUITY_HOLDER_LABELS[holder] ?? holder;
  return name?.trim() ? `${label}（${name.trim()}）` : label;
}
/** A contract recorded without structured terms. */
export const NO_MODEL_LABEL = '未填结构化条款';

/**
 * The contracts whose deal was signed (signed, registered or fulfilled now, or signed once and lost
 * since), under the dashboard's industry ($1) and county ($2) filters, as the contract value chart
 * reads them: the industry is the deal's need's (else the achievement's, else the challenge's), the
 * county the need's region (else the demand side's). `in_force`: the deal is signed, registered or
 * fulfilled now.
 */
const SIGNED_CONTRACTS = `signed AS (
  SELECT c.deal_id, d.title, c.signed_on, c.total_amount, c.terms, c.trial_outcome,
         d.stage IN ('signed', 'registered', 'fulfilled') AS in_force
    FROM contract_registration c
    JOIN deal d ON d.id = c.deal_id
    JOIN organisation o ON o.id = d.demand_org_id
    LEFT JOIN match m ON m.id = d.match_id
    LEFT JOIN tech_need n ON n.id = coalesce(d.need_id, m.need_id)
    LEFT JOIN achievement a ON a.id = coalesce(d.achievement_id, m.achievement_id)
    LEFT JOIN challenge ch ON ch.id = d.challenge_id
   WHERE (d.stage IN ('signed', 'registered', 'fulfilled') OR EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed'))
     AND ($1::text IS NULL OR $1 = ANY(coalesce(n.industries, a.industries, ch.industries, '{}')))
     AND ($2::text IS NULL OR coalesce(n.region, o.region) = $2))`;

/** The year of the quarter chart (the chosen quarter's, else this year) and the period of the rest (the chosen quarter's year, else all). */
export function fulfilmentYears(f: DashboardFilters): { year: number; period: number | null } {
  return { year: Number((f.quarter ?? quarterOf(new Date())).slice(0, 4)), period: f.quarter ? Number(f.quarter.slice(0, 4)) : null };
}

/**
 * Fulfilment figures of the bureau's dashboard, read from the deals' tables (contract_registration,
 * contract_schedule_item, contract_payment). Sums are numeric in PostgreSQL and travel as text.
 */
export class FulfilmentReader {
  constructor(private readonly db: DataSource) {}

  private scope(f: DashboardFilters): unknown[] {
    return [f.industry ?? null, f.region ?? null];
  }

  async figures(f: DashboardFilters): Promise<FulfilmentFigures> {
    const { year, period } = fulfilmentYears(f);
    const [quarters, overdue, trials, equity, byModel] = await Promise.all([
      this.quarters(f),
      this.overdue(f, OVERDUE_LIST_LIMIT),
      this.trials(f),
      this.equity(f),
      this.byModel(f),
    ]);
    return { year, period, quarters, overdue, trials, equity, byModel };
  }

  /** Per quarter of the year: contracts signed (by signing day) and their value, against confirmed payments (by payment day) and the inventors' share. */
  async quarters(f: DashboardFilters): Promise<FulfilmentQuarter[]> {
    const { year } = fulfilmentYears(f);
    const rows = (await this.db.query(
      `WITH ${SIGNED_CONTRACTS},
            q AS (SELECT g AS qn FROM generate_series(1, 4) g),
            s AS (SELECT extract(quarter FROM signed_on)::int AS qn, count(*)::int AS n, sum(total_amount) AS v
                    FROM signed WHERE extract(year FROM signed_on) = $3 GROUP BY 1),
            p AS (SELECT extract(quarter FROM p.paid_on)::int AS qn, sum(p.amount) AS v, sum(coalesce(p.inventor_share, 0)) AS inv
                    FROM contract_payment p JOIN signed ON signed.deal_id = p.deal_id
                   WHERE p.status = 'confirmed' AND extract(year FROM p.paid_on) = $3 GROUP BY 1)
       SELECT q.qn, coalesce(s.n, 0) AS contracts,
              coalesce(s.v, 0)::numeric(18, 2)::text AS contracted,
              coalesce(p.v, 0)::numeric(18, 2)::text AS received,
              coalesce(p.inv, 0)::numeric(18, 2)::text AS inventor
         FROM q LEFT JOIN s ON s.qn = q.qn LEFT JOIN p ON p.qn = q.qn ORDER BY q.qn`,
      [...this.scope(f), year],
    )) as { qn: number; contracts: number; contracted: string; received: string; inventor: string }[];
    return rows.map((r) => ({ quarter: `${year}Q${r.qn}`, contracts: r.contracts, contracted: r.contracted, received: r.received, inventorShare: r.inventor }));
  }

  /** Overdue money lines of the contracts in force now: how many, what is still owed, and the longest overdue (`limit` of them). */
  async overdue(f: DashboardFilters, limit: number): Promise<OverdueFigures> {
    const cte = `WITH ${SIGNED_CONTRACTS},
      o AS (
        SELECT signed.deal_id, signed.title, s.label, s.seq, s.due_on,
               greatest(s.amount - coalesce((SELECT sum(p.amount) FROM contract_payment p WHERE p.schedule_item_id = s.id AND p.status = 'confirmed'), 0), 0) AS outstanding
          FROM contract_schedule_item s JOIN signed ON signed.deal_id = s.deal_id
         WHERE signed.in_force AND s.status = 'overdue' AND s.amount IS NOT NULL AND s.kind = ANY($3))`;
    const params = [...this.scope(f), PAYABLE_SCHEDULE_KINDS];
    const [totals, lines] = (await Promise.all([
      this.db.query(`${cte} SELECT count(*)::int AS n, coalesce(sum(outstanding), 0)::numeric(18, 2)::text AS outstanding FROM o`, params),
      this.db.query(
        `${cte} SELECT deal_id, title, label, due_on::text AS due_on, outstanding::numeric(18, 2)::text AS outstanding FROM o ORDER BY due_on, title, deal_id, seq LIMIT $4`,
        [...params, limit],
      ),
    ])) as [{ n: number; outstanding: string }[], { deal_id: string; title: string; label: string; due_on: string; outstanding: string }[]];
    const t = totals[0] as { n: number; outstanding: string };
    return {
      count: t.n,
      outstanding: t.outstanding,
      lines: lines.map((l) => ({ dealId: l.deal_id, dealTitle: l.title, label: l.label, dueOn: l.due_on, outstanding: l.outstanding })),
    };
  }

  /** 先用后转 contracts signed in the period: how their trials ended, and the conversion rate over the decided ones. */
  async trials(f: DashboardFilters): Promise<TrialFigures> {
    const { period } = fulfilmentYears(f);
    const rows = (await this.db.query(
      `WITH ${SIGNED_CONTRACTS}
       SELECT count(*)::int AS started,
              count(*) FILTER (WHERE trial_outcome = 'converted')::int AS converted,
              count(*) FILTER (WHERE trial_outcome = 'returned')::int AS returned,
              count(*) FILTER (WHERE trial_outcome = 'lapsed')::int AS lapsed,
              count(*) FILTER (WHERE trial_outcome IS NULL OR trial_outcome = 'extended')::int AS running
         FROM signed WHERE terms->>'model' = 'use_first' AND ($3::int IS NULL OR extract(year FROM signed_on) = $3)`,
      [...this.scope(f), period],
    )) as Omit<TrialFigures, 'conversionRate'>[];
    const r = rows[0] as Omit<TrialFigures, 'conversionRate'>;
    return { ...r, conversionRate: rate(r.converted, r.converted + r.returned + r.lapsed) };
  }

  /** 作价入股 contracts signed in the period: how many, their valuations added up, and each one. */
  async equity(f: DashboardFilters): Promise<EquityFigures> {
    const { period } = fulfilmentYears(f);
    const rows = (await this.db.query(
      `WITH ${SIGNED_CONTRACTS}
       SELECT deal_id, title, signed_on::text AS signed_on, (terms->>'valuation')::numeric(18, 2)::text AS valuation,
              (terms->>'sharePercent')::numeric(5, 2)::text AS share, terms->>'holder' AS holder, nullif(terms->>'holderName', '') AS holder_name,
              coalesce(terms->>'valuedBy', '') AS valued_by
         FROM signed WHERE terms->>'model' = 'equity' AND ($3::int IS NULL OR extract(year FROM signed_on) = $3)
        ORDER BY signed_on DESC, title, deal_id`,
      [...this.scope(f), period],
    )) as { deal_id: string; title: string; signed_on: string; valuation: string; share: string; holder: EquityHolder; holder_name: string | null; valued_by: string }[];
    const total = (await this.db.query(`SELECT coalesce(sum(v), 0)::numeric(18, 2)::text AS total FROM unnest($1::numeric[]) v`, [rows.map((r) => r.valuation)])) as {
      total: string;
    }[];
    return {
      count: rows.length,
      valuation: total[0]?.total ?? '0.00',
      deals: rows.map((r) => ({
        dealId: r.deal_id,
        dealTitle: r.title,
        signedOn: r.signed_on,
        valuation: r.valuation,
        sharePercent: r.share,
        holder: r.holder,
        holderName: r.holder_name,
        valuedBy: r.valued_by,
      })),
    };
  }

  /** Contracts signed in the period per transfer model (every model, then those without structured terms when there are any). */
  async byModel(f: DashboardFilters): Promise<ModelFigures[]> {
    const { period } = fulfilmentYears(f);
    const rows = (await this.db.query(
      `WITH ${SIGNED_CONTRACTS}
       SELECT terms->>'model' AS model, count(*)::int AS n, coalesce(sum(total_amount), 0)::numeric(18, 2)::text AS value
         FROM signed WHERE ($3::int IS NULL OR extract(year FROM signed_on) = $3) GROUP BY 1`,
      [...this.scope(f), period],
    )) as { model: TransferModel | null; n: number; value: string }[];
    const by = new Map(rows.map((r) => [r.model, r]));
    const out: ModelFigures[] = TRANSFER_MODELS.map((m) => ({ model: m, contracts: by.get(m)?.n ?? 0, value: by.get(m)?.value ?? '0.00' }));
    const none = by.get(null);
    if (none) out.push({ model: null, contracts: none.n, value: none.value });
    return out;
  }
}

/** Percent with one decimal; null when there is nothing to convert from. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
