import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, ItemKind, SearchHit, SearchResult, SearchSort } from '@ztt/contracts';
import { KINDS } from '@ztt/catalogue';
import { AppException, MEILI_CLIENT } from '@ztt/platform';
import { FederatedMultiSearchParams, Meilisearch } from 'meilisearch';
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
const SEARCH_TIMEOUT_MS = 2_500;

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

  /** Ids of matching published items, best first, from one federated multi-search. */
  private async candidates(kind: ItemKind, q: string, p: SearchParams): Promise<string[]> {
    const indexUid = this.indexes.indexName(kind);
    const filter = this.meiliFilter(p);
    const queries: FederatedMultiSearchParams['queries'] = [];
    for (const [vi, variant] of synonymVariants(q).entries()) {
      for (const chunk of queryChunks(variant)) {
        if (queries.length >= MAX_SUBQUERIES) break;
        queries.push({ indexUid, q: chunk, filter, matchingStrategy: 'frequency', federationOptions: { weight: vi === 0 ? 1 : 0.9 } });
      }
    }
    if (!queries.length) return [];
    try {
      const res = await this.meili.multiSearch<FederatedMultiSearchParams, { id: string }>(
        { federation: { limit: MAX_CANDIDATES, offset: 0 }, queries },
        { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) },
      );
      return res.hits.map((h) => h.id);
    } catch (e) {
      const message = (e as Error).message;
      // A missing index just means nothing was ever published.
      if (/index_not_found|not found/i.test(message)) return [];
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
