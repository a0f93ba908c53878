import { beijingDate, KPI_REGION_CODES, quarterBounds } from '@ztt/contracts';
import { CERTIFIED_ON } from '@ztt/matching';
import { DataSource } from 'typeorm';

/**
 * The KPI register's computed actuals, worked out in SQL at request time from the platform's own
 * records (the read model stores no derived figures). The contract value is not here: it is the
 * dashboard's (DashboardService.contractValue), read from there so that it has one home.
 */

/** The end of a quarter as an instant (exclusive) and the start of its year. */
function span(quarter: string): { yearStart: Date; end: Date } {
  return { yearStart: quarterBounds(`${quarter.slice(0, 4)}Q1`).from, end: quarterBounds(quarter).to };
}

/**
 * 技术经纪人 (tech-brokers): the certified brokers at work at the end of the quarter — people holding
 * the broker role (granted before the quarter ended) on an active account, whose broker profile is
 * active and whose certificate is valid on the quarter's last day (matching's CERTIFIED_ON).
 */
export async function countActiveBrokers(db: DataSource, quarter: string): Promise<number> {
  const end = quarterBounds(quarter).to;
  const rows = (await db.query(
    `SELECT count(*)::int AS n FROM platform_role_assignment r
       JOIN app_user u ON u.id = r.user_id
       JOIN broker_profile p ON p.user_id = r.user_id
      WHERE r.role = 'broker' AND u.status = 'active' AND r.granted_at < $1 AND p.active AND ${CERTIFIED_ON('$2::date')}`,
    [end, beijingDate(new Date(end.getTime() - 1))],
  )) as { n: number }[];
  return rows[0]?.n ?? 0;
}

/**
 * 企业参与 / 企业牵头 市级科技项目比例, from the challenges (揭榜挂帅) published from the start of
 * the quarter's year to its end (not withdrawn before publication: draft, submitted and cancelled
 * ones do not count):
 * - participation: the share of them whose owner (发榜方) is an enterprise or that an enterprise
 *   applied to (an application not withdrawn);
 * - led: of those with an awarded application, the share where an awarded team's organisation is
 *   an enterprise (the enterprise leads the project).
 * Percentages with two decimals, rounded half up; null when there is no challenge to count.
 */
export async function enterpriseShares(db: DataSource, quarter: string): Promise<{ participation: string | null; led: string | null }> {
  const { yearStart, end } = span(quarter);
  const rows = (await db.query(
    `WITH c AS (
       SELECT c.id,
              o.type = 'enterprise' OR EXISTS (
                SELECT 1 FROM challenge_application a JOIN organisation ao ON ao.id = a.org_id
                 WHERE a.challenge_id = c.id AND a.status <> 'withdrawn' AND ao.type = 'enterprise') AS participates,
              EXISTS (SELECT 1 FROM challenge_application a WHERE a.challenge_id = c.id AND a.status = 'awarded') AS awarded,
              EXISTS (
                SELECT 1 FROM challenge_application a JOIN organisation ao ON ao.id = a.org_id
                 WHERE a.challenge_id = c.id AND a.status = 'awarded' AND ao.type = 'enterprise') AS led
         FROM challenge c JOIN organisation o ON o.id = c.owner_org_id
        WHERE c.published_at >= $1 AND c.published_at < $2 AND c.status NOT IN ('draft', 'submitted', 'cancelled'))
     SELECT CASE WHEN count(*) = 0 THEN NULL ELSE round(100.0 * count(*) FILTER (WHERE participates) / count(*), 2)::text END AS participation,
            CASE WHEN count(*) FILTER (WHERE awarded) = 0 THEN NULL ELSE round(100.0 * count(*) FILTER (WHERE led) / count(*) FILTER (WHERE awarded), 2)::text END AS led
       FROM c`,
    [yearStart, end],
  )) as { participation: string | null; led: string | null }[];
  return { participation: rows[0]?.participation ?? null, led: rows[0]?.led ?? null };
}

/**
 * 县域覆盖 (county-coverage): the counties and districts of Zhanjiang (the taxonomy's regions that
 * are not outside) reached from the start of the quarter's year to its end. A county is reached
 * when an organisation there, on the demand side, signed a deal (its stage moved to signed), or was
 * contacted about a published achievement (a match from its need to the achievement reached
 * contacted or became a deal).
 */
export async function coveredCounties(db: DataSource, quarter: string): Promise<string[]> {
  const { yearStart, end } = span(quarter);
  const rows = (await db.query(
    `SELECT DISTINCT o.region FROM deal d JOIN organisation o ON o.id = d.demand_org_id
      WHERE o.region = ANY($3)
        AND (EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed' AND e.created_at >= $1 AND e.created_at < $2)
          -- a deal recorded as signed without its stage history (an import) counts when it was created
          OR (d.stage IN ('signed', 'registered', 'fulfilled') AND d.created_at >= $1 AND d.created_at < $2
              AND NOT EXISTS (SELECT 1 FROM deal_event e WHERE e.deal_id = d.id AND e.to_stage = 'signed')))
     UNION
     SELECT DISTINCT o.region FROM match m
       JOIN tech_need n ON n.id = m.need_id
       JOIN organisation o ON o.id = n.owner_org_id
       JOIN achievement a ON a.id = m.achievement_id
      WHERE o.region = ANY($3) AND a.published_at IS NOT NULL AND m.status IN ('contacted', 'deal') AND m.updated_at >= $1 AND m.updated_at < $2`,
    [yearStart, end, KPI_REGION_CODES],
  )) as { region: string }[];
  return rows.map((r) => r.region).sort();
}
