import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { beijingDate, HOME_LIST_LIMIT, HomeCampaign, HomeChallenge, HomeFigures, HomeIndustry, HomeItem, HomeView, TAXONOMY } from '@ztt/contracts';
import { DataSource } from 'typeorm';

/** Industries in the taxonomy's order: 四绿一蓝 first (as on the dashboard). */
const INDUSTRIES = TAXONOMY.industries.map((i) => i.code);
/** A card shows the start of the summary; the item's page has the rest. */
const SUMMARY_CHARS = 120;
/** The board's "open" group: published and still taking applications. */
const OPEN_CHALLENGE = `c.published_at IS NOT NULL AND c.status = 'published' AND c.application_deadline > now()`;

interface ItemRow {
  id: string;
  title: string;
  summary: string;
  owner_org_name: string;
  industries: string[];
  region: string;
  trl: number;
  published_at: Date;
}

/**
 * The public home page in one read (GET /api/home): figures, the latest published items, the open
 * challenges, industries as entry points and the open campaign. It reads the catalogue, challenge,
 * deal, identity and campaign tables (read-only) and selects only the columns public listings show
 * (the search documents and the challenge board): never the confidential part or contact details.
 */
@Injectable()
export class HomeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async home(): Promise<HomeView> {
    const [figures, latestNeeds, latestAchievements, openChallenges, industries, campaign] = await Promise.all([
      this.figures(),
      this.latest('need'),
      this.latest('achievement'),
      this.openChallenges(),
      this.industries(),
      this.campaign(),
    ]);
    return { figures, latestNeeds, latestAchievements, openChallenges, industries, campaign };
  }

  private async figures(): Promise<HomeFigures> {
    const year = Number(beijingDate(new Date()).slice(0, 4));
    const rows = (await this.db.query(
      `SELECT (SELECT count(*)::int FROM tech_need WHERE status = 'published') AS needs,
              (SELECT count(*)::int FROM achievement WHERE status = 'published') AS achievements,
              (SELECT count(*)::int FROM challenge c WHERE ${OPEN_CHALLENGE}) AS open_challenges,
              (SELECT count(*)::int FROM contract_registration r
                WHERE r.registration_number IS NOT NULL AND r.registered_on IS NOT NULL AND extract(year FROM r.registered_on) = $1) AS contracts,
              (SELECT coalesce(sum(r.total_amount), 0)::numeric(18, 2)::text FROM contract_registration r
                WHERE r.registration_number IS NOT NULL AND r.registered_on IS NOT NULL AND extract(year FROM r.registered_on) = $1) AS contract_value,
              (SELECT count(DISTINCT r.user_id)::int FROM platform_role_assignment r JOIN app_user u ON u.id = r.user_id
                WHERE r.role = 'broker' AND u.status = 'active') AS active_brokers`,
      [year],
    )) as { needs: number; achievements: number; open_challenges: number; contracts: number; contract_value: string; active_brokers: number }[];
    const r = rows[0] as (typeof rows)[number];
    return {
      needs: r.needs,
      achievements: r.achievements,
      openChallenges: r.open_challenges,
      year,
      contractValue: r.contract_value,
      contracts: r.contracts,
      activeBrokers: r.active_brokers,
    };
  }

  private async latest(kind: 'need' | 'achievement'): Promise<HomeItem[]> {
    const table = kind === 'need' ? 'tech_need' : 'achievement';
    const rows = (await this.db.query(
      `SELECT x.id, x.title, left(x.summary, ${SUMMARY_CHARS + 1}) AS summary, o.name AS owner_org_name, x.industries, x.region, x.trl, x.published_at
         FROM ${table} x JOIN organisation o ON o.id = x.owner_org_id
        WHERE x.status = 'published' AND x.published_at IS NOT NULL
        ORDER BY x.published_at DESC, x.id LIMIT $1`,
      [HOME_LIST_LIMIT],
    )) as ItemRow[];
    return rows.map((r) => ({
      id: r.id,
      kind,
      title: r.title,
      summary: r.summary.length > SUMMARY_CHARS ? `${r.summary.slice(0, SUMMARY_CHARS)}…` : r.summary,
      ownerOrgName: r.owner_org_name,
      industries: r.industries,
      region: r.region,
      trl: r.trl,
      publishedAt: r.published_at.toISOString(),
    }));
  }

  private async openChallenges(): Promise<HomeChallenge[]> {
    const rows = (await this.db.query(
      `SELECT c.id, c.title, c.bounty::text AS bounty, c.application_deadline, o.name AS owner_org_name, c.industries,
              (SELECT count(*)::int FROM challenge_application a WHERE a.challenge_id = c.id AND a.status <> 'withdrawn') AS applications
         FROM challenge c JOIN organisation o ON o.id = c.owner_org_id
        WHERE ${OPEN_CHALLENGE}
        ORDER BY c.application_deadline, c.id LIMIT $1`,
      [HOME_LIST_LIMIT],
    )) as { id: string; title: string; bounty: string; application_deadline: Date; owner_org_name: string; industries: string[]; applications: number }[];
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      bounty: r.bounty,
      applicationDeadline: r.application_deadline.toISOString(),
      ownerOrgName: r.owner_org_name,
      industries: r.industries,
      applicationCount: r.applications,
    }));
  }

  private async industries(): Promise<HomeIndustry[]> {
    const [needs, achs, chs] = (await Promise.all([
      this.db.query(`SELECT i AS key, count(*)::int AS n FROM tech_need x, unnest(x.industries) i WHERE x.status = 'published' GROUP BY i`),
      this.db.query(`SELECT i AS key, count(*)::int AS n FROM achievement x, unnest(x.industries) i WHERE x.status = 'published' GROUP BY i`),
      this.db.query(`SELECT i AS key, count(*)::int AS n FROM challenge c, unnest(c.industries) i WHERE ${OPEN_CHALLENGE} GROUP BY i`),
    ])) as { key: string; n: number }[][];
    const count = (rows: { key: string; n: number }[] | undefined, code: string) => rows?.find((r) => r.key === code)?.n ?? 0;
    return INDUSTRIES.map((code) => ({ code, needs: count(needs, code), achievements: count(achs, code), challenges: count(chs, code) }));
  }

  /** One campaign collects at a time; its counts are the items it tagged that are published. */
  private async campaign(): Promise<HomeCampaign | null> {
    const rows = (await this.db.query(
      `SELECT c.id, c.title, c.quarter, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.focus_industries, c.focus_regions,
              (SELECT count(*)::int FROM tech_need x WHERE x.campaign_id = c.id AND x.status = 'published') AS needs,
              (SELECT count(*)::int FROM achievement x WHERE x.campaign_id = c.id AND x.status = 'published') AS achievements
         FROM campaign c WHERE c.status = 'open' ORDER BY c.opened_at DESC NULLS LAST, c.id LIMIT 1`,
    )) as {
      id: string;
      title: string;
      quarter: string;
      starts_on: string;
      ends_on: string;
      focus_industries: string[];
      focus_regions: string[];
      needs: number;
      achievements: number;
    }[];
    const c = rows[0];
    if (!c) return null;
    return {
      id: c.id,
      title: c.title,
      quarter: c.quarter,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      focusIndustries: c.focus_industries,
      focusRegions: c.focus_regions,
      needs: c.needs,
      achievements: c.achievements,
    };
  }
}
