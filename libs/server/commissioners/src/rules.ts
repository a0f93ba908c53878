import { beijingDate, TAXONOMY } from '@ztt/contracts';

/** The counties and districts of Zhanjiang: the regions a commissioner may be assigned to. */
export const COUNTY_CODES: readonly string[] = TAXONOMY.regions.filter((r) => !r.outside).map((r) => r.code);

/** An assignment is current when today (Beijing) falls within its period. */
export function isCurrent(a: { startsOn: string; endsOn: string | null }, today = beijingDate()): boolean {
  return a.startsOn <= today && (a.endsOn === null || a.endsOn >= today);
}

/** Keywords as kept: trimmed, no empties, no repeats, in the order given. */
export function cleanKeywords(keywords: string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];
}
