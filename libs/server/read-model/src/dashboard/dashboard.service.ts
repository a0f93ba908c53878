import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  beijingDate,
  BrokerFigures,
  ContractValueQuarter,
  CountByKey,
  Dashboard,
  DashboardChart,
  DashboardFilters,
  FINANCING_INSTRUMENT_LABELS,
  FulfilmentFigures,
  FunnelQuarter,
  HeatCell,
  PublicStats,
  quarterBounds,
  quarterOf,
  quartersUpTo,
  TAXONOMY,
  taxonomyLabel,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AuthContext } from '@ztt/platform';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { FinancingFiguresReader } from './financing-figures';
import { FulfilmentReader, fulfilmentYears, holderText, MODEL_LABELS, NO_MODEL_LABEL, rate } from './fulfilment-figures';

export { rate };

/** Industries in the taxonomy's order: 四绿一蓝 first. */
const INDUSTRIES = TAXONOMY.industries.map((i) => i.code);
/** Counties and districts of Zhanjiang (the heatmap's columns); outside regions still count in "by region". */
const LOCAL_REGIONS = TAXONOMY.regions.filter((r) => !r.outside).map((r) => r.code);
const REGIONS = TAXONOMY.regions.map((r) => r.code);
/** How many quarters the funnel shows, ending with the chosen one. */
const FUNNEL_QUARTERS = 4;

interface Scope {
  where: string;
  params: unknown[];
}

/**
 * The bureau's figures, computed in SQL from the catalogue, matching, challenge and deal tables
 * (read-only). Catalogue counts: items published now, or, with a quarter, items published in that
 * quarter; industry and county filters apply to items, to matches (through the need) and to
 * registered contracts (through their deal).
 * Amounts stay exact: sums are numeric in PostgreSQL and travel as text.
 */
@Injectable()
export class DashboardService {
  private readonly fulfilmentReader: FulfilmentReader;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {
    this.fulfilmentReader = new FulfilmentReader(db);
  }

  async dashboard(f: DashboardFilters): Promise<Dashboard> {
    const [byIndustry, byRegion, byTrl, heatmap, funnel, contractValue, brokers, fulfilment] = await Promise.all([
      this.byIndustry(f),
      this.byRegion(f),
      this.byTrl(f),
      this.heatmap(f),
      this.funnel(f),
      this.contractValue(f),
      this.brokers(f),
      this.fulfilment(f),
    ]);
    return { filters: f, byIndustry, byRegion, byTrl, heatmap, funnel, contractValue, brokers, fulfilment };
  }

  /** Contracted against received per quarter, overdue lines, 先用后转 trials, 作价入股 and the transfer models (see FulfilmentFigures). */
  fulfilment(f: DashboardFilters): Promise<FulfilmentFigures> {
    return this.fulfilmentReader.figures(f);
  }

  /** Published items (or published in the quarter), filtered; `alias` is the item table's alias. */
  private itemScope(f: DashboardFilters, alias: string, first = 1): Scope {
    const params: unknown[] = [];
    const parts: string[] = [];
    if (f.quarter) {
      const { from, to } = quarterBounds(f.quarter);
      params.push(from, to);
      parts.push(`${alias}.published_at >= $${first} AND ${alias}.published_at < $${first + 1} AND ${alias}.status <> 'withdrawn'`);
    } else {
      parts.push(`${alias}.status = 'published'`);
    }
    if (f.industry) {
      params.push(f.industry);
      parts.push(`$${first + params.length - 1} = ANY(${alias}.industries)`);
    }
    if (f.region) {
      params.push(f.region);
      parts.push(`${alias}.region = $${first + params.length - 1}`);
    }
    return { where: parts.join(' AND '), params };
  }

  /** Challenges published (or published in the quarter); the county is the owner organisation's. */
  private challengeScope(f: DashboardFilters): Scope {
    const params: unknown[] = [];
    const parts = [`c.published_at IS NOT NULL`, `c.status NOT IN ('draft', 'submitted', 'cancelled')`];
    if (f.quarter) {
      const { from, to } = quarterBounds(f.quarter);
      params.push(from, to);
      parts.push(`c.published_at >= $1 AND c.published_at < $2`);
    }
    if (f.industry) {
      params.push(f.industry);
      parts.push(`$${params.length} = ANY(c.industries)`);
    }
    if (f.region) {
      params.push(f.region);
      parts.push(`o.region = $${params.length}`);
    }
    return { where: parts.join(' AND '), params };
  }

