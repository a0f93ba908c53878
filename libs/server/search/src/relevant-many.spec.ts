import { CatalogueReader } from '@ztt/catalogue';
import { OrganisationDirectory } from '@ztt/identity';
import { Meilisearch } from 'meilisearch';
import { documentTerms } from './chinese';
import { SearchAnswers } from './search-answers';
import { SearchIndexService } from './search-index.service';
import { SearchService } from './search.service';

/** A stand-in for Meilisearch: each sub-query finds the documents holding its tokens, scored by the share held. */
function fakeMeili(docs: Record<string, string>) {
  const calls: string[][] = [];
  const client = {
    multiSearch: async ({ queries }: { queries: { q: string }[] }) => {
      calls.push(queries.map((q) => q.q));
      return {
        results: queries.map(({ q }) => {
          const words = q.split(' ');
          const hits = Object.entries(docs)
            .map(([id, text]) => ({ id, _rankingScore: words.filter((w) => documentTerms(text).includes(w)).length / words.length }))
            .filter((h) => h._rankingScore > 0)
            .sort((a, b) => b._rankingScore - a._rankingScore);
          return { hits };
        }),
      };
    },
  };
  return { client: client as unknown as Meilisearch, calls };
}

const indexes = { indexName: (kind: string) => `test_${kind}s` } as unknown as SearchIndexService;
const docs = {
  a1: '南美白对虾工厂化养殖尾水处理与回用',
  a2: '钢渣微粉高值化利用与建材制备',
  a3: '对虾育种与良种培育',
  a4: '海水养殖尾水生态净化',
};
const queries = ['南美白对虾养殖尾水处理', '钢渣微粉利用', '对虾选育', '无关的内容'];

describe('retrieval for several items at once', () => {
  it('ranks each query exactly as asking it alone would, in one multi-search', async () => {
    const alone = fakeMeili(docs);
    const one = new SearchService(alone.client, indexes, {} as SearchAnswers, {} as CatalogueReader, {} as OrganisationDirectory);
    const expected = [];
    for (const q of queries) expected.push(await one.relevant('achievement', q, 10));
    expect(alone.calls).toHaveLength(queries.length);

    const together = fakeMeili(docs);
    const many = new SearchService(together.client, indexes, {} as SearchAnswers, {} as CatalogueReader, {} as OrganisationDirectory);
    expect(await many.relevantMany('achievement', queries, 10)).toEqual(expected);
    expect(together.calls).toHaveLength(1);
    expect(expected[0]?.[0]?.id).toBe('a1');
    expect(expected[1]?.[0]?.id).toBe('a2');
    expect(expected[3]).toEqual([]);
  });

  it('asks a sub-query shared by several queries once, and counts it for each of them', async () => {
    const { client, calls } = fakeMeili(docs);
    const service = new SearchService(client, indexes, {} as SearchAnswers, {} as CatalogueReader, {} as OrganisationDirectory);
    const [first, second] = await service.relevantMany('achievement', ['钢渣微粉利用', '钢渣微粉利用'], 10);
    expect(first).toEqual(second);
    const asked = calls[0] ?? [];
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('answers an empty list for a query with nothing to search for', async () => {
    const { client } = fakeMeili(docs);
    const service = new SearchService(client, indexes, {} as SearchAnswers, {} as CatalogueReader, {} as OrganisationDirectory);
    expect(await service.relevantMany('achievement', ['，。', '钢渣'], 10)).toEqual([[], [{ id: 'a2', score: 1 }]]);
  });
});
