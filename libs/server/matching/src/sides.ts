import { ItemKind } from '@ztt/contracts';
import { AchievementSide, NeedSide } from './scoring';
import { IndexedText } from './text-relevance';

/**
 * The columns a scoring side is built from, by kind, and `extra`: the text a kind's search document
 * holds besides title, keywords and summary, which text relevance reads too (indexedTextOfRow).
 */
export const SIDE_COLUMNS: Record<ItemKind, string> = {
  need: 'id, version, title, summary, keywords, chains, trl, cooperation_modes, region, budget_max, budget_negotiable, acceptance_criteria AS extra',
  achievement:
    "id, version, title, summary, keywords, chains, trl, cooperation_modes, region, asking_price, price_negotiable, published_at, application_fields || ' ' || proven_results AS extra",
};

/** A row of SIDE_COLUMNS from either table. */
export interface SideRow {
  id: string;
  version: number;
  title: string;
  summary: string;
  keywords: string[];
  chains: string[];
  trl: number;
  cooperation_modes: string[];
  region: string;
  budget_max?: string | null;
  budget_negotiable?: boolean;
  asking_price?: string | null;
  price_negotiable?: boolean;
  published_at?: Date | null;
  extra: string;
}

/** The text of a row as text relevance reads it: title and keywords (head), the rest (body). */
export function indexedTextOfRow(r: SideRow): IndexedText {
  return { id: r.id, head: `${r.title} ${r.keywords.join(' ')}`, body: `${r.summary} ${r.extra}` };
}

/** What both sides of a pair share, from a row of either table. */
function sharedSideOfRow(r: SideRow) {
  return { title: r.title, summary: r.summary, keywords: r.keywords, chains: r.chains, trl: r.trl, cooperationModes: r.cooperation_modes, region: r.region };
}

export function needSideOfRow(r: SideRow): NeedSide {
  return { ...sharedSideOfRow(r), budgetMax: r.budget_max ?? null, budgetNegotiable: !!r.budget_negotiable };
}

export function achievementSideOfRow(r: SideRow): AchievementSide {
  return { ...sharedSideOfRow(r), askingPrice: r.asking_price ?? null, priceNegotiable: !!r.price_negotiable, publishedAt: r.published_at ?? null };
}

export function sideOfRow(kind: ItemKind, r: SideRow): NeedSide | AchievementSide {
  return kind === 'need' ? needSideOfRow(r) : achievementSideOfRow(r);
}

/**
 * An item's retrieval query: title and keywords first, then the start of the summary (search cuts
 * it into chunks Meilisearch reads whole; the in-process index reads its bigrams).
 */
export function queryOf(x: { title: string; keywords: string[]; summary: string }): string {
  return `${x.title} ${x.keywords.join(' ')} ${x.summary.slice(0, 60)}`;
}