  async byIndustry(f: DashboardFilters): Promise<CountByKey[]> {
    const n = this.itemScope(f, 'x');
    const c = this.challengeScope(f);
    const [needs, achs, chs] = (await Promise.all([
      this.db.query(`SELECT i AS key, count(*)::int AS n FROM tech_need x, unnest(x.industries) i WHERE ${n.where} GROUP BY i`, n.params),
      this.db.query(`SELECT i AS key, count(*)::int AS n FROM achievement x, unnest(x.industries) i WHERE ${n.where} GROUP BY i`, n.params),
      this.db.query(
        `SELECT i AS key, count(*)::int AS n FROM challenge c JOIN organisation o ON o.id = c.owner_org_id, unnest(c.industries) i WHERE ${c.where} GROUP BY i`,
        c.params,
      ),
    ])) as { key: string; n: number }[][];
    const keys = f.industry ? [f.industry] : INDUSTRIES;
    return merge(keys, needs as { key: string; n: number }[], achs as { key: string; n: number }[], chs as { key: string; n: number }[]);
  }

  async byRegion(f: DashboardFilters): Promise<CountByKey[]> {
    const n = this.itemScope(f, 'x');
    const c = this.challengeScope(f);
    const [needs, achs, chs] = (await Promise.all([
      this.db.query(`SELECT x.region AS key, count(*)::int AS n FROM tech_need x WHERE ${n.where} GROUP BY x.region`, n.params),
      this.db.query(`SELECT x.region AS key, count(*)::int AS n FROM achievement x WHERE ${n.where} GROUP BY x.region`, n.params),
      this.db.query(`SELECT o.region AS key, count(*)::int AS n FROM challenge c JOIN organisation o ON o.id = c.owner_org_id WHERE ${c.where} GROUP BY o.region`, c.params),
    ])) as { key: string; n: number }[][];
    const keys = f.region ? [f.region] : REGIONS;
    return merge(keys, needs as { key: string; n: number }[], achs as { key: string; n: number }[], chs as { key: string; n: number }[]);
  }

  async byTrl(f: DashboardFilters): Promise<CountByKey[]> {
    const n = this.itemScope(f, 'x');
    const [needs, achs] = (await Promise.all([
      this.db.query(`SELECT x.trl::text AS key, count(*)::int AS n FROM tech_need x WHERE ${n.where} GROUP BY x.trl`, n.params),
      this.db.query(`SELECT x.trl::text AS key, count(*)::int AS n FROM achievement x WHERE ${n.where} GROUP BY x.trl`, n.params),
    ])) as { key: string; n: number }[][];
    return merge(['1', '2', '3', '4', '5', '6', '7', '8', '9'], needs as { key: string; n: number }[], achs as { key: string; n: number }[], []);
  }

  /** Industry chain × county: needs against achievements; a positive gap is missing supply. */
  async heatmap(f: DashboardFilters): Promise<HeatCell[]> {
    const n = this.itemScope(f, 'x');
    const [needs, achs] = (await Promise.all([
      this.db.query(`SELECT ch AS chain, x.region, count(*)::int AS n FROM tech_need x, unnest(x.chains) ch WHERE ${n.where} GROUP BY ch, x.region`, n.params),
      this.db.query(`SELECT ch AS chain, x.region, count(*)::int AS n FROM achievement x, unnest(x.chains) ch WHERE ${n.where} GROUP BY ch, x.region`, n.params),
    ])) as { chain: string; region: string; n: number }[][];
    const key = (c: string, r: string) => `${c}|${r}`;
    const nm = new Map((needs as { chain: string; region: string; n: number }[]).map((r) => [key(r.chain, r.region), r.n]));
    const am = new Map((achs as { chain: string; region: string; n: number }[]).map((r) => [key(r.chain, r.region), r.n]));
    const industries = TAXONOMY.industries.filter((i) => !f.industry || i.code === f.industry);
    const regions = f.region ? [f.region] : LOCAL_REGIONS;
    const out: HeatCell[] = [];
    for (const ind of industries) {
      for (const ch of ind.chains) {
        for (const r of regions) {
          const needsN = nm.get(key(ch.code, r)) ?? 0;
          const achsN = am.get(key(ch.code, r)) ?? 0;
          out.push({ chain: ch.code, region: r, needs: needsN, achievements: achsN, gap: needsN - achsN });
        }
      }
    }
    return out;
  }

