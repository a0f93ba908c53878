import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind, ItemStatus, RightsGranted, SearchSort } from '@ztt/contracts';
import { DataSource, EntityManager, FindOptionsSelect, In } from 'typeorm';
import { Achievement, CatalogueItem, TechNeed } from './entities/catalogue-item.entity';
import { KINDS } from './kinds';

/** What other domains may know of an item without reading it whole. */
export interface ItemCard {
  id: string;
  kind: ItemKind;
  title: string;
  ownerOrgId: string;
  region: string;
  trl: number;
  chains: string[];
  industries: string[];
  status: ItemStatus;
  version: number;
}

/**
 * A published item as matching reads it: its text and the attributes the scoring weighs (`extra`
 * is the rest of its text: a need's acceptance criteria, an achievement's fields and results).
 */
export interface MatchingRow {
  id: string;
  version: number;
  title: string;
  summary: string;
  keywords: string[];
  chains: string[];
  trl: number;
  cooperation_modes: string[];
  region: string;
  budget_max?: string | null;
  budget_negotiable?: boolean;
  asking_price?: string | null;
  price_negotiable?: boolean;
  published_at?: Date | null;
  extra: string;
}

const MATCHING_COLUMNS: Record<ItemKind, string> = {
  need: 'id, version, title, summary, keywords, chains, trl, cooperation_modes, region, budget_max, budget_negotiable, acceptance_criteria AS extra',
  achievement:
    "id, version, title, summary, keywords, chains, trl, cooperation_modes, region, asking_price, price_negotiable, published_at, application_fields || ' ' || proven_results AS extra",
};

/** Statuses an item counts in a campaign with: submitted for review or beyond. */
const CAMPAIGN_COUNTED = [ItemStatus.Submitted, ItemStatus.Published, ItemStatus.Closed, ItemStatus.Expired];

const CARD_COLUMNS: FindOptionsSelect<CatalogueItem> = {
  id: true,
  title: true,
  ownerOrgId: true,
  region: true,
  trl: true,
  chains: true,
  industries: true,
  status: true,
  version: true,
};

/**
 * The catalogue's read port: how search, matching, challenges, deals and campaigns read needs and
 * achievements. The catalogue owns the tables and the SQL over them; callers get typed values.
 * Each call takes the caller's transaction (`m`) when it must read inside it.
 */
