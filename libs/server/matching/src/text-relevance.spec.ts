import { CorpusCounter, TextIndexBuilder } from './text-index';
import { chooseTerms, documentGrams, queryGrams, rankTexts } from './text-relevance';

/** Chinese catalogue-like text of several fields, cut into clauses: many short documents sharing words. */
const TEXT = [
  '南美白对虾工厂化循环水养殖系统，集成微生物净化、精准投喂与水质在线监测，养殖成活率提高两成以上。',
  '养殖尾水经人工湿地与微生物组合工艺处理后达标排放，部分回用于育苗车间，降低养殖用水成本。',
  '深远海网箱养殖金鲳鱼的病害早期预警与绿色防控，结合疫苗免疫与生态调控，减少抗生素使用。',
  '钢渣经磁选与粉磨制成建材微粉，用作混凝土掺合料，实现钢铁冶炼固废的高值化利用。',
  '炼化废水的生化处理与膜法深度处理回用技术，处理系统长期稳定运行，出水满足回用标准。',
  '红树林滨海湿地的育苗、种植与生态修复，提升海岸带固碳能力与生物多样性。',
  '海水养殖常见病原的现场快速检测试剂盒，三十分钟出结果，适用于基层养殖户。',
  '对虾饲料中植物蛋白替代鱼粉的配方技术，降低饲料成本并保持生长性能。',
  '石化装置余热回收与低温发电技术，提高能源利用效率，减少碳排放。',
  '海洋牧场人工鱼礁的设计与投放评估，结合水下视频监测资源恢复效果。',
  '羽绒清洗与分级加工的节水工艺，废水循环利用，产品蓬松度稳定。',
  '家电产品智能控制模块的国产化设计，支持远程诊断与节能运行。',
  '湛江港口集装箱智能调度系统，基于实时数据优化堆场作业效率。',
  '菠萝与剑麻等热带作物的采后保鲜与精深加工技术，延长货架期。',
  '海上风电基础防腐涂层与阴极保护的长效防护技术，降低运维成本。',
];

function corpus(): { id: string; head: string; body: string }[] {
  const clauses = TEXT.flatMap((t) => t.split(/[，。、]/)).filter((t) => t.length >= 4);
  return clauses.map((t, i) => ({ id: `d${String(i).padStart(4, '0')}`, head: t.slice(0, 4), body: t.slice(4) }));
}

describe('one text relevance for the quarterly run and the live path', () => {
  const docs = corpus();
  const builder = new TextIndexBuilder();
  for (const d of docs) builder.add(d);
  const stats = builder.statistics();
  const index = builder.build();

  it('has a corpus to compare on', () => {
    expect(docs.length).toBeGreaterThan(30);
  });

  it('scores the candidates from the stored statistics exactly as the in-process index scores them', () => {
    const grams = new Map(docs.map((d) => [d.id, documentGrams(d)]));
    let compared = 0;
    for (const d of docs.filter((_, i) => i % 7 === 0)) {
      const query = `${d.head}${d.body}${docs[(docs.indexOf(d) + 1) % docs.length]!.body}`;
      const fromIndex = index.search(query, 100);
      // The live path: the statistics a store keeps and the candidates' own text; here the
      // candidates are the index's, in another order.
      const candidates = [...fromIndex].reverse().map((h) => ({ id: h.id, grams: grams.get(h.id) as Map<string, number> }));
      const terms = chooseTerms(queryGrams(query), (g) => stats.frequencies.get(g) ?? 0);
      const live = rankTexts(terms, stats, candidates);
      expect(live.map((h) => h.id)).toEqual(fromIndex.map((h) => h.id));
      for (const [i, h] of live.entries()) expect(h.score).toBeCloseTo(fromIndex[i]!.score, 9);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('counts, for every bigram, the documents holding it', () => {
    for (const df of stats.frequencies.values()) expect(df).toBeGreaterThanOrEqual(1);
    const [gram, df] = [...stats.frequencies].sort((a, b) => b[1] - a[1])[0]!;
    expect(docs.filter((d) => documentGrams(d).has(gram))).toHaveLength(df);
    expect(stats.documents).toBe(docs.length);
  });

  it('counts the same statistics without building an index (what the statistics job stores)', () => {
    const counter = new CorpusCounter();
    for (const d of docs) counter.add(d);
    expect(counter.statistics()).toEqual(stats);
  });

  it('scores no more than 64 query bigrams, the rarest that some document holds', () => {
    const long = `${docs.map((d) => d.body).join('')}量子纠缠`;
    const terms = chooseTerms(queryGrams(long), (g) => stats.frequencies.get(g) ?? 0);
    expect(terms).toHaveLength(64);
    expect(terms.map((t) => t.gram)).not.toContain('量子');
    for (let i = 1; i < terms.length; i++) expect(terms[i]!.df).toBeGreaterThanOrEqual(terms[i - 1]!.df);
  });
});
