import { TAXONOMY } from './taxonomy';

/** The counties and districts of Zhanjiang a county official (县区科技管理人员) can be scoped to: the non-outside regions. */
export const COUNTY_CODES: readonly string[] = TAXONOMY.regions.filter((r) => !r.outside).map((r) => r.code);

export function isCounty(code: string | null | undefined): code is string {
  return !!code && COUNTY_CODES.includes(code);
}

/** One need or achievement of the county, published or in review (submitted). */
export interface CountyItemView {
  id: string;
  kind: 'need' | 'achievement';
  title: string;
  status: string;
  organisationId: string;
  organisationName: string;
  publishedAt: string | null;
  submittedAt: string | null;
}

/** A match involving one of the county's items (either side). */
export interface CountyMatchView {
  id: string;
  status: string;
  score: string;
  needId: string;
  needTitle: string;
  needRegion: string;
  achievementId: string;
  achievementTitle: string;
  achievementRegion: string;
}

/** A deal where either party's organisation is in the county: a read-only summary, never its notes. */
export interface CountyDealView {
  id: string;
  title: string;
  stage: string;
  demandOrgId: string;
  demandOrgName: string;
  demandOrgRegion: string;
  supplyOrgId: string;
  supplyOrgName: string;
  supplyOrgRegion: string;
  /** Expected value in yuan, exact decimal text */
  expectedValue: string | null;
  stageChangedAt: string;
}

/** The official's own county. */
export interface CountyScopeView {
  code: string;
  name: string;
  nameEn: string;
}

/** One KPI indicator that is allocated by county: the county's allocation for the year and its actual. */
export interface CountyKpiLine {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  allocation: string | null;
  actual: string | null;
  /** how much of the allocation the actual reaches, in percent (kpiReached); null without both */
  reached: string | null;
}

/** The public county page. */
export interface CountyPublicView extends CountyScopeView {
  /** The heatmap row as the public statistics count it: published needs, achievements and challenges */
  needs: number;
  achievements: number;
  challenges: number;
  /** Deals where either party's organisation is in the county */
  deals: number;
  quarter: string;
  year: number;
  kpis: CountyKpiLine[];
  /** The latest published yearly need list, if any */
  needList: CountyNeedListView | null;
}

export const COUNTY_NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type CountyNeedPriority = (typeof COUNTY_NEED_PRIORITIES)[number];
export const COUNTY_NEED_LIST_MAX_ENTRIES = 50;

/** One line of a county's yearly need list (县域产业技术需求清单). */
export interface CountyNeedListEntry {
  title: string;
  /** An industry chain code of the taxonomy */
  chain: string;
  description: string;
  priority: CountyNeedPriority;
  /** A published need of the county this line stands for */
  needId: string | null;
}

export interface CountyNeedListView {
  county: string;
  year: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  updatedAt: string | null;
  entries: CountyNeedListEntry[];
}

/** 入县达镇: a published achievement reached an organisation of the county (a deal between them, or a match contacted or turned into a deal). */
export interface CountyReachView {
  /** 乡镇/街道 of the organisation; null when it has not given one */
  town: string | null;
  organisationId: string;
  organisationName: string;
  achievementId: string;
  achievementTitle: string;
  /** How: 'deal' (a deal exists, any stage) and/or 'match' (a match contacted or turned into a deal) */
  via: ('deal' | 'match')[];
}

/** A campaign's progress in the county: its target for the county (if any), items submitted and published. */
export interface CountyCampaignView {
  campaignId: string;
  title: string;
  quarter: string;
  status: string;
  rows: { kind: 'need' | 'achievement'; target: number | null; submitted: number; published: number }[];
}
