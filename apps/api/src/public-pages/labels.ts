import { TAXONOMY, taxonomyItem, TaxonomyList } from '@ztt/contracts';

const find = (list: TaxonomyList, code: string): string => taxonomyItem(list, code)?.label ?? code;

/** The Chinese labels of taxonomy codes, as the web app shows them first. */
export const label = {
  industry: (code: string) => find('industry', code),
  chain: (code: string) => find('chain', code),
  region: (code: string) => find('region', code),
  category: (code: string) => find('needCategory', code),
  mode: (code: string) => find('cooperationMode', code),
  ipType: (code: string) => find('ipType', code),
  maturity: (code: string) => find('maturityStage', code),
  organisationType: (code: string) => find('organisationType', code),
  trl: (level: number) => TAXONOMY.trl.find((t) => t.level === level)?.label ?? String(level),
};
