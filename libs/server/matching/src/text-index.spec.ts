import { TextIndex, TextIndexBuilder, TopK } from './text-index';
import { chooseTerms, documentGrams, queryGrams, rankTexts } from './text-relevance';
import { prng } from '@ztt/contracts';

const docs = [
  { id: 'a1', head: '南美白对虾工厂化养殖', body: '循环水养殖系统，尾水经微生物处理后回用。' },
  { id: 'a2', head: '钢渣微粉制备', body: '钢渣经磁选、粉磨制成建材微粉，用于混凝土掺合料。' },
  { id: 'a3', head: '石化废水处理', body: '炼化废水的生化处理与回用技术，处理系统稳定运行。' },
  { id: 'a4', head: '海水养殖尾水净化', body: '人工湿地与微生物组合工艺净化对虾养殖尾水。' },
];

describe('the in-process bigram index of the quarterly run', () => {
  const index = TextIndex.of(docs);

  it('finds an item by a piece of a word, as the search index does (对虾 in 南美白对虾)', () => {
    const hits = index.search('对虾', 10).map((h) => h.id);
    expect(hits.sort()).toEqual(['a1', 'a4']);
  });

  it('ranks the item sharing the most, and the rarest, bigrams first, best first with scores', () => {
    const hits = index.search('钢渣建材微粉', 10);
    expect(hits[0]?.id).toBe('a2');
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('counts a bigram in the title or keywords above the same bigram in the body', () => {
    const head = TextIndex.of([
      { id: 'body', head: '其他内容', body: '海水淡化膜组件' },
      { id: 'head', head: '海水淡化膜组件', body: '其他内容' },
    ]);
    expect(head.search('海水淡化', 2).map((h) => h.id)).toEqual(['head', 'body']);
  });

  it('widens the query with the taxonomy synonyms (生蚝 finds 牡蛎), below the query’s own words', () => {
    const oysters = TextIndex.of([
      { id: 'oyster', head: '牡蛎苗种繁育', body: '' },
      { id: 'raw', head: '生蚝冷链保鲜', body: '' },
      { id: 'other', head: '金鲳鱼网箱', body: '' },
    ]);
    const hits = oysters.search('生蚝', 10);
    expect(hits.map((h) => h.id)).toEqual(['raw', 'oyster']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('returns at most the limit asked for, and nothing for text it has never seen', () => {
    expect(index.search('处理 养殖 微粉 对虾', 2)).toHaveLength(2);
    expect(index.search('量子计算', 10)).toEqual([]);
  });

  it('orders equal scores by id, whatever order the items were added in', () => {
    const builder = new TextIndexBuilder();
    for (const id of ['c', 'a', 'b']) builder.add({ id, head: '红树林保护', body: '' });
    expect(
      builder
        .build()
        .search('红树林', 3)
        .map((h) => h.id),
    ).toEqual(['a', 'b', 'c']);
  });

  it('no longer proposes an item taken out of it, and forgets nothing else', () => {
    const again = TextIndex.of(docs);
    again.remove('a1');
    expect(again.has('a1')).toBe(false);
    expect(again.has('a4')).toBe(true);
    expect(again.search('对虾', 10).map((h) => h.id)).toEqual(['a4']);
  });

  it('gives each query its own scores (nothing carries over from the query before)', () => {
    const first = index.search('钢渣建材微粉', 10);
    index.search('对虾养殖尾水', 10);
    expect(index.search('钢渣建材微粉', 10)).toEqual(first);
  });

  it('keeps the lowest ids of equal scores at the limit, whatever order the items were added in', () => {
    const builder = new TextIndexBuilder();
    for (const id of ['d', 'c', 'a', 'e', 'b']) builder.add({ id, head: '红树林保护', body: '' });
    builder.add({ id: 'z', head: '红树林保护修复', body: '红树林' });
    expect(
      builder
        .build()
        .search('红树林保护', 3)
        .map((h) => h.id),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('building an index larger than its first buffers', () => {
  it('scores as the plain definition does past 1,024 documents, 256 bigrams a document and 65,536 bigrams', () => {
    let x = 11;
    const random = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 4294967296;
    };
    // Characters drawn from 2,000 CJK ideographs: about 300 distinct bigrams a document.
    const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 2000))).join('');
    const docs = Array.from({ length: 1200 }, (_, i) => ({ id: `d${String(i).padStart(5, '0')}`, head: text(8), body: text(300) }));
    const builder = new TextIndexBuilder();
    for (const d of docs) builder.add(d);
    const stats = builder.statistics();
    expect(stats.frequencies.size).toBeGreaterThan(65_536);
    const index = builder.build();
    const grams = docs.map((d) => ({ id: d.id, grams: documentGrams(d) }));
    expect(Math.max(...grams.map((g) => g.grams.size))).toBeGreaterThan(256);
    for (const d of [docs[3], docs[700], docs[1199]]) {
      const query = `${d!.head}${d!.body.slice(0, 40)}`;
      const expected = rankTexts(
        chooseTerms(queryGrams(query), (g) => stats.frequencies.get(g) ?? 0),
        stats,
        grams,
      ).slice(0, 20);
      const hits = index.search(query, 20);
      expect(hits.map((h) => h.id)).toEqual(expected.map((h) => h.id));
      for (const [i, h] of hits.entries()) expect(h.score).toBeCloseTo(expected[i]!.score, 9);
      expect(hits[0]?.id).toBe(d!.id);
    }
  });
});

describe('the bounded heap of the best documents', () => {
  it('keeps the k best of any sequence, best first, equal scores by rank, in any order offered', () => {
    const random = prng(42);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 60);
      const k = Math.floor(random() * 12);
      // Few distinct scores, so that ties are common, also at the k-th place.
      const scores = Array.from({ length: n }, () => Math.floor(random() * 6) / 2);
      const rank = Int32Array.from(Array.from({ length: n }, (_, d) => d).sort(() => random() - 0.5));
      const order = Array.from({ length: n }, (_, d) => d).sort(() => random() - 0.5);
      const top = new TopK(k, rank);
      let floor = -Infinity;
      for (const d of order) {
        const next = top.offer(d, scores[d] as number);
        expect(next).toBeGreaterThanOrEqual(floor);
        floor = next;
      }
      const expected = Array.from({ length: n }, (_, d) => d)
        .sort((a, b) => (scores[b] as number) - (scores[a] as number) || (rank[a] as number) - (rank[b] as number))
        .slice(0, k)
        .map((doc) => ({ doc, score: scores[doc] }));
      expect(top.best()).toEqual(expected);
      if (k > 0 && n >= k) expect(floor).toBe(expected[k - 1]?.score);
    }
  });

  it('says what a document must beat once full, and takes nothing when asked for none', () => {
    const rank = Int32Array.from([0, 1, 2]);
    const top = new TopK(2, rank);
    expect(top.offer(2, 1)).toBe(-Infinity);
    expect(top.offer(1, 3)).toBe(1);
    expect(top.offer(0, 1)).toBe(1);
    expect(top.best()).toEqual([
      { doc: 1, score: 3 },
      { doc: 0, score: 1 },
    ]);
    expect(new TopK(0, rank).offer(0, 5)).toBe(Infinity);
  });
});
