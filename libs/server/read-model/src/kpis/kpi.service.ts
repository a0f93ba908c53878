import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  ErrorCode,
  fromHundredths,
  hundredths,
  KPI_REGION_CODES,
  KPI_YEARS,
  KpiActualView,
  KpiAllocation,
  KpiCode,
  kpiExpected,
  KpiIndicatorView,
  KpiKind,
  KpiMeasure,
  kpiQuarters,
  kpiQuarterStarted,
  KpiRegister,
  kpiStatus,
  KpiTrackPoint,
  KpiUnit,
  quarterOf,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AppException, AuthContext, FileStore, isUniqueViolation, UploadedFile } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { DashboardService } from '../dashboard/dashboard.service';
import { countActiveBrokers, coveredCounties, enterpriseShares } from './kpi-figures';

interface IndicatorRow {
  code: KpiCode;
  name_zh: string;
  name_en: string;
  unit: KpiUnit;
  kind: KpiKind;
  measure: KpiMeasure;
  source_zh: string;
  source_en: string;
  computed: boolean;
  by_county: boolean;
  baseline: string;
  target_2030: string;
  target_2030_max: string | null;
}

interface ActualRow {
  id: string;
  code: KpiCode;
  quarter: string;
  region: string | null;
  value: string;
  note: string;
  evidence_name: string;
  evidence_stored_name: string;
  evidence_mime_type: string;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: Date;
  superseded_at: Date | null;
}

export interface KpiTargetInput {
  target: string;
  allocations: KpiAllocation[];
}

export interface KpiActualInput {
  quarter: string;
  value: string;
  region?: string;
  note?: string;
}

/**
 * The KPI register (规划指标): the plan's indicators, yearly targets and county allocations, and
 * the actuals per quarter, with each indicator's status against the straight line from its 2025
 * baseline to its 2030 target (kpiExpected, kpiStatus in @ztt/contracts). Computed actuals are
 * worked out at request time (kpi-figures.ts, and the dashboard's contract value); entered ones
 * come from kpi_actual, where a correction supersedes the entry it replaces.
 */
