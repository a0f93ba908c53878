// The industry chain of a CSL paper record, shared by the benchmarks that load papers as catalogue items.
import { CHAIN_CODES } from '@ztt/contracts';
import { Paper } from './bench-common';

/** The chain of a record with neither a known discipline nor a known category. */
export const FALLBACK_CHAIN = 'ai.applications';

/**
 * CSL disciplines (学科) to taxonomy chains: the nearest chain by topic, fixed by hand so the
 * mapping is deterministic. Several disciplines share a chain, as real items of one chain span
 * several fields.
 */
const DISCIPLINE_CHAIN: Record<string, string> = {
  '中医学/中药学': 'livelihood.health',
  '基础医学/临床医学': 'livelihood.health',
  口腔医学: 'livelihood.health',
  公共卫生与预防医学: 'livelihood.health',
  药学: 'emerging.biomed',
  '生物学/生物科学与工程': 'emerging.biomed',
  食品科学与工程: 'food.processing',
  材料科学与工程: 'emerging.materials',
  纺织科学与工程: 'traditional.down',
  冶金工程: 'steel.low-carbon',
  矿业工程: 'steel.recycling',
  '化学/化学工程与技术': 'petrochem.fine-chem',
  石油与天然气工程: 'petrochem.oil-gas',
  '地质学/地质资源与地质工程': 'petrochem.oil-gas',
  地球物理学: 'petrochem.oil-gas',
  环境科学与工程: 'livelihood.ecology',
  大气科学: 'livelihood.disaster',
  地理学: 'livelihood.ecology',
  测绘科学与技术: 'livelihood.disaster',
  水利工程: 'livelihood.disaster',
  水产: 'marine.ranching',
  海洋科学: 'marine.ranching',
  船舶与海洋工程: 'marine.equipment',
  园艺学: 'food.seed',
  作物学: 'food.seed',
  植物保护: 'food.seed',
  '林学/林业工程': 'food.seed',
  '畜牧学/兽医学': 'food.precision-ag',
  农业工程: 'food.precision-ag',
  农业资源利用: 'food.precision-ag',
  农林经济管理: 'food.precision-ag',
  计算机科学与技术: 'ai.models',
  数学: 'ai.models',
  控制科学与工程: 'ai.models',
  信息与通信工程: 'ai.data',
  电子科学与技术: 'ai.compute',
  光学工程: 'emerging.quantum-deepsea',
  物理学: 'emerging.quantum-deepsea',
  天文学: 'emerging.quantum-deepsea',
  交通运输工程: 'emerging.low-altitude',
  航空宇航科学与技术: 'emerging.low-altitude',
  兵器科学与技术: 'livelihood.police',
  军事学: 'livelihood.police',
  法学: 'livelihood.police',
  政治学: 'livelihood.police',
  土木工程: 'traditional.furniture',
  建筑学: 'traditional.furniture',
  机械工程: 'traditional.appliances',
  力学: 'marine.equipment',
  电气工程: 'energy.storage',
  动力工程及工程热物理: 'energy.coal-power',
  核科学与技术: 'energy.nuclear',
  教育学: 'livelihood.education',
  心理学: 'livelihood.education',
  体育学: 'livelihood.culture-tourism',
  历史学: 'livelihood.culture-tourism',
  艺术学: 'livelihood.culture-tourism',
  哲学: 'livelihood.culture-tourism',
  中国语言文学: 'livelihood.culture-tourism',
  新闻传播学: 'livelihood.culture-tourism',
  民族学: 'livelihood.culture-tourism',
  社会学: 'livelihood.elderly',
  '图书馆、情报与档案管理': 'ai.data',
  公共管理: 'ai.applications',
  工商管理: 'ai.applications',
  应用经济学: 'ai.applications',
  理论经济学: 'ai.applications',
};

/** By category (门类) when the discipline is not in the table. */
const CATEGORY_CHAIN: Record<string, string> = {
  工学: 'emerging.materials',
  医学: 'livelihood.health',
  农学: 'food.seed',
  理学: 'emerging.quantum-deepsea',
  法学: 'livelihood.police',
  管理学: 'ai.applications',
  教育学: 'livelihood.education',
  经济学: 'ai.applications',
  文学: 'livelihood.culture-tourism',
  哲学: 'livelihood.culture-tourism',
  历史学: 'livelihood.culture-tourism',
  艺术学: 'livelihood.culture-tourism',
  军事学: 'livelihood.police',
};

for (const chain of [FALLBACK_CHAIN, ...Object.values(DISCIPLINE_CHAIN), ...Object.values(CATEGORY_CHAIN)]) {
  if (!CHAIN_CODES.includes(chain)) throw new Error(`not a taxonomy chain: ${chain}`);
}

export function chainOf(p: Paper): string {
  return (p.discipline && DISCIPLINE_CHAIN[p.discipline]) || (p.category && CATEGORY_CHAIN[p.category]) || FALLBACK_CHAIN;
}
