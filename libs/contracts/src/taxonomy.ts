import taxonomyJson from './taxonomy-data.json';

export interface TaxonomyItem {
  code: string;
  label: string;
  en?: string;
}
export interface Industry extends TaxonomyItem {
  group?: string;
  chains: TaxonomyItem[];
}
export interface Region extends TaxonomyItem {
  outside?: boolean;
}

export interface MaturityStage extends TaxonomyItem {
  trl: [number, number];
}

export interface Taxonomy {
  industries: Industry[];
  maturityStages: MaturityStage[];
  trl: { level: number; label: string }[];
  regions: Region[];
  needCategories: TaxonomyItem[];
  cooperationModes: TaxonomyItem[];
  contractTypes: TaxonomyItem[];
  ipTypes: TaxonomyItem[];
  organisationTypes: TaxonomyItem[];
  synonyms: string[][];
}

/** The reference taxonomy (a copy of shared/data/taxonomy.json), shared by web and server. */
export const TAXONOMY = taxonomyJson as unknown as Taxonomy;

export const ORGANISATION_TYPE_CODES: readonly string[] = TAXONOMY.organisationTypes.map((t) => t.code);
export const REGION_CODES: readonly string[] = TAXONOMY.regions.map((r) => r.code);
export const INDUSTRY_CODES: readonly string[] = TAXONOMY.industries.map((i) => i.code);
export const CHAIN_CODES: readonly string[] = TAXONOMY.industries.flatMap((i) => i.chains.map((c) => c.code));
export const NEED_CATEGORY_CODES: readonly string[] = TAXONOMY.needCategories.map((c) => c.code);
export const COOPERATION_MODE_CODES: readonly string[] = TAXONOMY.cooperationModes.map((c) => c.code);
export const IP_TYPE_CODES: readonly string[] = TAXONOMY.ipTypes.map((c) => c.code);
export const MATURITY_STAGE_CODES: readonly string[] = TAXONOMY.maturityStages.map((c) => c.code);

/** The industry a chain belongs to: "marine.ranching" → "marine". */
export function industryOfChain(chain: string): string {
  return chain.split('.')[0] as string;
}

/** The taxonomy's coded lists by what they name; a chain is looked up across every industry's chains. */
const TAXONOMY_LISTS = {
  industry: TAXONOMY.industries,
  chain: TAXONOMY.industries.flatMap((i) => i.chains),
  region: TAXONOMY.regions,
  needCategory: TAXONOMY.needCategories,
  cooperationMode: TAXONOMY.cooperationModes,
  ipType: TAXONOMY.ipTypes,
  maturityStage: TAXONOMY.maturityStages,
  organisationType: TAXONOMY.organisationTypes,
  contractType: TAXONOMY.contractTypes,
} satisfies Record<string, readonly TaxonomyItem[]>;
export type TaxonomyList = keyof typeof TAXONOMY_LISTS;

const BY_CODE = new Map(Object.entries(TAXONOMY_LISTS).map(([list, items]) => [list, new Map(items.map((i: TaxonomyItem) => [i.code, i] as const))]));

/** The one lookup of a code in the taxonomy (its Chinese label and English name), or undefined for a code it does not have. */
export function taxonomyItem(list: TaxonomyList, code: string): TaxonomyItem | undefined {
  return BY_CODE.get(list)?.get(code);
}

/** A code's label in the language given (Chinese by default; English falls back to Chinese), or the code itself when the taxonomy does not have it. */
export function taxonomyLabel(list: TaxonomyList, code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const item = taxonomyItem(list, code);
  if (!item) return code;
  return locale === 'en' ? (item.en ?? item.label) : item.label;
}
