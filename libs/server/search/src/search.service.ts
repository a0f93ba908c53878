import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, ItemKind, SearchHit, SearchResult, SearchSort } from '@ztt/contracts';
import { CatalogueReader, ItemFilters } from '@ztt/catalogue';
import { OrganisationDirectory } from '@ztt/identity';
import { AppException, MEILI_CLIENT } from '@ztt/platform';
import { FederatedMultiSearchParams, Meilisearch, MultiSearchFederation, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import { highlight, highlightTerms, queryChunks } from './chinese';
import { KeptAnswer, SearchAnswer, SearchAnswers } from './search-answers';
import { SearchIndexService } from './search-index.service';

export interface SearchParams extends ItemFilters {
  q?: string;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

/** How many candidates a text query may bring back from Meilisearch. */
export const MAX_CANDIDATES = 1000;
/** Tokens per sub-query: Meilisearch reads the first ten words of a query, and jieba may cut a bigram in two. */
const CHUNK = 5;
const PER_QUERY_LIMIT = 200;
const SEARCH_TIMEOUT_MS = 4_000;
/** Rounds of refilling a page whose hits PostgreSQL no longer confirms (stale for a moment). */
const REFILL_ROUNDS = 3;

/** A published item as the catalogue lists it (CatalogueReader.browse, .confirm): a hit's fields, its owner by id. */
type Row = Awaited<ReturnType<CatalogueReader['confirm']>>[number];
type Facet = Parameters<CatalogueReader['facetCounts']>[2][number];

const FACETS: Record<ItemKind, Facet[]> = {
  need: ['industries', 'chains', 'region', 'cooperationModes', 'trl', 'category'],
  achievement: ['industries', 'chains', 'region', 'cooperationModes', 'trl', 'ipTypes'],
};

const SORTS: Record<ItemKind, Record<SearchSort, string[]>> = {
  need: { relevance: [], newest: ['publishedAt:desc'], deadline: ['deadline:asc', 'publishedAt:desc'], budget: ['budgetMax:desc', 'publishedAt:desc'] },
  achievement: { relevance: [], newest: ['publishedAt:desc'], deadline: ['publishedAt:desc'], budget: ['askingPrice:desc', 'publishedAt:desc'] },
};

/** A hit as Meilisearch returns it: the id and, when asked for, its ranking score. */
interface IndexHit {
  id: string;
  _rankingScore?: number;
}
interface IndexResult {
  hits: IndexHit[];
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

interface FederatedResult {
  hits: IndexHit[];
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/** One page of a text search as the index answers it, and how to read further hits for a refill. */
interface IndexPage {
  ids: string[];
  total: number;
  facets: Record<string, Record<string, number>>;
  after: (offset: number, limit: number) => Promise<string[]>;
}

/**
 * Search over published items. A text search is answered by Meilisearch: a query of a few words
 * is one search (Chinese bigrams and synonym groups are tokens, chinese.ts), which filters,
 * counts facets, sorts and pages; a long text is a few sub-queries (merged by Meilisearch when
 * sorted by a field, here by summed ranking scores by relevance). PostgreSQL, the truth, then re-checks only the page of hits returned —
 * published, matching the filters — and a hit it no longer confirms is dropped and the page
 * refilled. Browsing without text is answered by PostgreSQL alone (it needs no Meilisearch).
 * Only published items are ever indexed and the API always adds `status = published` itself.
 */
@Injectable()
export class SearchService {
  private readonly logger = new Logger('Search');

  constructor(
    @Inject(MEILI_CLIENT) private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexService,
    private readonly answers: SearchAnswers,
    private readonly catalogue: CatalogueReader,
    private readonly organisations: OrganisationDirectory,
  ) {}

  /**
   * A page of published items. A search asked a moment ago is answered from memory once PostgreSQL
   * has confirmed its page (SearchAnswers); otherwise it runs (once for all who ask it meanwhile),
   * and its answer is kept.
   */
  search(kind: ItemKind, p: SearchParams): Promise<SearchAnswer> {
    const q = p.q?.trim() ?? '';
    return this.answers.answer(kind, p, () => (q ? this.textSearch(kind, q, p) : this.browse(kind, p)));
  }

  /** A text search, and the versions of the items it shows. */
  private async textSearch(kind: ItemKind, q: string, p: SearchParams): Promise<KeptAnswer> {
    const chunks = queryChunks(q, CHUNK);
    const offset = (p.page - 1) * p.pageSize;
    const found = chunks.length === 1 ? await this.onePage(kind, chunks[0] as string, p) : await this.mergedPage(kind, chunks, p);
    if (!found) return keptAnswer({ items: [], total: 0, page: p.page, pageSize: p.pageSize, facets: emptyFacets(kind) }, []);
    // PostgreSQL confirms the page; what it drops (unpublished a moment ago) is replaced by the next hits.
    const rows: Row[] = [];
    let ids = found.ids;
    let dropped = 0;
    let next = offset + ids.length;
    for (let round = 0; ids.length && rows.length < p.pageSize; round++) {
      const confirmed = await this.catalogue.confirm(kind, p, ids);
      rows.push(...confirmed.slice(0, p.pageSize - rows.length));
      dropped += ids.length - confirmed.length;
      if (confirmed.length === ids.length || round + 1 >= REFILL_ROUNDS) break;
      ids = await found.after(next, p.pageSize - rows.length);
      next += ids.length;
    }
    const terms = highlightTerms(q);
    const owners = await this.ownerNames(rows);
    return keptAnswer(
      {
        items: rows.map((r) => hit(kind, r, owners, terms)),
        total: Math.max(rows.length + offset, found.total - dropped),
        page: p.page,
        pageSize: p.pageSize,
        facets: found.facets,
      },
      rows,
    );
  }

  /** A query that fits one sub-query: Meilisearch filters, counts the facets, sorts and pages. */
  private async onePage(kind: ItemKind, q: string, p: SearchParams): Promise<IndexPage | null> {
    const sort = SORTS[kind][p.sort] ?? [];
    const base = { q, filter: this.meiliFilter(p), ...(sort.length ? { sort } : {}), matchingStrategy: 'frequency' as const, attributesToRetrieve: ['id'] };
    const [res] = await this.perChunk(kind, [{ ...base, page: p.page, hitsPerPage: p.pageSize, facets: FACETS[kind] }]);
    if (!res) return null;
    return {
      ids: res.hits.map((h) => h.id),
      total: res.totalHits ?? 0,
      facets: { ...emptyFacets(kind), ...res.facetDistribution },
      after: async (offset, limit) => ((await this.perChunk(kind, [{ ...base, offset, limit }]))[0]?.hits ?? []).map((h) => h.id),
    };
  }

  /**
   * A long text sorted by a field: its sub-queries are one federated multi-search, and Meilisearch
   * merges them (each document once), counts the facets over the union, sorts and pages.
   */
  private async federatedPage(kind: ItemKind, chunks: string[], p: SearchParams): Promise<IndexPage | null> {
    const sort = SORTS[kind][p.sort] ?? [];
    const queries = chunks.map((q) => ({ q, filter: this.meiliFilter(p), ...(sort.length ? { sort } : {}), matchingStrategy: 'frequency' as const, attributesToRetrieve: ['id'] }));
    const res = await this.federated(kind, queries, {
      offset: (p.page - 1) * p.pageSize,
      limit: p.pageSize,
      facetsByIndex: { [this.indexes.indexName(kind)]: FACETS[kind] },
      mergeFacets: {},
    });
    if (!res) return null;
    return {
      ids: res.hits.map((h) => h.id),
      total: res.estimatedTotalHits ?? 0,
      facets: { ...emptyFacets(kind), ...res.facetDistribution },
      after: async (offset, limit) => ((await this.federated(kind, queries, { offset, limit }))?.hits ?? []).map((h) => h.id),
    };
  }

  /**
   * A long text by relevance: the sub-queries give their best hits with their ranking scores in
   * one multi-search and a hit's score is the sum of its scores over them, so the more of the text
   * a document covers, the higher it ranks, the way BM25 adds up terms (Meilisearch's federation
   * keeps only the best sub-query's score, which ranks worse). One federated multi-search beside
   * it counts the union and its facets.
   */
  private async mergedPage(kind: ItemKind, chunks: string[], p: SearchParams): Promise<IndexPage | null> {
    if (p.sort !== 'relevance') return this.federatedPage(kind, chunks, p);
    const filter = this.meiliFilter(p);
    const offset = (p.page - 1) * p.pageSize;
    const [results, union] = await Promise.all([
      this.perChunk(
        kind,
        chunks.map((q) => ({ q, filter, matchingStrategy: 'frequency' as const, limit: PER_QUERY_LIMIT, showRankingScore: true, attributesToRetrieve: ['id'] })),
      ),
      this.federated(
        kind,
        chunks.map((q) => ({ q, filter, matchingStrategy: 'frequency' as const })),
        { limit: 0, facetsByIndex: { [this.indexes.indexName(kind)]: FACETS[kind] }, mergeFacets: {} },
      ),
    ]);
    if (!results.length || !union) return null;
    const total = union.estimatedTotalHits ?? 0;
    const ids = sumScores(results.map((r) => r.hits)).map((c) => c.id);
    // A page past the merged list (deep in a long text's results) is in Meilisearch's own merged order.
    if (ids.length < Math.min(total, offset + p.pageSize)) return this.federatedPage(kind, chunks, p);
    return {
      ids: ids.slice(offset, offset + p.pageSize),
      total,
      facets: { ...emptyFacets(kind), ...union.facetDistribution },
      after: (from, limit) => Promise.resolve(ids.slice(from, from + limit)),
    };
  }

  /**
   * Browsing without text: the catalogue counts, sorts and pages, and counts the facets (and answers
   * while Meilisearch is down); the owners' names are read while the facets are counted.
   */
  private async browse(kind: ItemKind, p: SearchParams): Promise<KeptAnswer> {
    const { total, rows } = await this.catalogue.browse(kind, p, p.sort, p);
    const [owners, facets] = await Promise.all([this.ownerNames(rows), this.catalogue.facetCounts(kind, p, FACETS[kind])]);
    return keptAnswer({ items: rows.map((r) => hit(kind, r, owners, [])), total, page: p.page, pageSize: p.pageSize, facets }, rows);
  }

  /** The names of the organisations that own `rows`, by id (identity's directory, one read). */
  private ownerNames(rows: Row[]): Promise<Map<string, string>> {
    return rows.length ? this.organisations.names(rows.map((r) => r.owner_org_id)) : Promise.resolve(new Map());
  }

  /**
   * Published items of `kind` relevant to `q`, best first, with their summed relevance. Matching
   * retrieves its candidates through here, over the same Chinese-aware fields as search.
   */
  async relevant(kind: ItemKind, q: string, limit = MAX_CANDIDATES): Promise<{ id: string; score: number }[]> {
    return (await this.relevantMany(kind, [q], limit))[0] ?? [];
  }

  /**
   * `relevant` for several queries at once: the sub-queries of all of them go to Meilisearch in one
   * multi-search (one round trip instead of one per query), and each query gets its own ranking,
   * exactly as `relevant` would give it. The answer is in the order of `qs`.
   */
  async relevantMany(kind: ItemKind, qs: string[], limit = MAX_CANDIDATES): Promise<{ id: string; score: number }[][]> {
    const perQuery = qs.map((q) => queryChunks(q, CHUNK));
    // The same sub-query text is asked once; each of its occurrences still adds its score.
    const texts = [...new Set(perQuery.flat())];
    if (!texts.length) return qs.map(() => []);
    const results = await this.perChunk(
      kind,
      // Each sub-query need bring no more than the caller keeps in all: fewer hits, less work for Meilisearch.
      texts.map((q) => ({
        q,
        filter: ['status = "published"'],
        matchingStrategy: 'frequency' as const,
        limit: Math.min(PER_QUERY_LIMIT, limit),
        showRankingScore: true,
        attributesToRetrieve: ['id'],
      })),
      perQuery.filter((c) => c.length).length,
    );
    if (!results.length) return qs.map(() => []);
    const byText = new Map(texts.map((t, i) => [t, (results[i] as IndexResult).hits]));
    return perQuery.map((chunks) => sumScores(chunks.map((c) => byText.get(c) ?? [])).slice(0, limit));
  }

  /** One multi-search (not federated) of `queries` on the index of `kind`: one result per query. */
  private async perChunk(kind: ItemKind, queries: Omit<MultiSearchQuery, 'indexUid'>[], batched = 1): Promise<IndexResult[]> {
    const indexUid = this.indexes.indexName(kind);
    const res = await this.ask(indexUid, batched, (signal) =>
      this.meili.multiSearch<MultiSearchParams, IndexHit>({ queries: queries.map((q) => ({ ...q, indexUid })) }, { signal }),
    );
    return (res?.results ?? []) as IndexResult[];
  }

  /** One federated multi-search of `queries` on the index of `kind`: their hits merged, each document once. */
  private async federated(kind: ItemKind, queries: Omit<MultiSearchQuery, 'indexUid'>[], federation: MultiSearchFederation): Promise<FederatedResult | null> {
    const indexUid = this.indexes.indexName(kind);
    const res = await this.ask(indexUid, 1, (signal) =>
      this.meili.multiSearch<FederatedMultiSearchParams, IndexHit>({ federation, queries: queries.map((q) => ({ ...q, indexUid })) }, { signal }),
    );
    return res as FederatedResult | null;
  }

  /**
   * A request to Meilisearch within the timeout (which grows with the number of queries batched
   * together: each would have had its own). Null when there is nothing to search yet; 503 when
   * Meilisearch is unavailable.
   */
  private async ask<T>(indexUid: string, batched: number, request: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    try {
      return await request(AbortSignal.timeout(SEARCH_TIMEOUT_MS * Math.max(1, batched)));
    } catch (e) {
      const message = (e as Error).message;
      // A missing index means nothing was ever published; one created a moment ago may not have its
      // settings yet (another process is applying them). Either way there is nothing to find yet.
      if (/index_not_found|not found/i.test(message)) return null;
      if (/not filterable|not sortable|does not have configured (filterable|sortable) attributes/i.test(message)) {
        this.logger.warn({ msg: 'index not configured yet', index: indexUid, error: message });
        return null;
      }
      this.logger.warn({ msg: 'search unavailable', error: message });
      throw new AppException(ErrorCode.SearchUnavailable, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  /** The access filter is added here, never taken from the caller; facet values are taxonomy codes. */
  private meiliFilter(p: SearchParams): string[] {
    const f = ['status = "published"'];
    const eq = (field: string, v?: string) => v && f.push(`${field} = ${JSON.stringify(v)}`);
    eq('industries', p.industry);
    eq('chains', p.chain);
    eq('region', p.region);
    eq('ownerOrgId', p.org);
    eq('cooperationModes', p.mode);
    eq('category', p.category);
    eq('ipTypes', p.ipType);
    if (p.trlMin) f.push(`trl >= ${p.trlMin}`);
    if (p.trlMax) f.push(`trl <= ${p.trlMax}`);
    return f;
  }
}

/** A result with the versions of the items it shows, as SearchAnswers keeps it. */
function keptAnswer(result: SearchResult, rows: Row[]): KeptAnswer {
  return { result, versions: new Map(rows.map((r) => [r.id, r.version])) };
}

function emptyFacets(kind: ItemKind): Record<string, Record<string, number>> {
  return Object.fromEntries(FACETS[kind].map((f) => [f, {}]));
}

/**
 * The hits of several sub-queries of one query merged, best first: a document's score is the sum
 * of its scores over the sub-queries (ties by id), at most MAX_CANDIDATES.
 */
function sumScores(perSubQuery: IndexHit[][]): { id: string; score: number }[] {
  const score = new Map<string, number>();
  for (const hits of perSubQuery) {
    for (const h of hits) {
      score.set(h.id, (score.get(h.id) ?? 0) + (h._rankingScore ?? 0));
    }
  }
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(([id, s]) => ({ id, score: s }));
}

function hit(kind: ItemKind, r: Row, owners: Map<string, string>, terms: string[]): SearchHit {
  const base: SearchHit = {
    id: r.id,
    kind,
    title: r.title,
    summary: r.summary,
    highlight: { title: highlight(r.title, terms), summary: highlight(r.summary, terms, 160) },
    ownerOrgName: owners.get(r.owner_org_id) ?? '',
    chains: r.chains,
    industries: r.industries,
    keywords: r.keywords,
    region: r.region,
    trl: r.trl,
    cooperationModes: r.cooperation_modes,
    publishedAt: r.published_at?.toISOString() ?? null,
  };
  if (kind === 'need') {
    return {
      ...base,
      category: r.category,
      budgetMin: r.budget_min ?? null,
      budgetMax: r.budget_max ?? null,
      budgetNegotiable: !!r.budget_negotiable,
      deadline: r.deadline ?? null,
    };
  }
  return {
    ...base,
    maturityStage: r.maturity_stage,
    ipTypes: [...new Set((r.ip_items ?? []).map((i) => i.type))],
    askingPrice: r.asking_price ?? null,
    priceNegotiable: !!r.price_negotiable,
  };
}
