import { TextIndex, TextIndexBuilder } from './text-index';

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
    expect(builder.build().search('红树林', 3).map((h) => h.id)).toEqual(['a', 'b', 'c']);
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
});
