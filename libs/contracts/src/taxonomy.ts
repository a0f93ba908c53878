import taxonomyJson from './taxonomy.json';

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

export interface Taxonomy {
  industries: Industry[];
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
