import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, ItemKind, SearchHit, SearchResult, SearchSort } from '@ztt/contracts';
import { KINDS } from '@ztt/catalogue';
import { AppException, MEILI_CLIENT } from '@ztt/platform';
import { Meilisearch, MultiSearchParams } from 'meilisearch';
import { DataSource } from 'typeorm';
import { highlight, highlightTerms, queryChunks, synonymVariants } from './chinese';
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
const MAX_SUBQUERIES = 30;
const PER_QUERY_LIMIT = 200;
const SEARCH_TIMEOUT_MS = 4_000;

const FACETS: Record<ItemKind, { name: string; column: string; array: boolean }[]> = {
  need: [
    { name: 'industries', column: 't.industries', array: true },
    { name: 'chains', column: 't.chains', array: true },
    { name: 'region', column: 't.region', array: false },
    { name: 'cooperationModes', column: 't.cooperation_modes', array: true },
    { name: 'trl', column: 't.trl', array: false },
    { name: 'category', column: 't.category', array: false },
  ],
  achievement: [
    { name: 'industries', column: 't.industries', array: true },
    { name: 'chains', column: 't.chains', array: true },
    { name: 'region', column: 't.region', array: false },
    { name: 'cooperationModes', column: 't.cooperation_modes', array: true },
    { name: 'trl', column: 't.trl', array: false },
    { name: 'ipTypes', column: `(SELECT coalesce(array_agg(DISTINCT e->>'type'), '{}') FROM jsonb_array_elements(t.ip_items) e)`, array: true },
  ],
};

/**
 * Search over published items. Meilisearch finds candidates (Chinese-aware, federated over
 * query chunks and synonyms); PostgreSQL, the truth, re-checks each one — published, matching
 * the filters — and does the counting, facets, sorting and paging. Only published items are
 * ever indexed and the API always adds `status = published` itself.
 */
