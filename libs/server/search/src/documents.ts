import { ItemKind } from '@ztt/contracts';
import { Achievement, CatalogueItem, TechNeed } from '@ztt/catalogue';
import { uniqueGrams } from './chinese';

/** What Meilisearch holds for an item: public fields only, plus bigram fields for Chinese recall. */
export interface SearchDocument {
  id: string;
  kind: ItemKind;
  status: 'published';
  title: string;
  summary: string;
  keywords: string[];
  ownerOrgId: string;
  ownerOrgName: string;
  /** bigrams of title and keywords (ranked first) */
  titleGrams: string;
  /** bigrams of the summary and the rest of the public text */
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
    titleGrams: uniqueGrams(`${item.title} ${item.keywords.join(' ')}`).join(' '),
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
      textGrams: uniqueGrams(`${n.summary} ${n.acceptanceCriteria}`).join(' '),
      category: n.category,
      deadline: n.deadline ? Date.parse(`${n.deadline}T00:00:00Z`) : null,
      budgetMax: n.budgetMax === null ? null : Number(n.budgetMax),
    };
  }
  const a = item as Achievement;
  return {
    ...base,
    textGrams: uniqueGrams(`${a.summary} ${a.applicationFields} ${a.provenResults}`).join(' '),
    maturityStage: a.maturityStage,
    ipTypes: [...new Set(a.ipItems.map((i) => i.type))],
    askingPrice: a.askingPrice === null ? null : Number(a.askingPrice),
  };
}
