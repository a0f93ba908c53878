import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, ItemKind, SearchHit, SearchResult, SearchSort } from '@ztt/contracts';
import { KINDS } from '@ztt/catalogue';
import { AppException, MEILI_CLIENT } from '@ztt/platform';
import { FederatedMultiSearchParams, Meilisearch, MultiSearchFederation, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import { DataSource } from 'typeorm';
import { highlight, highlightTerms, queryChunks } from './chinese';
import { KeptAnswer, SearchAnswer, SearchAnswers } from './search-answers';
import { SearchIndexService } from './search-index.service';

export interface SearchParams {
  q?: string;
  industry?: string;
  chain?: string;
  region?: string;
  mode?: string;
  trlMin?: number;
  trlMax?: number;
  category?: string;
  ipType?: string;
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

const FACETS: Record<ItemKind, string[]> = {
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MEILI_CLIENT) private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexService,
    private readonly answers: SearchAnswers,
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
      const confirmed = await this.confirmed(kind, p, ids);
      rows.push(...confirmed.slice(0, p.pageSize - rows.length));
      dropped += ids.length - confirmed.length;
      if (confirmed.length === ids.length || round + 1 >= REFILL_ROUNDS) break;
      ids = await found.after(next, p.pageSize - rows.length);
      next += ids.length;
    }
    const terms = highlightTerms(q);
    return keptAnswer(
      { items: rows.map((r) => hit(kind, r, terms)), total: Math.max(rows.length + offset, found.total - dropped), page: p.page, pageSize: p.pageSize, facets: found.facets },
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

  /** The published items among `ids` that still match the filters, in the order of `ids`. */
  private async confirmed(kind: ItemKind, p: SearchParams, ids: string[]): Promise<Row[]> {
    const { where, params } = this.where(kind, p, ids);
    const rows = (await this.db.query(
      `SELECT ${HIT_COLUMNS[kind]}, o.name AS owner_org_name
         FROM ${KINDS[kind].table} t JOIN organisation o ON o.id = t.owner_org_id WHERE ${where}`,
      params,
    )) as Row[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Browsing without text: PostgreSQL counts, facets, sorts and pages (and answers while Meilisearch is down). */
  private async browse(kind: ItemKind, p: SearchParams): Promise<KeptAnswer> {
    const { where, params } = this.where(kind, p, null);
    const table = KINDS[kind].table;
    const total = ((await this.db.query(`SELECT count(*)::int AS n FROM ${table} t WHERE ${where}`, params)) as { n: number }[])[0]?.n ?? 0;
    const pageRows = (await this.db.query(
      `SELECT ${HIT_COLUMNS[kind]}, o.name AS owner_org_name
         FROM ${table} t JOIN organisation o ON o.id = t.owner_org_id
        WHERE ${where}
        ORDER BY ${this.order(kind, p.sort)} LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
      params,
    )) as Row[];
    const facets = await this.facets(kind, where, params);
    return keptAnswer({ items: pageRows.map((r) => hit(kind, r, [])), total, page: p.page, pageSize: p.pageSize, facets }, pageRows);
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
    eq('cooperationModes', p.mode);
    eq('category', p.category);
    eq('ipTypes', p.ipType);
    if (p.trlMin) f.push(`trl >= ${p.trlMin}`);
    if (p.trlMax) f.push(`trl <= ${p.trlMax}`);
    return f;
  }

  private where(kind: ItemKind, p: SearchParams, ids: string[] | null): { where: string; params: unknown[] } {
    const parts = [`t.status = 'published'`];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      parts.push(sql.replace('?', `$${params.length}`));
    };
    if (ids) add('t.id = ANY(?::uuid[])', ids);
    if (p.industry) add('? = ANY(t.industries)', p.industry);
    if (p.chain) add('? = ANY(t.chains)', p.chain);
    if (p.region) add('t.region = ?', p.region);
    if (p.mode) add('? = ANY(t.cooperation_modes)', p.mode);
    if (p.trlMin) add('t.trl >= ?', p.trlMin);
    if (p.trlMax) add('t.trl <= ?', p.trlMax);
    if (kind === 'need' && p.category) add('t.category = ?', p.category);
    if (kind === 'achievement' && p.ipType) add(`t.ip_items @> ?::jsonb`, JSON.stringify([{ type: p.ipType }]));
    return { where: parts.join(' AND '), params };
  }

  private order(kind: ItemKind, sort: SearchSort): string {
    switch (sort) {
      case 'deadline':
        return kind === 'need' ? 't.deadline ASC NULLS LAST, t.published_at DESC, t.id' : 't.published_at DESC, t.id';
      case 'budget':
        return kind === 'need' ? 't.budget_max DESC NULLS LAST, t.published_at DESC, t.id' : 't.asking_price DESC NULLS LAST, t.published_at DESC, t.id';
      default:
        return 't.published_at DESC, t.id';
    }
  }

  private async facets(kind: ItemKind, where: string, params: unknown[]): Promise<Record<string, Record<string, number>>> {
    const table = KINDS[kind].table;
    const out = emptyFacets(kind);
    const sql = FACETS[kind]
      .map((name, i) => {
        const f = FACET_COLUMNS[name] as { column: string; array: boolean };
        return f.array
          ? `SELECT ${i} AS f, v::text AS v, count(*)::int AS n FROM ${table} t, unnest(${f.column}) v WHERE ${where} GROUP BY v`
          : `SELECT ${i} AS f, ${f.column}::text AS v, count(*)::int AS n FROM ${table} t WHERE ${where} GROUP BY ${f.column}`;
      })
      .join(' UNION ALL ');
    const rows = (await this.db.query(sql, params)) as { f: number; v: string; n: number }[];
    for (const r of rows) (out[FACETS[kind][r.f] as string] as Record<string, number>)[r.v] = r.n;
    return out;
  }
}

/** The columns behind each facet, for browsing (PostgreSQL). */
const FACET_COLUMNS: Record<string, { column: string; array: boolean }> = {
  industries: { column: 't.industries', array: true },
  chains: { column: 't.chains', array: true },
  region: { column: 't.region', array: false },
  cooperationModes: { column: 't.cooperation_modes', array: true },
  trl: { column: 't.trl', array: false },
  category: { column: 't.category', array: false },
  ipTypes: { column: `(SELECT coalesce(array_agg(DISTINCT e->>'type'), '{}') FROM jsonb_array_elements(t.ip_items) e)`, array: true },
};

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

/** The columns a hit is made of (`Row`), and nothing more: the long texts stay in the database. */
const SHARED_HIT_COLUMNS = ['id', 'version', 'title', 'summary', 'chains', 'industries', 'keywords', 'region', 'trl', 'cooperation_modes', 'published_at'];
const HIT_COLUMNS: Record<ItemKind, string> = {
  need: [...SHARED_HIT_COLUMNS, 'category', 'budget_min', 'budget_max', 'budget_negotiable'].map((c) => `t.${c}`).join(', ') + ', t.deadline::text AS deadline',
  achievement: [...SHARED_HIT_COLUMNS, 'maturity_stage', 'ip_items', 'asking_price', 'price_negotiable'].map((c) => `t.${c}`).join(', '),
};

interface Row {
  id: string;
  /** read to know later whether the item has changed (SearchAnswers); not shown */
  version: number;
  title: string;
  summary: string;
  owner_org_name: string;
  chains: string[];
  industries: string[];
  keywords: string[];
  region: string;
  trl: number;
  cooperation_modes: string[];
  published_at: Date | null;
  category?: string;
  budget_min?: string | null;
  budget_max?: string | null;
  budget_negotiable?: boolean;
  deadline?: string | null;
  maturity_stage?: string;
  ip_items?: { type: string }[];
  asking_price?: string | null;
  price_negotiable?: boolean;
}

function hit(kind: ItemKind, r: Row, terms: string[]): SearchHit {
  const base: SearchHit = {
    id: r.id,
    kind,
    title: r.title,
    summary: r.summary,
    highlight: { title: highlight(r.title, terms), summary: highlight(r.summary, terms, 160) },
    ownerOrgName: r.owner_org_name,
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
