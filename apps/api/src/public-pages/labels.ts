import { TAXONOMY, TaxonomyItem } from '@ztt/contracts';

const find = (items: TaxonomyItem[], code: string): string => items.find((i) => i.code === code)?.label ?? code;
const CHAINS = TAXONOMY.industries.flatMap((i) => i.chains);

/** The Chinese labels of taxonomy codes, as the web app shows them first. */
export const label = {
  industry: (code: string) => find(TAXONOMY.industries, code),
  chain: (code: string) => find(CHAINS, code),
  region: (code: string) => find(TAXONOMY.regions, code),
  category: (code: string) => find(TAXONOMY.needCategories, code),
  mode: (code: string) => find(TAXONOMY.cooperationModes, code),
  ipType: (code: string) => find(TAXONOMY.ipTypes, code),
  maturity: (code: string) => find(TAXONOMY.maturityStages, code),
  organisationType: (code: string) => find(TAXONOMY.organisationTypes, code),
  trl: (level: number) => TAXONOMY.trl.find((t) => t.level === level)?.label ?? String(level),
};