@Injectable()
export class KpiService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dashboard: DashboardService,
    private readonly audit: AuditService,
    private readonly files: FileStore,
  ) {}

  /**
   * Every indicator at the end of `quarter` (default: the current one), and with a county, its
   * allocation and actual there. With `track: false` only that quarter is worked out (each computed
   * quarter costs a few queries) and the indicators come without their quarter-by-quarter track.
   */
  async register(quarterIn?: string, region?: string, { track: withTrack = true }: { track?: boolean } = {}): Promise<KpiRegister> {
    const quarter = quarterIn ?? quarterOf(new Date());
    const year = Number(quarter.slice(0, 4));
    const [indicators, targets, allocations, actuals] = await Promise.all([
      this.indicators(),
      this.db.query(`SELECT code, target::text AS target FROM kpi_year_target WHERE year = $1`, [year]) as Promise<{ code: string; target: string }[]>,
      this.db.query(`SELECT code, region, target::text AS target FROM kpi_county_allocation WHERE year = $1 ORDER BY region`, [year]) as Promise<
        { code: string; region: string; target: string }[]
      >,
      this.currentActuals(),
    ]);
    const track = withTrack ? kpiQuarters(quarter) : [];
    const computed = await this.computedTrack(track.length ? track : [quarter], region);
    const views = indicators.map((ind): KpiIndicatorView => {
      const entered = actuals.filter((a) => a.code === ind.code);
      const actualAt = (q: string, exact: boolean): { value: string | null; quarter: string | null } =>
        ind.computed ? { value: computed.get(ind.code)?.get(q) ?? null, quarter: q } : enteredValue(ind.measure, entered, q, null, exact);
      const expected = kpiExpected(ind.baseline, ind.target_2030, quarter, ind.measure);
      const now = actualAt(quarter, false);
      const mine = allocations.filter((a) => a.code === ind.code).map((a) => ({ region: a.region, target: a.target }));
      let county: KpiIndicatorView['county'] = null;
      if (region && ind.by_county) {
        const actual = ind.computed ? (computed.get(`${ind.code}@${region}`)?.get(quarter) ?? null) : enteredValue(ind.measure, entered, quarter, region, false).value;
        county = { region, allocation: mine.find((a) => a.region === region)?.target ?? null, actual };
      }
      return {
        code: ind.code,
        name: ind.name_zh,
        nameEn: ind.name_en,
        unit: ind.unit,
        kind: ind.kind,
        measure: ind.measure,
        source: ind.source_zh,
        sourceEn: ind.source_en,
        computed: ind.computed,
        byCounty: ind.by_county,
        baseline: ind.baseline,
        target2030: ind.target_2030,
        target2030Max: ind.target_2030_max,
        yearTarget: targets.find((t) => t.code === ind.code)?.target ?? null,
        actual: now.value,
        actualQuarter: now.value === null ? null : now.quarter,
        expected,
        status: kpiStatus(now.value, expected),
        track: track.map((q): KpiTrackPoint => ({ quarter: q, actual: actualAt(q, true).value, expected: kpiExpected(ind.baseline, ind.target_2030, q, ind.measure) })),
        allocations: mine,
        county,
      };
    });
    return { quarter, year, region: region ?? null, indicators: views };
  }

  /** Sets a plan year's target and its county allocations (the allocations given replace the year's), audited. */
  async setTarget(actor: AuthContext, code: string, year: number, input: KpiTargetInput): Promise<KpiRegister> {
    const ind = await this.indicator(code);
    if (!(KPI_YEARS as readonly number[]).includes(year)) throw AppException.validation([{ field: 'year', code: 'isIn' }]);
    const regions = input.allocations.map((a) => a.region);
    if (new Set(regions).size !== regions.length) throw AppException.validation([{ field: 'allocations', code: 'arrayUnique' }]);
    if (input.allocations.length && !ind.by_county) throw AppException.validation([{ field: 'allocations', code: 'isEmpty' }]);
    if (ind.unit === 'percent' && hundredths(input.target) > 10_000n) throw AppException.validation([{ field: 'target', code: 'max', params: { max: 100 } }]);
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO kpi_year_target (code, year, target, set_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code, year) DO UPDATE SET target = EXCLUDED.target, set_by = EXCLUDED.set_by, updated_at = now()`,
        [code, year, input.target, actor.userId],
      );
      await m.query(`DELETE FROM kpi_county_allocation WHERE code = $1 AND year = $2`, [code, year]);
      for (const a of input.allocations) {
        await m.query(`INSERT INTO kpi_county_allocation (code, year, region, target, set_by) VALUES ($1, $2, $3, $4, $5)`, [code, year, a.region, a.target, actor.userId]);
      }
      await this.audit.record(
        {
          action: AuditAction.KpiTargetSet,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'kpi_year_target',
          targetId: `${code}:${year}`,
          detail: { target: input.target, allocations: input.allocations.map((a) => `${a.region}=${a.target}`) },
        },
        m,
      );
    });
    return this.register(`${year}Q1`);
  }

  /**
   * Enters an actual for a quarter (and optionally a county) with its evidence file; an entry for
   * the same indicator, quarter and county is superseded by it (kept, pointing to this one).
   */
  async enterActual(actor: AuthContext, code: string, input: KpiActualInput, file: UploadedFile | undefined): Promise<KpiActualView> {
    const ind = await this.indicator(code);
    if (ind.computed) throw new AppException(ErrorCode.KpiComputed, HttpStatus.CONFLICT);
    if (input.quarter < `${KPI_YEARS[0]}Q1` || input.quarter > `${KPI_YEARS[KPI_YEARS.length - 1]}Q4` || !kpiQuarterStarted(input.quarter)) {
      throw new AppException(ErrorCode.KpiQuarterNotStarted, HttpStatus.BAD_REQUEST);
    }
    if (input.region !== undefined && (!ind.by_county || !KPI_REGION_CODES.includes(input.region))) throw AppException.validation([{ field: 'region', code: 'isIn' }]);
    if (ind.unit === 'percent' && hundredths(input.value) > 10_000n) throw AppException.validation([{ field: 'value', code: 'max', params: { max: 100 } }]);
    const { file: upload, mimeType, fileName } = this.files.accept(file);
    const id = await this.files.keep('kpi-evidence', upload.buffer, (storedName) =>
      this.db
        .transaction(async (m) => {
          const old = (await m.query(`SELECT id FROM kpi_actual WHERE code = $1 AND quarter = $2 AND region IS NOT DISTINCT FROM $3 AND superseded_at IS NULL FOR UPDATE`, [
            code,
            input.quarter,
            input.region ?? null,
          ])) as { id: string }[];
          if (old[0]) await m.query(`UPDATE kpi_actual SET superseded_at = now() WHERE id = $1`, [old[0].id]);
          const rows = (await m.query(
            `INSERT INTO kpi_actual (code, quarter, region, value, note, evidence_name, evidence_stored_name, evidence_mime_type, evidence_size, entered_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
            [code, input.quarter, input.region ?? null, input.value, input.note?.trim() ?? '', fileName, storedName, mimeType, upload.size, actor.userId],
          )) as { id: string }[];
          const newId = (rows[0] as { id: string }).id;
          if (old[0]) await m.query(`UPDATE kpi_actual SET superseded_by = $2 WHERE id = $1`, [old[0].id, newId]);
          await this.audit.record(
            {
              action: AuditAction.KpiActualEntered,
              actorId: actor.userId,
              actorEmail: actor.email,
              targetType: 'kpi_actual',
              targetId: newId,
              detail: { code, quarter: input.quarter, region: input.region ?? null, value: input.value, supersedes: old[0]?.id ?? null },
            },
            m,
          );
          return newId;
        })
        .catch((e: unknown) => {
          // Two entries for the same quarter at once: the second is told to reload.
          if (isUniqueViolation(e)) throw AppException.conflict();
          throw e;
        }),
    );
    const view = (await this.actuals(code)).find((a) => a.id === id);
    return view as KpiActualView;
  }

  /** Every entry of an indicator, corrections and the entries they superseded, newest quarter first. */
  async actuals(code: string): Promise<KpiActualView[]> {
    await this.indicator(code);
    const rows = (await this.db.query(
      `SELECT k.id, k.code, k.quarter, k.region, k.value::text AS value, k.note, k.evidence_name, k.evidence_stored_name, k.evidence_mime_type,
              k.entered_by, u.display_name AS entered_by_name, k.entered_at, k.superseded_at
         FROM kpi_actual k LEFT JOIN app_user u ON u.id = k.entered_by
        WHERE k.code = $1 ORDER BY k.quarter DESC, k.region NULLS FIRST, k.entered_at DESC`,
      [code],
    )) as ActualRow[];
    return rows.map(actualView);
  }

  /** An entry's evidence file. */
  async evidence(id: string): Promise<{ data: Buffer; mimeType: string; name: string }> {
    const rows = (await this.db.query(`SELECT evidence_stored_name, evidence_mime_type, evidence_name FROM kpi_actual WHERE id = $1`, [id])) as ActualRow[];
    const r = rows[0];
    if (!r) throw AppException.notFound();
    return { data: await this.files.read('kpi-evidence', r.evidence_stored_name), mimeType: r.evidence_mime_type, name: r.evidence_name };
  }

  private indicators(): Promise<IndicatorRow[]> {
    return this.db.query(
      `SELECT code, name_zh, name_en, unit, kind, measure, source_zh, source_en, computed, by_county,
              baseline::text AS baseline, target_2030::text AS target_2030, target_2030_max::text AS target_2030_max
         FROM kpi_indicator ORDER BY position`,
    ) as Promise<IndicatorRow[]>;
  }

  private async indicator(code: string): Promise<IndicatorRow> {
    const found = (await this.indicators()).find((i) => i.code === code);
    if (!found) throw AppException.notFound();
    return found;
  }

  private currentActuals(): Promise<ActualRow[]> {
    return this.db.query(`SELECT id, code, quarter, region, value::text AS value FROM kpi_actual WHERE superseded_at IS NULL ORDER BY quarter`) as Promise<ActualRow[]>;
  }

  /**
   * The computed indicators per quarter (key: code, or `code@region` for a county's figure). The
   * contract value is the dashboard's: registered contracts, year to date.
   */
  private async computedTrack(quarters: string[], region?: string): Promise<Map<string, Map<string, string | null>>> {
    const out = new Map<string, Map<string, string | null>>();
    const put = (key: string, q: string, v: string | null) => {
      if (!out.has(key)) out.set(key, new Map());
      out.get(key)?.set(q, v);
    };
    const years = [...new Set(quarters.map((q) => q.slice(0, 4)))];
    for (const y of years) {
      const last = quarters.filter((q) => q.startsWith(y)).pop() as string;
      const cv = await this.dashboard.contractValue({ quarter: last });
      const cvCounty = region ? await this.dashboard.contractValue({ quarter: last, region }) : null;
      for (const q of quarters.filter((x) => x.startsWith(y))) {
        const qn = Number(q.slice(5)) - 1;
        put('contract-value', q, cv.quarters[qn]?.cumulative ?? '0.00');
        if (cvCounty && region) put(`contract-value@${region}`, q, cvCounty.quarters[qn]?.cumulative ?? '0.00');
      }
    }
    for (const q of quarters) {
      const [brokers, shares, counties] = await Promise.all([countActiveBrokers(this.db, q), enterpriseShares(this.db, q), coveredCounties(this.db, q)]);
      put('tech-brokers', q, `${brokers}.00`);
      put('enterprise-participation', q, shares.participation);
      put('enterprise-led', q, shares.led);
      put('county-coverage', q, `${counties.length}.00`);
    }
    return out;
  }
}

