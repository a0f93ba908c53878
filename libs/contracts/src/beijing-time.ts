/**
 * Beijing time, the platform's one calendar: days, minutes and quarters ("2026Q4") as the bureau
 * counts them. China keeps UTC+8 all year (no daylight saving), so an instant's Beijing calendar is
 * the UTC calendar of the instant 8 hours later. The server, the seeders and the web app all use
 * these, never an offset of their own.
 */
export const BEIJING_TIME_ZONE = 'Asia/Shanghai';
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

export const QUARTER_PATTERN = /^\d{4}Q[1-4]$/;

export function quarterOf(d: Date): string {
  const local = new Date(d.getTime() + BEIJING_OFFSET_MS);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** [from, to) of a quarter, as instants. */
export function quarterBounds(quarter: string): { from: Date; to: Date } {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`not a quarter: "${quarter}"`);
  const [y, q] = [Number(m[1]), Number(m[2])];
  const at = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - BEIJING_OFFSET_MS);
  return { from: at(y, (q - 1) * 3), to: q === 4 ? at(y + 1, 0) : at(y, q * 3) };
}

export function previousQuarter(quarter: string): string {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(5))];
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
}

/** The last `n` quarters ending with `last`, oldest first. */
export function quartersUpTo(last: string, n: number): string[] {
  const out = [last];
  while (out.length < n) out.unshift(previousQuarter(out[0] as string));
  return out;
}

/** The calendar day in Beijing, YYYY-MM-DD (today by default). */
export function beijingDate(d = new Date()): string {
  return new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The minute in Beijing, "YYYY-MM-DD HH:mm". */
export function beijingMinute(d: Date): string {
  return new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whole days from `from` to `to` (YYYY-MM-DD dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A calendar date `months` whole months after `date` (YYYY-MM-DD), kept to the last day of a
 * shorter month: 2026-01-31 + 1 → 2026-02-28. Count every step of a series from its start (start + k
 * months), never from the previous step, so a month end does not drift.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The date `days` after `date` (YYYY-MM-DD; `days` may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