  /** matches (created in the quarter) → seen → contacted → deals → signed → registered, per quarter. */
  async funnel(f: DashboardFilters): Promise<FunnelQuarter[]> {
    const quarters = quartersUpTo(f.quarter ?? quarterOf(new Date()), FUNNEL_QUARTERS);
    const out: FunnelQuarter[] = [];
    for (const q of quarters) {
      const { from, to } = quarterBounds(q);
      const rows = (await this.db.query(
        `WITH m AS (
           SELECT m.id, m.status FROM match m JOIN tech_need n ON n.id = m.need_id
            WHERE m.created_at >= $1 AND m.created_at < $2
              AND ($3::text IS NULL OR $3 = ANY(n.industries)) AND ($4::text IS NULL OR n.region = $4)),
         d AS (
           SELECT d.match_id, d.stage,
                  d.stage IN ('signed', 'registered', 'fulfilled') OR EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed') AS signed,
                  d.stage IN ('registered', 'fulfilled') OR EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'registered') AS registered
             FROM deal d WHERE d.match_id IN (SELECT id FROM m))
         SELECT count(*)::int AS matches,
                count(*) FILTER (WHERE m.status IN ('seen', 'contacted', 'deal') OR d.match_id IS NOT NULL)::int AS seen,
                count(*) FILTER (WHERE m.status IN ('contacted', 'deal') OR d.match_id IS NOT NULL)::int AS contacted,
                count(d.match_id)::int AS deals,
                count(*) FILTER (WHERE d.signed)::int AS signed,
                count(*) FILTER (WHERE d.registered)::int AS registered
           FROM m LEFT JOIN d ON d.match_id = m.id`,
        [from, to, f.industry ?? null, f.region ?? null],
      )) as Omit<FunnelQuarter, 'quarter' | 'rates'>[];
      const r = rows[0] as Omit<FunnelQuarter, 'quarter' | 'rates'>;
      out.push({
        quarter: q,
        ...r,
        rates: {
          seen: rate(r.seen, r.matches),
          contacted: rate(r.contacted, r.seen),
          deals: rate(r.deals, r.contacted),
          signed: rate(r.signed, r.deals),
          registered: rate(r.registered, r.signed),
        },
      });
    }
    return out;
  }

  /**
   * Registered technology contracts (认定登记) per quarter of the year, cumulative, against the
   * year's (city-wide) target. With an industry or county chosen, only the contracts of that
   * industry or county count: a contract's industry is its deal's need's (else the achievement's,
   * else the challenge's); its county is the need's region (else the demand side's, as in the funnel).
   */
  async contractValue(f: DashboardFilters): Promise<Dashboard['contractValue']> {
    const year = Number((f.quarter ?? quarterOf(new Date())).slice(0, 4));
    const rows = (await this.db.query(
      `WITH q AS (SELECT g AS qn FROM generate_series(1, 4) g),
            c AS (
              SELECT extract(quarter FROM c.registered_on)::int AS qn, c.total_amount, c.tech_amount
                FROM contract_registration c
                JOIN deal d ON d.id = c.deal_id
                JOIN organisation o ON o.id = d.demand_org_id
                LEFT JOIN match m ON m.id = d.match_id
                LEFT JOIN tech_need n ON n.id = coalesce(d.need_id, m.need_id)
                LEFT JOIN achievement a ON a.id = coalesce(d.achievement_id, m.achievement_id)
                LEFT JOIN challenge ch ON ch.id = d.challenge_id
               WHERE c.registration_number IS NOT NULL AND c.registered_on IS NOT NULL AND extract(year FROM c.registered_on) = $1
                 AND ($2::text IS NULL OR $2 = ANY(coalesce(n.industries, a.industries, ch.industries, '{}')))
                 AND ($3::text IS NULL OR coalesce(n.region, o.region) = $3)),
            s AS (
              SELECT q.qn, count(c.qn)::int AS contracts, coalesce(sum(c.total_amount), 0)::numeric(18, 2) AS value, coalesce(sum(c.tech_amount), 0)::numeric(18, 2) AS tech
                FROM q LEFT JOIN c ON c.qn = q.qn GROUP BY q.qn)
       SELECT qn, contracts, value::text AS value, tech::text AS tech, (sum(value) OVER (ORDER BY qn))::numeric(18, 2)::text AS cumulative FROM s ORDER BY qn`,
      [year, f.industry ?? null, f.region ?? null],
    )) as { qn: number; contracts: number; value: string; tech: string; cumulative: string }[];
    const target = (await this.db.query(`SELECT amount::text AS amount FROM contract_value_target WHERE year = $1`, [year])) as { amount: string }[];
    const quarters: ContractValueQuarter[] = rows.map((r) => ({ quarter: `${year}Q${r.qn}`, contracts: r.contracts, value: r.value, techValue: r.tech, cumulative: r.cumulative }));
    return { year, target: target[0]?.amount ?? null, quarters };
  }