/**
 * An entered indicator's actual at the end of `quarter`: for a level, the latest quarter with an
 * entry up to it (exact: that quarter's only), the city's entry or else the sum of the counties';
 * for an annual figure, the sum of the year's quarters up to it. With a region, that county's.
 */
function enteredValue(measure: KpiMeasure, rows: ActualRow[], quarter: string, region: string | null, exact: boolean): { value: string | null; quarter: string | null } {
  const inScope = rows.filter((r) => (region === null ? true : r.region === region) && (exact ? r.quarter === quarter : r.quarter <= quarter));
  const ofQuarter = (q: string): string | null => {
    const here = inScope.filter((r) => r.quarter === q);
    if (!here.length) return null;
    const city = here.find((r) => r.region === null);
    if (region === null && city) return city.value;
    return fromHundredths(here.filter((r) => r.region !== null).reduce((s, r) => s + hundredths(r.value), 0n));
  };
  if (measure === 'annual') {
    const qs = [...new Set(inScope.filter((r) => r.quarter.startsWith(quarter.slice(0, 4))).map((r) => r.quarter))];
    if (!qs.length) return { value: null, quarter: null };
    return { value: fromHundredths(qs.reduce((s, q) => s + hundredths(ofQuarter(q) ?? '0'), 0n)), quarter };
  }
  const latest = inScope.map((r) => r.quarter).pop();
  return latest ? { value: ofQuarter(latest), quarter: latest } : { value: null, quarter: null };
}

function actualView(r: ActualRow): KpiActualView {
  return {
    id: r.id,
    code: r.code,
    quarter: r.quarter,
    region: r.region,
    value: r.value,
    note: r.note,
    evidenceName: r.evidence_name,
    enteredBy: r.entered_by ?? '',
    enteredByName: r.entered_by_name ?? '',
    enteredAt: r.entered_at.toISOString(),
    supersededAt: r.superseded_at?.toISOString() ?? null,
  };
}
