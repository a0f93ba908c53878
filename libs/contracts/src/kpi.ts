/**
 * The KPI register (规划指标): the indicators of Zhanjiang's 2026–2030 technology-transfer plan,
 * their yearly targets and county allocations, and the actuals per quarter (季度监测、年度评估).
 * Values are exact decimal text with at most two places, in the indicator's unit (元, a count or
 * a percentage), compared through hundredths (money.ts), never floats.
 */
import { quarterOf } from './beijing-time';
import { fromHundredths, hundredths } from './money';
import { TAXONOMY } from './taxonomy';

/** The plan runs from the 2025 baseline to the 2030 target. */
export const KPI_BASE_YEAR = 2025;
export const KPI_TARGET_YEAR = 2030;
/** The plan's years, the ones that take a yearly target and quarterly actuals. */
export const KPI_YEARS = [2026, 2027, 2028, 2029, 2030] as const;

/** 约束性 (binding) or 预期性 (expected) indicator. */
export const KPI_KINDS = ['constraint', 'expected'] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

/**
 * How an indicator accumulates: a `level` is a stock read at the quarter's end (enterprises,
 * brokers, a share); an `annual` figure is a flow summed over the year to date (contract value).
 */
export const KPI_MEASURES = ['level', 'annual'] as const;
export type KpiMeasure = (typeof KPI_MEASURES)[number];

export const KPI_UNITS = ['yuan', 'enterprises', 'platforms', 'people', 'percent', 'counties'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KPI_STATUSES = ['ahead', 'on_track', 'behind', 'no_data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** The indicators the plan names (the migration inserts them; codes are stable). */
export const KPI_CODES = [
  'contract-value',
  'high-tech-enterprises',
  'tech-smes',
  'pilot-platforms',
  'tech-brokers',
  'enterprise-participation',
  'enterprise-led',
  'county-coverage',
] as const;
export type KpiCode = (typeof KPI_CODES)[number];

/** The counties and districts of Zhanjiang (not the "outside" regions): what takes an allocation. */
export const KPI_REGION_CODES: readonly string[] = TAXONOMY.regions.filter((r) => !r.outside).map((r) => r.code);

/** A value as the API takes it: a non-negative decimal with at most two places. */
export const KPI_VALUE_PATTERN = /^\d{1,14}(\.\d{1,2})?$/;

/** Within this share of the expected value (in percent) an indicator is on track; beyond it, ahead or behind. */
export const KPI_TOLERANCE_PERCENT = 5n;

/**
 * The expected value at the end of `quarter` on the straight line from the 2025 baseline to the
 * 2030 target, rounded down to hundredths. A `level` moves along the line quarter by quarter
 * (2026Q1 is 1/20 of the way, 2030Q4 the target). An `annual` figure's line gives each year's
 * expected total (2026 is 1/5 of the way); the year to date expects the quarters passed of it
 * (Q2 half of the year's).
 */
export function kpiExpected(baseline: string, target: string, quarter: string, measure: KpiMeasure): string {
  const year = Number(quarter.slice(0, 4));
  const q = BigInt(quarter.slice(5));
  const b = hundredths(baseline);
  const t = hundredths(target);
  const span = BigInt(KPI_TARGET_YEAR - KPI_BASE_YEAR);
  // Before the plan the line is the baseline; after it, the target.
  const clamp = (n: bigint, max: bigint) => (n < 0n ? 0n : n > max ? max : n);
  if (measure === 'level') {
    const elapsed = clamp(BigInt(year - KPI_BASE_YEAR - 1) * 4n + q, span * 4n);
    return fromHundredths(b + ((t - b) * elapsed) / (span * 4n));
  }
  const yearValue = b + ((t - b) * clamp(BigInt(year - KPI_BASE_YEAR), span)) / span;
  return fromHundredths((yearValue * q) / 4n);
}

/**
 * The status of an actual against the expected value: behind below 95 % of it, ahead above 105 %,
 * on track between (both included); no_data without an actual. An expected value of zero is met
 * by any actual (ahead when above zero).
 */
export function kpiStatus(actual: string | null, expected: string): KpiStatus {
  if (actual === null) return 'no_data';
  const a = hundredths(actual) * 100n;
  const e = hundredths(expected);
  if (e === 0n) return a > 0n ? 'ahead' : 'on_track';
  if (a < e * (100n - KPI_TOLERANCE_PERCENT)) return 'behind';
  if (a > e * (100n + KPI_TOLERANCE_PERCENT)) return 'ahead';
  return 'on_track';
}

/**
 * How much of an allocation an actual reaches, in percent with two decimals (half up): a county's
 * track against its share of the year's target. Null without both, or for a zero allocation.
 */
export function kpiReached(actual: string | null, allocation: string | null): string | null {
  if (actual === null || allocation === null) return null;
  const a = hundredths(allocation);
  if (a <= 0n) return null;
  // percent in hundredths = actual / allocation × 100 × 100, rounded half up
  const scaled = hundredths(actual) * 10000n;
  return fromHundredths((scaled * 2n + a) / (2n * a));
}

/** The plan's quarters from 2026Q1 up to `quarter` (inclusive), oldest first; none before the plan starts. */
export function kpiQuarters(quarter: string): string[] {
  const out: string[] = [];
  const lastYear = Math.min(Number(quarter.slice(0, 4)), KPI_TARGET_YEAR);
  for (let y = KPI_BASE_YEAR + 1; y <= lastYear; y++) {
    for (let q = 1; q <= 4; q++) {
      const code = `${y}Q${q}`;
      if (code > quarter) return out;
      out.push(code);
    }
  }
  return out;
}

/** Whether a quarter has begun (Beijing time): actuals are entered for past and current quarters only. */
export function kpiQuarterStarted(quarter: string, now = new Date()): boolean {
  return quarter <= quarterOf(now);
}

export interface KpiTrackPoint {
  quarter: string;
  actual: string | null;
  expected: string;
}

export interface KpiAllocation {
  region: string;
  target: string;
}

export interface KpiCountyFigures {
  region: string;
  /** the county's share of this year's target, if allocated */
  allocation: string | null;
  actual: string | null;
}

export interface KpiIndicatorView {
  code: KpiCode;
  name: string;
  nameEn: string;
  unit: KpiUnit;
  kind: KpiKind;
  measure: KpiMeasure;
  source: string;
  sourceEn: string;
  /** the platform computes the actual from its own records; otherwise an admin enters it with evidence */
  computed: boolean;
  /** the actual can be read per county (computed per county, or entered per county) */
  byCounty: boolean;
  baseline: string;
  target2030: string;
  /** the upper end of a range target (3–5), else null */
  target2030Max: string | null;
  yearTarget: string | null;
  /** the actual to date at the end of the chosen quarter (annual: the year to date) */
  actual: string | null;
  /** the quarter whose entry gave the actual (entered indicators), else the chosen quarter */
  actualQuarter: string | null;
  expected: string;
  status: KpiStatus;
  track: KpiTrackPoint[];
  allocations: KpiAllocation[];
  /** with a county chosen: its allocation and actual (null when the indicator has no county figures) */
  county: KpiCountyFigures | null;
}

export interface KpiRegister {
  quarter: string;
  year: number;
  region: string | null;
  indicators: KpiIndicatorView[];
}

export interface KpiActualView {
  id: string;
  code: KpiCode;
  quarter: string;
  /** null: the city as a whole */
  region: string | null;
  value: string;
  note: string;
  evidenceName: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
  /** set when a correction replaced this entry */
  supersededAt: string | null;
}
