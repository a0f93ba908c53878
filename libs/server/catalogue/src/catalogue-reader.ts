import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind, ItemStatus } from '@ztt/contracts';
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

  /** Versions of the published items among `ids` (an item absent here is not published any more). */
  async publishedVersions(kind: ItemKind, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await this.db.getRepository<CatalogueItem>(KINDS[kind].entity).find({ select: { id: true, version: true }, where: { id: In(ids), status: ItemStatus.Published } });
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** How many needs and achievements are published now. */
  async publishedCount(m: EntityManager = this.db.manager): Promise<number> {
    const [needs, achievements] = await Promise.all([m.countBy(TechNeed, { status: ItemStatus.Published }), m.countBy(Achievement, { status: ItemStatus.Published })]);
    return needs + achievements;
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
    return this.db
      .getRepository<CatalogueItem>(KINDS[kind].entity)
      .createQueryBuilder('t')
      .select(['t.id', 't.version', 't.status'])
      .where('t.updatedAt >= :since', { since })
      .getMany();
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
}
