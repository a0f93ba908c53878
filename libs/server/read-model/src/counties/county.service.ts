import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@ztt/audit';
import { CampaignsService } from '@ztt/campaigns';
import {
  AuditAction,
  CountyDealView,
  CountyNeedListEntry,
  CountyNeedListView,
  CountyCampaignView,
  CountyReachView,
  ErrorCode,
  CountyItemView,
  CountyMatchView,
  CountyPublicView,
  CountyScopeView,
  isCounty,
  PlatformRole,
  quarterOf,
  taxonomyItem,
  kpiReached,
} from '@ztt/contracts';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { DashboardService } from '../dashboard/dashboard.service';
import { KpiService } from '../kpis/kpi.service';

type ItemKind = 'need' | 'achievement';
const ITEM_TABLE: Record<ItemKind, string> = { need: 'tech_need', achievement: 'achievement' };

/** The county's items: published and in review (submitted). An item's county is its region, as on the dashboard. */
const ITEM_SQL = (table: string, kind: ItemKind, byId: boolean) => `
  SELECT x.id, '${kind}' AS kind, x.title, x.status, o.id AS organisation_id, o.name AS organisation_name, x.published_at, x.submitted_at
    FROM ${table} x JOIN organisation o ON o.id = x.owner_org_id
   WHERE x.region = $1 AND x.status IN ('published', 'submitted') ${byId ? 'AND x.id = $2' : ''}
   ORDER BY coalesce(x.published_at, x.submitted_at) DESC NULLS LAST, x.id`;

/** Deals where either party's organisation is in the county: stage, parties and value only (never notes or contacts). */
const DEAL_SQL = (byId: boolean) => `
  SELECT d.id, d.title, d.stage, d.expected_value::text AS expected_value, d.stage_changed_at,
         dm.id AS demand_org_id, dm.name AS demand_org_name, dm.region AS demand_org_region,
         sp.id AS supply_org_id, sp.name AS supply_org_name, sp.region AS supply_org_region
    FROM deal d JOIN organisation dm ON dm.id = d.demand_org_id JOIN organisation sp ON sp.id = d.supply_org_id
   WHERE (dm.region = $1 OR sp.region = $1) ${byId ? 'AND d.id = $2' : ''}
   ORDER BY d.stage_changed_at DESC, d.id`;

interface ItemRow {
  id: string;
  kind: ItemKind;
  title: string;
  status: string;
  organisation_id: string;
  organisation_name: string;
  published_at: Date | null;
  submitted_at: Date | null;
}
interface DealRow {
  id: string;
  title: string;
  stage: string;
  expected_value: string | null;
  stage_changed_at: Date;
  demand_org_id: string;
  demand_org_name: string;
  demand_org_region: string;
  supply_org_id: string;
  supply_org_name: string;
  supply_org_region: string;
}

/**
 * 县区科技管理人员: what one county official may read, at request time, across the catalogue, matching
 * and deals (the read model's rule, docs/architecture.md). Anything outside the official's county
 * answers exactly like a missing record (404). Also the public county page.
 */
