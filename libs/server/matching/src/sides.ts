import { ItemKind } from '@ztt/contracts';
import type { MatchingRow } from '@ztt/catalogue';
import { AchievementSide, NeedSide } from './scoring';
import { IndexedText } from './text-relevance';

/** The text of a row as text relevance reads it: title and keywords (head), the rest, `extra` too (body). */
export function indexedTextOfRow(r: MatchingRow): IndexedText {
  return { id: r.id, head: `${r.title} ${r.keywords.join(' ')}`, body: `${r.summary} ${r.extra}` };
}

/** What both sides of a pair share, from a row of either kind. */
function sharedSideOfRow(r: MatchingRow) {
  return { title: r.title, summary: r.summary, keywords: r.keywords, chains: r.chains, trl: r.trl, cooperationModes: r.cooperation_modes, region: r.region };
}

export function needSideOfRow(r: MatchingRow): NeedSide {
  return { ...sharedSideOfRow(r), budgetMax: r.budget_max ?? null, budgetNegotiable: !!r.budget_negotiable };
}

export function achievementSideOfRow(r: MatchingRow): AchievementSide {
  return { ...sharedSideOfRow(r), askingPrice: r.asking_price ?? null, priceNegotiable: !!r.price_negotiable, publishedAt: r.published_at ?? null };
}

export function sideOfRow(kind: ItemKind, r: MatchingRow): NeedSide | AchievementSide {
  return kind === 'need' ? needSideOfRow(r) : achievementSideOfRow(r);
}

/**
 * An item's retrieval query: title and keywords first, then the start of the summary (search cuts
 * it into chunks Meilisearch reads whole; the in-process index reads its bigrams).
 */
export function queryOf(x: { title: string; keywords: string[]; summary: string }): string {
  return `${x.title} ${x.keywords.join(' ')} ${x.summary.slice(0, 60)}`;
}
