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