@Injectable()
export class CountyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dashboard: DashboardService,
    private readonly kpis: KpiService,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
  ) {}

  /** The county the official's role is scoped to (identity's platform_role_assignment.county). */
  async countyOf(actor: AuthContext): Promise<string> {
    const rows = (await this.db.query(`SELECT county FROM platform_role_assignment WHERE user_id = $1 AND role = $2`, [actor.userId, PlatformRole.CountyOfficial])) as {
      county: string | null;
    }[];
    const county = rows[0]?.county;
    if (!isCounty(county)) throw AppException.notFound();
    return county;
  }

  async scope(actor: AuthContext): Promise<CountyScopeView> {
    return scopeView(await this.countyOf(actor));
  }

  async items(actor: AuthContext, kind: ItemKind): Promise<CountyItemView[]> {
    const county = await this.countyOf(actor);
    return ((await this.db.query(ITEM_SQL(ITEM_TABLE[kind], kind, false), [county])) as ItemRow[]).map(itemView);
  }

  async item(actor: AuthContext, kind: ItemKind, id: string): Promise<CountyItemView> {
    const county = await this.countyOf(actor);
    const row = ((await this.db.query(ITEM_SQL(ITEM_TABLE[kind], kind, true), [county, id])) as ItemRow[])[0];
    if (!row) throw AppException.notFound();
    return itemView(row);
  }

  /** Matches where the need or the achievement is one of the county's. */
  async matches(actor: AuthContext): Promise<CountyMatchView[]> {
    const county = await this.countyOf(actor);
    const rows = (await this.db.query(
      `SELECT m.id, m.status, m.score::text AS score, n.id AS need_id, n.title AS need_title, n.region AS need_region,
              a.id AS achievement_id, a.title AS achievement_title, a.region AS achievement_region
         FROM match m JOIN tech_need n ON n.id = m.need_id JOIN achievement a ON a.id = m.achievement_id
        WHERE n.region = $1 OR a.region = $1
        ORDER BY m.score DESC, m.id`,
      [county],
    )) as Record<string, string>[];
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      score: r.score,
      needId: r.need_id,
      needTitle: r.need_title,
      needRegion: r.need_region,
      achievementId: r.achievement_id,
      achievementTitle: r.achievement_title,
      achievementRegion: r.achievement_region,
    }));
  }

  async deals(actor: AuthContext): Promise<CountyDealView[]> {
    const county = await this.countyOf(actor);
    return ((await this.db.query(DEAL_SQL(false), [county])) as DealRow[]).map(dealView);
  }

  async deal(actor: AuthContext, id: string): Promise<CountyDealView> {
    const county = await this.countyOf(actor);
    const row = ((await this.db.query(DEAL_SQL(true), [county, id])) as DealRow[])[0];
    if (!row) throw AppException.notFound();
    return dealView(row);
  }

  /** The public county page: its heatmap row (as the public statistics count), its deals, and its track against its KPI allocations. */
  async publicView(code: string): Promise<CountyPublicView> {
    if (!isCounty(code)) throw AppException.notFound();
    const quarter = quarterOf(new Date());
    const [[row], deals, register] = await Promise.all([
      this.dashboard.byRegion({ region: code }),
      this.db.query(
        `SELECT count(*)::int AS n FROM deal d JOIN organisation dm ON dm.id = d.demand_org_id JOIN organisation sp ON sp.id = d.supply_org_id
          WHERE dm.region = $1 OR sp.region = $1`,
        [code],
      ) as Promise<{ n: number }[]>,
      this.kpis.register(quarter, code, { track: false }),
    ]);
    const [list] = (await this.db.query(`SELECT ${LIST_COLUMNS} FROM county_need_list WHERE county = $1 AND status = 'published' ORDER BY year DESC LIMIT 1`, [code])) as ListRow[];
    return {
      ...scopeView(code),
      needs: row?.needs ?? 0,
      achievements: row?.achievements ?? 0,
      challenges: row?.challenges ?? 0,
      deals: deals[0]?.n ?? 0,
      quarter: register.quarter,
      year: register.year,
      kpis: register.indicators
        .filter((i) => i.byCounty)
        .map((i) => {
          const allocation = i.county?.allocation ?? null;
          const actual = i.county?.actual ?? null;
          return { code: i.code, name: i.name, nameEn: i.nameEn, unit: i.unit, allocation, actual, reached: kpiReached(actual, allocation) };
        }),
      needList: list ? listView(list) : null,
    };
  }

  /** Campaign progress in the county: every campaign past its draft that targets or focuses on the county, through the campaigns domain's own progress. */
  async campaignProgress(actor: AuthContext): Promise<CountyCampaignView[]> {
    const county = await this.countyOf(actor);
    const mine = (await this.campaigns.list()).filter(
      (c) => c.status !== 'draft' && (c.focusRegions.includes(county) || c.targets.some((t) => t.dimension === 'region' && t.code === county)),
    );
    const out: CountyCampaignView[] = [];
    for (const c of mine) {
      const progress = await this.campaigns.progress(c.id);
      out.push({
        campaignId: c.id,
        title: c.title,
        quarter: c.quarter,
        status: c.status,
        rows: progress.rows
          .filter((r) => r.dimension === 'region' && r.code === county)
          .map((r) => ({ kind: r.kind, target: r.target, submitted: r.submitted, published: r.published })),
      });
    }
    return out;
  }

  /**
   * 入县达镇: which published achievements reached organisations of the county, by town. Reached: a
   * deal between the achievement and the organisation exists (any stage), or a match of the
   * achievement with one of the organisation's needs was contacted or turned into a deal. The
   * achievement's own organisation does not count.
   */
  async reach(actor: AuthContext): Promise<CountyReachView[]> {
    const county = await this.countyOf(actor);
    const rows = (await this.db.query(
      `WITH reached AS (
         SELECT d.achievement_id, o.id AS org_id, 'deal' AS via
           FROM deal d JOIN organisation o ON o.id IN (d.demand_org_id, d.supply_org_id)
          WHERE d.achievement_id IS NOT NULL AND o.region = $1
         UNION
         SELECT m.achievement_id, n.owner_org_id, 'match'
           FROM match m JOIN tech_need n ON n.id = m.need_id JOIN organisation o ON o.id = n.owner_org_id
          WHERE m.status IN ('contacted', 'deal') AND o.region = $1)
       SELECT o.town, o.id AS organisation_id, o.name AS organisation_name, a.id AS achievement_id, a.title AS achievement_title,
              array_agg(DISTINCT r.via ORDER BY r.via) AS via
         FROM reached r JOIN achievement a ON a.id = r.achievement_id JOIN organisation o ON o.id = r.org_id
        WHERE a.status = 'published' AND a.owner_org_id <> o.id
        GROUP BY o.town, o.id, o.name, a.id, a.title
        ORDER BY o.town NULLS LAST, o.name, a.title`,
      [county],
    )) as { town: string | null; organisation_id: string; organisation_name: string; achievement_id: string; achievement_title: string; via: ('deal' | 'match')[] }[];
    return rows.map((r) => ({
      town: r.town,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      achievementId: r.achievement_id,
      achievementTitle: r.achievement_title,
      via: r.via,
    }));
  }

  /** The official's yearly need list (县域产业技术需求清单); an empty draft until first saved. */
  async needList(actor: AuthContext, year: number): Promise<CountyNeedListView> {
    const county = await this.countyOf(actor);
    const [row] = (await this.db.query(`SELECT ${LIST_COLUMNS} FROM county_need_list WHERE county = $1 AND year = $2`, [county, year])) as ListRow[];
    return row ? listView(row) : { county, year, status: 'draft', publishedAt: null, updatedAt: null, entries: [] };
  }

  /** Replaces the year's entries (a published list stays published, showing the new entries). A linked need must be a published need of the county. */
  async saveNeedList(actor: AuthContext, year: number, entries: CountyNeedListEntry[]): Promise<CountyNeedListView> {
    const county = await this.countyOf(actor);
    const clean = entries.map((e) => ({ title: e.title.trim(), chain: e.chain, description: e.description.trim(), priority: e.priority, needId: e.needId ?? null }));
    const linked = [...new Set(clean.map((e) => e.needId).filter((id): id is string => !!id))];
    if (linked.length) {
      const found = (await this.db.query(`SELECT id FROM tech_need WHERE id = ANY($1) AND region = $2 AND status = 'published'`, [linked, county])) as { id: string }[];
      if (found.length !== linked.length) throw new AppException(ErrorCode.CountyNeedListNeed, HttpStatus.BAD_REQUEST);
    }
    await this.db.query(
      `INSERT INTO county_need_list (county, year, entries, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (county, year) DO UPDATE SET entries = EXCLUDED.entries, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [county, year, JSON.stringify(clean), actor.userId],
    );
    return this.needList(actor, year);
  }

  /** Publishes the year's list (audited): from then on the public county page shows it. */
  async publishNeedList(actor: AuthContext, year: number): Promise<CountyNeedListView> {
    const county = await this.countyOf(actor);
    await this.db.transaction(async (m) => {
      const [row] = (await m.query(`SELECT jsonb_array_length(entries) AS n FROM county_need_list WHERE county = $1 AND year = $2 FOR UPDATE`, [county, year])) as { n: number }[];
      if (!row || row.n === 0) throw new AppException(ErrorCode.CountyNeedListEmpty, HttpStatus.CONFLICT);
      await m.query(
        `UPDATE county_need_list SET status = 'published', published_at = coalesce(published_at, now()), updated_by = $3, updated_at = now() WHERE county = $1 AND year = $2`,
        [county, year, actor.userId],
      );
      await this.audit.record(
        {
          action: AuditAction.CountyNeedListPublished,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'county_need_list',
          targetId: `${county}/${year}`,
          detail: { county, year, entries: row.n },
        },
        m,
      );
    });
    return this.needList(actor, year);
  }
}

const LIST_COLUMNS = `county, year, status, published_at, updated_at, entries`;
interface ListRow {
  county: string;
  year: number;
  status: 'draft' | 'published';
  published_at: Date | null;
  updated_at: Date;
  entries: CountyNeedListEntry[];
}

function listView(r: ListRow): CountyNeedListView {
  return { county: r.county, year: r.year, status: r.status, publishedAt: r.published_at?.toISOString() ?? null, updatedAt: r.updated_at.toISOString(), entries: r.entries };
}

function scopeView(code: string): CountyScopeView {
  const r = taxonomyItem('region', code);
  return { code, name: r?.label ?? code, nameEn: r?.en ?? code };
}

function itemView(r: ItemRow): CountyItemView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    publishedAt: r.published_at?.toISOString() ?? null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
  };
}

function dealView(r: DealRow): CountyDealView {
  return {
    id: r.id,
    title: r.title,
    stage: r.stage,
    demandOrgId: r.demand_org_id,
    demandOrgName: r.demand_org_name,
    demandOrgRegion: r.demand_org_region,
    supplyOrgId: r.supply_org_id,
    supplyOrgName: r.supply_org_name,
    supplyOrgRegion: r.supply_org_region,
    expectedValue: r.expected_value,
    stageChangedAt: r.stage_changed_at.toISOString(),
  };
}
