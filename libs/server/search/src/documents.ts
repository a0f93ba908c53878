import { ItemKind } from '@ztt/contracts';
import { Achievement, CatalogueItem, TechNeed } from '@ztt/catalogue';
import { documentTerms } from './chinese';

/**
 * The shape of the documents and the index settings: bump it whenever either changes, and the
 * next `ensureIndex` of a live index (the worker's start) re-indexes its documents in place.
 */
export const INDEX_VERSION = 2;

/** What Meilisearch holds for an item: public fields only, plus token fields for Chinese recall (chinese.ts). */
export interface SearchDocument {
  id: string;
  kind: ItemKind;
  status: 'published';
  title: string;
  summary: string;
  keywords: string[];
  ownerOrgId: string;
  ownerOrgName: string;
  /** tokens of the title and keywords (ranked first): bigrams and synonym groups, `documentTerms` */
  titleGrams: string;
  /** tokens of the summary and the rest of the public text */
  textGrams: string;
  chains: string[];
  industries: string[];
  region: string;
  trl: number;
  cooperationModes: string[];
  publishedAt: number;
  category?: string;
  deadline?: number | null;
  budgetMax?: number | null;
  maturityStage?: string;
  ipTypes?: string[];
  askingPrice?: number | null;
}

export const FILTERABLE = ['status', 'kind', 'chains', 'industries', 'region', 'trl', 'cooperationModes', 'category', 'ipTypes', 'maturityStage', 'ownerOrgId'];
export const SEARCHABLE = ['titleGrams', 'title', 'keywords', 'textGrams', 'summary', 'ownerOrgName'];
export const SORTABLE = ['publishedAt', 'deadline', 'budgetMax', 'askingPrice'];

const terms = (text: string) => documentTerms(text).join(' ');

export function toDocument(kind: ItemKind, item: CatalogueItem, ownerOrgName: string): SearchDocument {
  const base = {
    id: item.id,
    kind,
    status: 'published' as const,
    title: item.title,
    summary: item.summary,
    keywords: item.keywords,
    ownerOrgId: item.ownerOrgId,
    ownerOrgName,
    titleGrams: terms(`${item.title} ${item.keywords.join(' ')}`),
    chains: item.chains,
    industries: item.industries,
    region: item.region,
    trl: item.trl,
    cooperationModes: item.cooperationModes,
    publishedAt: item.publishedAt?.getTime() ?? 0,
  };
  if (kind === 'need') {
    const n = item as TechNeed;
    return {
      ...base,
      textGrams: terms(`${n.summary} ${n.acceptanceCriteria}`),
      category: n.category,
      // Absent rather than null: Meilisearch sorts documents without the field last either way.
      deadline: n.deadline ? Date.parse(`${n.deadline}T00:00:00Z`) : undefined,
      budgetMax: n.budgetMax === null ? undefined : Number(n.budgetMax),
    };
  }
  const a = item as Achievement;
  return {
    ...base,
    textGrams: terms(`${a.summary} ${a.applicationFields} ${a.provenResults}`),
    maturityStage: a.maturityStage,
    ipTypes: [...new Set(a.ipItems.map((i) => i.type))],
    askingPrice: a.askingPrice === null ? undefined : Number(a.askingPrice),
  };
}