@Injectable()
export class CatalogueReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One item whatever its status (null when there is none). */
  find(kind: 'need', id: string, m?: EntityManager): Promise<TechNeed | null>;
  find(kind: 'achievement', id: string, m?: EntityManager): Promise<Achievement | null>;
  find(kind: ItemKind, id: string, m?: EntityManager): Promise<CatalogueItem | null>;
  find(kind: ItemKind, id: string, m: EntityManager = this.db.manager): Promise<CatalogueItem | null> {
    return m.getRepository<CatalogueItem>(KINDS[kind].entity).findOneBy({ id });
  }

  /** The published items among `ids`, whole (in no particular order). */
  published(kind: ItemKind, ids: string[], m: EntityManager = this.db.manager): Promise<CatalogueItem[]> {
    return ids.length ? m.getRepository<CatalogueItem>(KINDS[kind].entity).findBy({ id: In(ids), status: ItemStatus.Published }) : Promise.resolve([]);
  }

  async publishedIds(kind: ItemKind): Promise<string[]> {
    const rows = await this.db.getRepository<CatalogueItem>(KINDS[kind].entity).find({ select: { id: true }, where: { status: ItemStatus.Published } });
    return rows.map((r) => r.id);
  }

  /** Every published item of a kind with when it last changed, in id order: what a sitemap lists. */
  async publishedPages(kind: ItemKind): Promise<{ id: string; updatedAt: Date }[]> {
    return this.db.getRepository<CatalogueItem>(KINDS[kind].entity).find({ select: { id: true, updatedAt: true }, where: { status: ItemStatus.Published }, order: { id: 'ASC' } });
  }

  /** Versions of the published items among `ids` (an item absent here is not published any more). */
  async publishedVersions(kind: ItemKind, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    // One array parameter, however many ids (the live ranking asks for hundreds of candidates per query).
    const rows = (await this.db.query(`SELECT id, version FROM ${KINDS[kind].table} WHERE id = ANY($1::uuid[]) AND status = 'published'`, [ids])) as {
      id: string;
      version: number;
    }[];
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** How many needs and achievements are published now. */
  async publishedCount(m: EntityManager = this.db.manager): Promise<number> {
    // One after the other: a transaction's manager holds one connection, which takes one query at a time.
    return (await m.countBy(TechNeed, { status: ItemStatus.Published })) + (await m.countBy(Achievement, { status: ItemStatus.Published }));
  }

  async cards(kind: ItemKind, ids: Iterable<string | null>, m: EntityManager = this.db.manager): Promise<Map<string, ItemCard>> {
    const wanted = [...new Set([...ids].filter((i): i is string => !!i))];
    if (!wanted.length) return new Map();
    const rows = await m.getRepository<CatalogueItem>(KINDS[kind].entity).find({ select: CARD_COLUMNS, where: { id: In(wanted) } });
    return new Map(rows.map((r) => [r.id, { ...(r as Omit<ItemCard, 'kind'>), kind }]));
  }

  /** Titles by id; an unknown id is absent. */
  async titles(kind: ItemKind, ids: Iterable<string | null>, m?: EntityManager): Promise<Map<string, string>> {
    const cards = await this.cards(kind, ids, m);
    return new Map([...cards.values()].map((c) => [c.id, c.title]));
  }

  /** Whether an achievement lists a granted patent (an invention, utility-model or design patent marked 已授权): the IP-pledge programme asks for one. */
  async hasGrantedPatent(achievementId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return m
      .getRepository(Achievement)
      .createQueryBuilder('a')
      .where('a.id = :achievementId', { achievementId })
      .andWhere(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(a.ip_items) ip WHERE ip->>'type' IN ('invention-patent', 'utility-model', 'design-patent') AND ip->>'status' IN ('已授权', 'granted'))`,
      )
      .getExists();
  }

  /** Whether the organisation holds intellectual property: an achievement (not withdrawn) listing any. */
  async ownsIntellectualProperty(orgId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return m
      .getRepository(Achievement)
      .createQueryBuilder('a')
      .where('a.ownerOrgId = :orgId', { orgId })
      .andWhere('a.status <> :withdrawn', { withdrawn: ItemStatus.Withdrawn })
      .andWhere('jsonb_array_length(a.ipItems) > 0')
      .getExists();
  }

  /** Published items of a kind as matching reads them, for `ids` (in no particular order). */
  matchingRows(kind: ItemKind, ids: string[]): Promise<MatchingRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.query(`SELECT ${MATCHING_COLUMNS[kind]} FROM ${KINDS[kind].table} WHERE id = ANY($1::uuid[]) AND status = 'published'`, [ids]) as Promise<MatchingRow[]>;
  }

  /**
   * Calls `visit` with every published item of a kind as matching reads it, in keyset pages of
   * `pageSize`. The next page is asked for before the rows of this one are visited, so that the
   * database reads it while they are.
   */
  async forEachMatchingRow(kind: ItemKind, pageSize: number, visit: (row: MatchingRow) => void): Promise<void> {
    const page = (after: string | null) =>
      this.db.query(
        `SELECT ${MATCHING_COLUMNS[kind]} FROM ${KINDS[kind].table}
          WHERE status = 'published' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT ${Number(pageSize)}`,
        [after],
      ) as Promise<MatchingRow[]>;
    let next = page(null);
    for (;;) {
      const rows = await next;
      const more = rows.length === pageSize;
      if (more) next = page((rows[rows.length - 1] as MatchingRow).id);
      try {
        for (const r of rows) visit(r);
      } catch (error) {
        // The page asked for ahead is not waited for: its failure is of no interest now.
        next.catch(() => undefined);
        throw error;
      }
      if (!more) return;
    }
  }

  /** Items of a kind changed since `since` (with their version and status), for caches to drop what moved. */
  async changedSince(kind: ItemKind, since: Date): Promise<{ id: string; version: number; status: ItemStatus }[]> {
    // Plain rows, not entities: a quarterly run asks every few seconds, and just after an import every item has moved.
    return (await this.db.query(`SELECT id, version, status FROM ${KINDS[kind].table} WHERE updated_at >= $1::timestamptz`, [since])) as {
      id: string;
      version: number;
      status: ItemStatus;
    }[];
  }

  /** A stamp that changes whenever the published items of a kind do: their number, versions and the latest change. */
  async publishedStamp(kind: ItemKind): Promise<string> {
    const [row] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'published') AS n, sum(version) FILTER (WHERE status = 'published') AS versions, max(updated_at) AS latest
         FROM ${KINDS[kind].table}`,
    )) as { n: string; versions: string | null; latest: Date | null }[];
    return `${row?.n ?? 0}/${row?.versions ?? 0}/${row?.latest?.toISOString() ?? '-'}`;
  }

  /** The items submitted to a campaign (submitted for review or beyond), with what its progress counts by. */
  async campaignItems(campaignId: string): Promise<{ kind: ItemKind; region: string; industries: string[]; ownerOrgId: string; status: ItemStatus }[]> {
    const out: { kind: ItemKind; region: string; industries: string[]; ownerOrgId: string; status: ItemStatus }[] = [];
    for (const kind of ['need', 'achievement'] as const) {
      const rows = (await this.db.query(`SELECT region, industries, owner_org_id, status FROM ${KINDS[kind].table} WHERE campaign_id = $1 AND status = ANY($2)`, [
        campaignId,
        CAMPAIGN_COUNTED,
      ])) as { region: string; industries: string[]; owner_org_id: string; status: ItemStatus }[];
      for (const r of rows) out.push({ kind, region: r.region, industries: r.industries, ownerOrgId: r.owner_org_id, status: r.status });
    }
    return out;
  }

  /** Per campaign, how many needs and achievements were submitted to it. */
  async campaignCounts(campaignIds: string[]): Promise<Map<string, { needs: number; achievements: number }>> {
    const counts = new Map(campaignIds.map((id) => [id, { needs: 0, achievements: 0 }]));
    if (!campaignIds.length) return counts;
    for (const kind of ['need', 'achievement'] as const) {
      const rows = (await this.db.query(
        `SELECT campaign_id, count(*)::int AS n FROM ${KINDS[kind].table} WHERE campaign_id = ANY($1::uuid[]) AND status = ANY($2) GROUP BY campaign_id`,
        [campaignIds, CAMPAIGN_COUNTED],
      )) as { campaign_id: string; n: number }[];
      for (const r of rows) {
        const c = counts.get(r.campaign_id);
        if (c) c[kind === 'need' ? 'needs' : 'achievements'] = r.n;
      }
    }
    return counts;
  }

  /** The organisations that submitted anything to a campaign. */
  async campaignSubmitters(campaignId: string, m: EntityManager = this.db.manager): Promise<Set<string>> {
    const out = new Set<string>();
    for (const kind of ['need', 'achievement'] as const) {
      const rows = (await m.query(`SELECT DISTINCT owner_org_id FROM ${KINDS[kind].table} WHERE campaign_id = $1 AND status = ANY($2)`, [campaignId, CAMPAIGN_COUNTED])) as {
        owner_org_id: string;
      }[];
      for (const r of rows) out.add(r.owner_org_id);
    }
    return out;
  }

  /** A keyset page of the published ids of a kind: the first `limit` after `after` (null: from the start), in id order. */
  async publishedIdsAfter(kind: ItemKind, after: string | null, limit: number): Promise<string[]> {
    const rows = (await this.db.query(`SELECT id FROM ${KINDS[kind].table} WHERE status = 'published' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT ${Number(limit)}`, [
      after,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The published items among `ids` that match `filters`, as search shows them, in the order of `ids`. */
  async confirm(kind: ItemKind, filters: ItemFilters, ids: string[]): Promise<ListedItem[]> {
    const { where, params } = filterSql(kind, filters, ids);
    const rows = (await this.db.query(`SELECT ${LISTED_COLUMNS[kind]} FROM ${KINDS[kind].table} t WHERE ${where}`, params)) as ListedItem[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** A page of the published items that match `filters`, sorted as `sort` says, and how many match in all. */
  async browse(kind: ItemKind, filters: ItemFilters, sort: SearchSort, page: { page: number; pageSize: number }): Promise<{ total: number; rows: ListedItem[] }> {
    const { where, params } = filterSql(kind, filters, null);
    const table = KINDS[kind].table;
    const total = ((await this.db.query(`SELECT count(*)::int AS n FROM ${table} t WHERE ${where}`, params)) as { n: number }[])[0]?.n ?? 0;
    const rows = (await this.db.query(
      `SELECT ${LISTED_COLUMNS[kind]} FROM ${table} t WHERE ${where}
        ORDER BY ${orderSql(kind, sort)} LIMIT ${Number(page.pageSize)} OFFSET ${(Number(page.page) - 1) * Number(page.pageSize)}`,
      params,
    )) as ListedItem[];
    return { total, rows };
  }

  /** Per facet, how many published items that match `filters` hold each value of it (one query). */
  async facetCounts(kind: ItemKind, filters: ItemFilters, facets: ItemFacet[]): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = Object.fromEntries(facets.map((f) => [f, {}]));
    if (!facets.length) return out;
    const { where, params } = filterSql(kind, filters, null);
    const table = KINDS[kind].table;
    const sql = facets
      .map((name, i) => {
        const f = FACET_COLUMNS[name];
        return f.array
          ? `SELECT ${i} AS f, v::text AS v, count(*)::int AS n FROM ${table} t, unnest(${f.column}) v WHERE ${where} GROUP BY v`
          : `SELECT ${i} AS f, ${f.column}::text AS v, count(*)::int AS n FROM ${table} t WHERE ${where} GROUP BY ${f.column}`;
      })
      .join(' UNION ALL ');
    const rows = (await this.db.query(sql, params)) as { f: number; v: string; n: number }[];
    for (const r of rows) (out[facets[r.f] as string] as Record<string, number>)[r.v] = r.n;
    return out;
  }

  /**
   * The chains and region of items of a kind, whatever their status, by id: what a match is handed
   * to a broker by. One array parameter however many ids (a quarterly page assigns about 10,000
   * matches at once); an unknown id is absent.
   */
  async chainsAndRegions(kind: ItemKind, ids: Iterable<string>, m: EntityManager = this.db.manager): Promise<Map<string, { chains: string[]; region: string }>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const rows = (await m.query(`SELECT id, chains, region FROM ${KINDS[kind].table} WHERE id = ANY($1::uuid[])`, [wanted])) as { id: string; chains: string[]; region: string }[];
    return new Map(rows.map((r) => [r.id, { chains: r.chains, region: r.region }]));
  }

  /**
   * Whether an achievement is a 职务科技成果 (service invention), with its title and owner: what a
   * deal checks before `signed` and whose tech-transfer office approves. Null for an unknown id.
   */
  async serviceInvention(achievementId: string, m: EntityManager = this.db.manager): Promise<ServiceInventionCard | null> {
    const row = await m.getRepository(Achievement).findOne({
      select: { id: true, title: true, ownerOrgId: true, serviceInvention: true, fundingSource: true, rightsGranted: true },
      where: { id: achievementId },
    });
    return (
      row && {
        id: row.id,
        title: row.title,
        ownerOrgId: row.ownerOrgId,
        serviceInvention: row.serviceInvention,
        fundingSource: row.fundingSource,
        rightsGranted: row.rightsGranted,
      }
    );
  }
}

/** An achievement as a deal's approval sees it. */
export interface ServiceInventionCard {
  id: string;
  title: string;
  ownerOrgId: string;
  serviceInvention: boolean;
  fundingSource: string | null;
  rightsGranted: RightsGranted;
}

/** What lists and search narrow published items by (taxonomy codes; `category` for needs, `ipType` for achievements). */
export interface ItemFilters {
  industry?: string;
  chain?: string;
  region?: string;
  mode?: string;
  trlMin?: number;
  trlMax?: number;
  category?: string;
  ipType?: string;
  /** the owning organisation's id: an organisation's own published items, on its public card */
  org?: string;
}

/** The facets items can be counted by (`category` for needs, `ipTypes` for achievements). */
export type ItemFacet = 'industries' | 'chains' | 'region' | 'cooperationModes' | 'trl' | 'category' | 'ipTypes';

/** A published item as search lists it: its public fields only (the long texts stay in the database); `version` to know later whether it changed. */
export interface ListedItem {
  id: string;
  version: number;
  title: string;
  summary: string;
  owner_org_id: string;
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

const SHARED_LISTED_COLUMNS = ['id', 'version', 'title', 'summary', 'owner_org_id', 'chains', 'industries', 'keywords', 'region', 'trl', 'cooperation_modes', 'published_at'];
const LISTED_COLUMNS: Record<ItemKind, string> = {
  need: [...SHARED_LISTED_COLUMNS, 'category', 'budget_min', 'budget_max', 'budget_negotiable'].map((c) => `t.${c}`).join(', ') + ', t.deadline::text AS deadline',
  achievement: [...SHARED_LISTED_COLUMNS, 'maturity_stage', 'ip_items', 'asking_price', 'price_negotiable'].map((c) => `t.${c}`).join(', '),
};

/** The columns behind each facet. */
const FACET_COLUMNS: Record<ItemFacet, { column: string; array: boolean }> = {
  industries: { column: 't.industries', array: true },
  chains: { column: 't.chains', array: true },
  region: { column: 't.region', array: false },
  cooperationModes: { column: 't.cooperation_modes', array: true },
  trl: { column: 't.trl', array: false },
  category: { column: 't.category', array: false },
  ipTypes: { column: `(SELECT coalesce(array_agg(DISTINCT e->>'type'), '{}') FROM jsonb_array_elements(t.ip_items) e)`, array: true },
};

/** The WHERE clause (over `t`) of the published items matching `filters`, among `ids` when given. */
function filterSql(kind: ItemKind, filters: ItemFilters, ids: string[] | null): { where: string; params: unknown[] } {
  const parts = [`t.status = 'published'`];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (ids) add('t.id = ANY(?::uuid[])', ids);
  if (filters.industry) add('? = ANY(t.industries)', filters.industry);
  if (filters.chain) add('? = ANY(t.chains)', filters.chain);
  if (filters.region) add('t.region = ?', filters.region);
  if (filters.org) add('t.owner_org_id = ?', filters.org);
  if (filters.mode) add('? = ANY(t.cooperation_modes)', filters.mode);
  if (filters.trlMin) add('t.trl >= ?', filters.trlMin);
  if (filters.trlMax) add('t.trl <= ?', filters.trlMax);
  if (kind === 'need' && filters.category) add('t.category = ?', filters.category);
  if (kind === 'achievement' && filters.ipType) add(`t.ip_items @> ?::jsonb`, JSON.stringify([{ type: filters.ipType }]));
  return { where: parts.join(' AND '), params };
}

function orderSql(kind: ItemKind, sort: SearchSort): string {
  switch (sort) {
    case 'deadline':
      return kind === 'need' ? 't.deadline ASC NULLS LAST, t.published_at DESC, t.id' : 't.published_at DESC, t.id';
    case 'budget':
      return kind === 'need' ? 't.budget_max DESC NULLS LAST, t.published_at DESC, t.id' : 't.asking_price DESC NULLS LAST, t.published_at DESC, t.id';
    default:
      return 't.published_at DESC, t.id';
  }
}