@Injectable()
export class SearchService {
  private readonly logger = new Logger('Search');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MEILI_CLIENT) private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexService,
  ) {}

  async search(kind: ItemKind, p: SearchParams): Promise<SearchResult> {
    const q = p.q?.trim() ?? '';
    const candidates = q ? await this.candidates(kind, q, p) : null;
    const { where, params } = this.where(kind, p, candidates);
    const table = KINDS[kind].table;

    const total = ((await this.db.query(`SELECT count(*)::int AS n FROM ${table} t WHERE ${where}`, params)) as { n: number }[])[0]?.n ?? 0;
    const order = this.order(kind, p.sort, candidates, params.length + 1);
    const orderParams = candidates && (p.sort === 'relevance' || !p.sort) ? [candidates] : [];
    const pageRows = (await this.db.query(
      `SELECT t.*, ${kind === 'need' ? 't.deadline::text AS deadline, ' : ''}o.name AS owner_org_name
         FROM ${table} t JOIN organisation o ON o.id = t.owner_org_id
        WHERE ${where}
        ORDER BY ${order} LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
      [...params, ...orderParams],
    )) as Row[];
    const facets = await this.facets(kind, where, params);
    const terms = q ? highlightTerms(q) : [];
    return { items: pageRows.map((r) => hit(kind, r, terms)), total, page: p.page, pageSize: p.pageSize, facets };
  }

  /**
   * Ids of matching published items, best first. Each chunk of the query (and of each synonym
   * variant) is one sub-query of a single multi-search; a document's score is the sum of its
   * ranking scores over the sub-queries, so the more of the query it covers, the higher it
   * ranks — the way BM25 adds up terms, where Meilisearch's own federation keeps only the best.
   */
  private async candidates(kind: ItemKind, q: string, p: SearchParams): Promise<string[]> {
    return (await this.scoredCandidates(kind, q, this.meiliFilter(p))).map((c) => c.id);
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
    // Each sub-query need bring no more than the caller keeps in all: fewer hits, less work for Meilisearch.
    return (await this.scoredCandidatesMany(kind, qs, ['status = "published"'], Math.min(PER_QUERY_LIMIT, limit))).map((r) => r.slice(0, limit));
  }

  private async scoredCandidates(kind: ItemKind, q: string, filter: string[]): Promise<{ id: string; score: number }[]> {
    return (await this.scoredCandidatesMany(kind, [q], filter))[0] ?? [];
  }

  private async scoredCandidatesMany(kind: ItemKind, qs: string[], filter: string[], perQueryLimit = PER_QUERY_LIMIT): Promise<{ id: string; score: number }[][]> {
    const indexUid = this.indexes.indexName(kind);
    const perQuery = qs.map(subQueries);
    const all = perQuery.flatMap((queries, qi) => queries.map((sq) => ({ ...sq, qi })));
    if (!all.length) return qs.map(() => []);
    // The same sub-query text is asked once; each of its occurrences still adds its score.
    const texts = [...new Set(all.map((sq) => sq.q))];
    const textIndex = new Map(texts.map((t, i) => [t, i]));
    let results: { hits: { id: string; _rankingScore?: number }[] }[];
    try {
      const res = await this.meili.multiSearch<MultiSearchParams, { id: string }>(
        {
          queries: texts.map((q) => ({
            indexUid,
            q,
            filter,
            matchingStrategy: 'frequency',
            limit: perQueryLimit,
            showRankingScore: true,
            attributesToRetrieve: ['id'],
          })),
        },
        // The time allowed grows with the queries batched together (each would have had its own).
        { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS * perQuery.filter((q) => q.length).length) },
      );
      results = res.results;
    } catch (e) {
      const message = (e as Error).message;
      // A missing index means nothing was ever published; one created a moment ago may not have its
      // settings yet (another process is applying them). Either way there is nothing to find yet.
      if (/index_not_found|not found/i.test(message)) return qs.map(() => []);
      if (/not filterable|does not have configured filterable attributes/i.test(message)) {
        this.logger.warn({ msg: 'index not configured yet', index: indexUid, error: message });
        return qs.map(() => []);
      }
      this.logger.warn({ msg: 'search unavailable', error: message });
      throw new AppException(ErrorCode.SearchUnavailable, HttpStatus.SERVICE_UNAVAILABLE);
    }
    const scores = qs.map(() => new Map<string, number>());
    for (const { q, weight, qi } of all) {
      const score = scores[qi] as Map<string, number>;
      for (const h of (results[textIndex.get(q) as number] as { hits: { id: string; _rankingScore?: number }[] }).hits) {
        score.set(h.id, (score.get(h.id) ?? 0) + (h._rankingScore ?? 0) * weight);
      }
    }
    return scores.map((score) =>
      [...score.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_CANDIDATES)
        .map(([id, s]) => ({ id, score: s })),
    );
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

  private where(kind: ItemKind, p: SearchParams, candidates: string[] | null): { where: string; params: unknown[] } {
    const parts = [`t.status = 'published'`];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      parts.push(sql.replace('?', `$${params.length}`));
    };
    if (candidates) add('t.id = ANY(?::uuid[])', candidates);
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

  private order(kind: ItemKind, sort: SearchSort, candidates: string[] | null, idsParam: number): string {
    switch (sort) {
      case 'newest':
        return 't.published_at DESC, t.id';
      case 'deadline':
        return kind === 'need' ? 't.deadline ASC NULLS LAST, t.published_at DESC, t.id' : 't.published_at DESC, t.id';
      case 'budget':
        return kind === 'need' ? 't.budget_max DESC NULLS LAST, t.published_at DESC, t.id' : 't.asking_price DESC NULLS LAST, t.published_at DESC, t.id';
      default:
        return candidates ? `array_position($${idsParam}::uuid[], t.id), t.id` : 't.published_at DESC, t.id';
    }
  }

  private async facets(kind: ItemKind, where: string, params: unknown[]): Promise<Record<string, Record<string, number>>> {
    const table = KINDS[kind].table;
    const out: Record<string, Record<string, number>> = {};
    const sql = FACETS[kind]
      .map((f, i) =>
        f.array
          ? `SELECT ${i} AS f, v::text AS v, count(*)::int AS n FROM ${table} t, unnest(${f.column}) v WHERE ${where} GROUP BY v`
          : `SELECT ${i} AS f, ${f.column}::text AS v, count(*)::int AS n FROM ${table} t WHERE ${where} GROUP BY ${f.column}`,
      )
      .join(' UNION ALL ');
    const rows = (await this.db.query(sql, params)) as { f: number; v: string; n: number }[];
    for (const f of FACETS[kind]) out[f.name] = {};
    for (const r of rows) (out[(FACETS[kind][r.f] as { name: string }).name] as Record<string, number>)[r.v] = r.n;
    return out;
  }
}

interface Row {
  id: string;
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
    return { ...base, category: r.category, budgetMin: r.budget_min ?? null, budgetMax: r.budget_max ?? null, budgetNegotiable: !!r.budget_negotiable, deadline: r.deadline ?? null };
  }
  return {
    ...base,
    maturityStage: r.maturity_stage,
    ipTypes: [...new Set((r.ip_items ?? []).map((i) => i.type))],
    askingPrice: r.asking_price ?? null,
    priceNegotiable: !!r.price_negotiable,
  };
}

/**
 * The sub-queries of a text query: each chunk of the query and of each synonym variant (weighted
 * lower), at most MAX_SUBQUERIES.
 */
function subQueries(q: string): { q: string; weight: number }[] {
  const queries: { q: string; weight: number }[] = [];
  for (const [vi, variant] of synonymVariants(q).entries()) {
    for (const chunk of queryChunks(variant)) if (queries.length < MAX_SUBQUERIES) queries.push({ q: chunk, weight: vi === 0 ? 1 : 0.8 });
  }
  return queries;
}