  /** Each broker: matches assigned (in the quarter, when chosen), contacted, deals led, signed, registered and their value. */
  async brokers(f: DashboardFilters): Promise<BrokerFigures[]> {
    const bounds = f.quarter ? quarterBounds(f.quarter) : null;
    const rows = (await this.db.query(
      `SELECT u.id, u.display_name AS name,
              (SELECT count(*)::int FROM match m WHERE m.broker_id = u.id AND ($2::timestamptz IS NULL OR (m.created_at >= $2 AND m.created_at < $3))) AS matches,
              (SELECT count(*)::int FROM match m WHERE m.broker_id = u.id AND m.status IN ('contacted', 'deal') AND ($2::timestamptz IS NULL OR (m.created_at >= $2 AND m.created_at < $3))) AS contacted,
              (SELECT count(*)::int FROM deal d WHERE d.lead_broker_id = u.id AND ($2::timestamptz IS NULL OR (d.created_at >= $2 AND d.created_at < $3))) AS deals,
              (SELECT count(*)::int FROM deal d WHERE d.lead_broker_id = u.id AND ($2::timestamptz IS NULL OR (d.created_at >= $2 AND d.created_at < $3))
                  AND (d.stage IN ('signed', 'registered', 'fulfilled') OR EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed'))) AS signed,
              (SELECT count(*)::int FROM deal d JOIN contract_registration c ON c.deal_id = d.id WHERE d.lead_broker_id = u.id AND c.registration_number IS NOT NULL
                  AND ($4::date IS NULL OR (c.registered_on >= $4 AND c.registered_on < $5))) AS registered,
              (SELECT coalesce(sum(c.total_amount), 0)::numeric(18, 2)::text FROM deal d JOIN contract_registration c ON c.deal_id = d.id WHERE d.lead_broker_id = u.id AND c.registration_number IS NOT NULL
                  AND ($4::date IS NULL OR (c.registered_on >= $4 AND c.registered_on < $5))) AS value
         FROM platform_role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.role = $1 ORDER BY u.display_name, u.id`,
      ['broker', bounds?.from ?? null, bounds?.to ?? null, bounds ? beijingDate(bounds.from) : null, bounds ? beijingDate(bounds.to) : null],
    )) as { id: string; name: string; matches: number; contacted: number; deals: number; signed: number; registered: number; value: string }[];
    return rows.map((r) => ({
      brokerId: r.id,
      name: r.name,
      matches: r.matches,
      contacted: r.contacted,
      deals: r.deals,
      signed: r.signed,
      registered: r.registered,
      value: r.value,
    }));
  }

