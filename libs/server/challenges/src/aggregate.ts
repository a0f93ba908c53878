/**
 * How a panel's scores become one figure (the documented rule): each reviewer's total is the
 * weighted sum of their criterion scores (0–100 each, weights summing to 100), to two decimals.
 * The aggregate is the mean of the totals — after dropping one highest and one lowest total when
 * five or more reviewers scored — rounded half up to two decimals. Everything is computed in
 * integer hundredths, so no float rounding ever decides a ranking.
 */
export const TRIM_FROM = 5;

/** "85.5" → 8550 (hundredths); the input is a numeric(6,2) as PostgreSQL returns it. */
export function toHundredths(value: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new Error(`not a score: ${value}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function fromHundredths(h: number): string {
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

/** A reviewer's total: Σ weight × score / 100, in hundredths (exact: weights and scores are integers). */
export function weightedTotal(scores: number[], weights: number[]): string {
  let sum = 0;
  scores.forEach((s, i) => (sum += s * (weights[i] ?? 0)));
  // sum is in (points × percent) = hundredths of a point.
  return fromHundredths(sum);
}

/** The aggregate of reviewers' totals, or null when nobody has scored. */
export function aggregate(totals: string[]): string | null {
  if (!totals.length) return null;
  let values = totals.map(toHundredths).sort((a, b) => a - b);
  if (values.length >= TRIM_FROM) values = values.slice(1, -1);
  const sum = values.reduce((a, b) => a + b, 0);
  const n = values.length;
  // Round half up: floor((2·sum + n) / 2n).
  return fromHundredths(Math.floor((2 * sum + n) / (2 * n)));
}

/** Ranks by aggregate, best first; ties share a rank; unscored entries come last, unranked. */
export function rank<T extends { aggregate: string | null }>(entries: T[]): (T & { rank: number | null })[] {
  const sorted = [...entries].sort((a, b) => (b.aggregate === null ? -1 : toHundredths(b.aggregate)) - (a.aggregate === null ? -1 : toHundredths(a.aggregate)));
  let last: string | null = null;
  let lastRank = 0;
  return sorted.map((e, i) => {
    if (e.aggregate === null) return { ...e, rank: null };
    if (e.aggregate !== last) {
      lastRank = i + 1;
      last = e.aggregate;
    }
    return { ...e, rank: lastRank };
  });
}