  async setTarget(actor: AuthContext, year: number, amount: string): Promise<Dashboard['contractValue']> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO contract_value_target (year, amount, set_by) VALUES ($1, $2, $3)
         ON CONFLICT (year) DO UPDATE SET amount = EXCLUDED.amount, set_by = EXCLUDED.set_by, updated_at = now()`,
        [year, amount, actor.userId],
      );
      await this.audit.record(
        { action: AuditAction.ContractTargetSet, actorId: actor.userId, actorEmail: actor.email, targetType: 'contract_value_target', targetId: String(year), detail: { amount } },
        m,
      );
    });
    return this.contractValue({ quarter: `${year}Q1` });
  }

  /** The reduced public figures: published counts by industry and county, registered contracts (no amounts). */
  async publicStats(): Promise<PublicStats> {
    const [byIndustry, byRegion, totals] = await Promise.all([
      this.byIndustry({}),
      this.byRegion({}),
      this.db.query(
        `SELECT (SELECT count(*)::int FROM tech_need WHERE status = 'published') AS needs,
                (SELECT count(*)::int FROM achievement WHERE status = 'published') AS achievements,
                (SELECT count(*)::int FROM challenge WHERE published_at IS NOT NULL AND status NOT IN ('draft', 'submitted', 'cancelled')) AS challenges,
                (SELECT count(*)::int FROM contract_registration WHERE registration_number IS NOT NULL) AS registered`,
      ) as Promise<{ needs: number; achievements: number; challenges: number; registered: number }[]>,
    ]);
    const t = totals[0] as { needs: number; achievements: number; challenges: number; registered: number };
    return {
      needs: t.needs,
      achievements: t.achievements,
      challenges: t.challenges,
      registeredContracts: t.registered,
      byIndustry,
      byRegion: byRegion.filter((r) => r.needs + r.achievements + r.challenges > 0),
    };
  }

  /** One chart's data as a workbook: the same numbers the API returns (amounts as exact text). */
  async exportChart(actor: AuthContext, chart: DashboardChart, f: DashboardFilters): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(CHART_SHEETS[chart]);
    const { header, rows } = await this.table(chart, f);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 16));
    await this.audit.record({
      action: AuditAction.DataExported,
      actorId: actor.userId,
      actorEmail: actor.email,
      targetType: 'dashboard',
      targetId: chart,
      detail: { ...f, rows: rows.length },
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** A chart's table: a header row and data rows (also used by the PDF report). */
  async table(chart: DashboardChart, f: DashboardFilters): Promise<{ header: string[]; rows: (string | number)[][] }> {
    const industry = (c: string) => taxonomyLabel('industry', c);
    const region = (c: string) => taxonomyLabel('region', c);
    const chain = (c: string) => taxonomyLabel('chain', c);
    const pct = (v: number | null) => (v === null ? '' : v);
    switch (chart) {
      case 'industry':
        return { header: ['产业', '技术需求', '科技成果', '揭榜挂帅'], rows: (await this.byIndustry(f)).map((r) => [industry(r.key), r.needs, r.achievements, r.challenges]) };
      case 'region':
        return { header: ['县（市、区）', '技术需求', '科技成果', '揭榜挂帅'], rows: (await this.byRegion(f)).map((r) => [region(r.key), r.needs, r.achievements, r.challenges]) };
      case 'trl':
        return { header: ['技术成熟度', '技术需求', '科技成果'], rows: (await this.byTrl(f)).map((r) => [`TRL ${r.key}`, r.needs, r.achievements]) };
      case 'heatmap':
        return {
          header: ['产业链', '县（市、区）', '技术需求', '科技成果', '缺口（需求−成果）'],
          rows: (await this.heatmap(f)).filter((c) => c.needs + c.achievements > 0).map((c) => [chain(c.chain), region(c.region), c.needs, c.achievements, c.gap]),
        };
      case 'funnel':
        return {
          header: ['季度', '匹配', '已查看', '已联系', '进入对接', '已签约', '已登记', '查看率%', '联系率%', '对接率%', '签约率%', '登记率%'],
          rows: (await this.funnel(f)).map((q) => [
            q.quarter,
            q.matches,
            q.seen,
            q.contacted,
            q.deals,
            q.signed,
            q.registered,
            pct(q.rates.seen),
            pct(q.rates.contacted),
            pct(q.rates.deals),
            pct(q.rates.signed),
            pct(q.rates.registered),
          ]),
        };
      case 'contract-value': {
        const cv = await this.contractValue(f);
        return {
          header: ['季度', '登记合同数', '合同成交额（元）', '技术交易额（元）', '年度累计（元）', '年度目标（元）'],
          rows: cv.quarters.map((q) => [q.quarter, q.contracts, q.value, q.techValue, q.cumulative, cv.target ?? '']),
        };
      }
      case 'brokers':
        return {
          header: ['技术经纪人', '分派匹配', '已联系', '主办对接', '已签约', '已登记', '登记合同额（元）'],
          rows: (await this.brokers(f)).map((b) => [b.name, b.matches, b.contacted, b.deals, b.signed, b.registered, b.value]),
        };
      case 'fulfilment':
        return {
          header: ['季度', '签订合同数', '合同金额（元）', '实际到账（元）', '其中奖酬（元）'],
          rows: (await this.fulfilmentReader.quarters(f)).map((q) => [q.quarter, q.contracts, q.contracted, q.received, q.inventorShare]),
        };
      case 'overdue': {
        const o = await this.fulfilmentReader.overdue(f, EXPORT_LIMIT);
        return {
          header: ['对接', '履约事项', '到期日', '未付金额（元）'],
          rows: [...o.lines.map((l) => [l.dealTitle, l.label, l.dueOn, l.outstanding]), ['合计', `${o.count} 项`, '', o.outstanding]],
        };
      }
      case 'trials': {
        const t = await this.fulfilmentReader.trials(f);
        const { period } = fulfilmentYears(f);
        return {
          header: ['期间', '试用合同', '已转化', '已退回', '逾期未决', '试用中', '转化率%'],
          rows: [[period === null ? '全部' : `${period} 年`, t.started, t.converted, t.returned, t.lapsed, t.running, pct(t.conversionRate)]],
        };
      }
      case 'equity': {
        const e = await this.fulfilmentReader.equity(f);
        return {
          header: ['对接', '签订日期', '作价金额（元）', '持股比例%', '持股方', '评估机构或作价方式'],
          rows: [
            ...e.deals.map((d) => [d.dealTitle, d.signedOn, d.valuation, d.sharePercent, holderText(d.holder, d.holderName), d.valuedBy]),
            ['合计', `${e.count} 项`, e.valuation, '', '', ''],
          ],
        };
      }
      case 'models':
        return {
          header: ['转化方式', '合同数', '合同金额（元）'],
          rows: (await this.fulfilmentReader.byModel(f)).map((m) => [m.model ? MODEL_LABELS[m.model] : NO_MODEL_LABEL, m.contracts, m.value]),
        };
      case 'financing':
        // 科技金融: requested against arranged by quarter and instrument (not narrowed by the filters)
        return {
          header: ['季度', '融资方式', '融资需求数', '需求金额（元）', '达成笔数', '达成金额（元）'],
          rows: (await new FinancingFiguresReader(this.db).figures()).quarters.map((q) => [
            q.quarter,
            FINANCING_INSTRUMENT_LABELS[q.instrument]?.['zh-CN'] ?? q.instrument,
            q.requestedCount,
            q.requested,
            q.arrangedCount,
            q.arranged,
          ]),
        };
    }
  }
}

export const CHART_SHEETS: Record<DashboardChart, string> = {
  industry: '按产业',
  region: '按县区',
  trl: '按成熟度',
  heatmap: '供需热力图',
  funnel: '匹配转化漏斗',
  'contract-value': '技术合同成交额',
  brokers: '经纪人业绩',
  fulfilment: '合同金额与到账',
  overdue: '逾期未付',
  trials: '先用后转',
  equity: '作价入股',
  models: '按转化方式',
  financing: '科技金融',
};

/** The most rows a list exports (the dashboard itself shows OVERDUE_LIST_LIMIT). */
const EXPORT_LIMIT = 10_000;

function merge(keys: string[], needs: { key: string; n: number }[], achs: { key: string; n: number }[], chs: { key: string; n: number }[]): CountByKey[] {
  const m = (rows: { key: string; n: number }[]) => new Map(rows.map((r) => [r.key, r.n]));
  const [n, a, c] = [m(needs), m(achs), m(chs)];
  return keys.map((key) => ({ key, needs: n.get(key) ?? 0, achievements: a.get(key) ?? 0, challenges: c.get(key) ?? 0 }));
}
