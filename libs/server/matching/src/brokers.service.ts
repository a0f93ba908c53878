import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BrokerProfileView, industryOfChain, MatchingMetrics, PlatformRole, quarterBounds } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { PeopleDirectory } from '@ztt/identity';
import { AppException } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { BrokerProfile } from './match.entity';

const OPEN = `('proposed', 'seen', 'contacted')`;

/**
 * Brokers' specialties and capacity, and the hand-over of each new match to the best-fitting
 * broker: exact chain 2, same industry 1, region 1 each; ties go to the least loaded broker
 * (open matches / capacity); a broker at capacity gets no more.
 */
@Injectable()
export class BrokersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
  ) {}

  /** The active brokers by display name, with their profile (defaults when they have none) and open matches. */
  async list(): Promise<BrokerProfileView[]> {
    const brokers = await this.people.withRole(PlatformRole.Broker);
    if (!brokers.length) return [];
    const rows = (await this.db.query(
      `SELECT u.id, coalesce(p.chains, '{}') AS chains, coalesce(p.regions, '{}') AS regions,
              coalesce(p.capacity, 50) AS capacity, coalesce(p.active, true) AS active,
              (SELECT count(*)::int FROM match m WHERE m.broker_id = u.id AND m.status IN ${OPEN}) AS open
         FROM unnest($1::uuid[]) AS u(id) LEFT JOIN broker_profile p ON p.user_id = u.id`,
      [brokers.map((b) => b.id)],
    )) as { id: string; chains: string[]; regions: string[]; capacity: number; active: boolean; open: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return brokers.flatMap((b) => {
      const r = byId.get(b.id);
      return r
        ? [{ userId: b.id, displayName: b.displayName, email: b.email, chains: r.chains, regions: r.regions, capacity: r.capacity, active: r.active, openMatches: r.open }]
        : [];
    });
  }

  async get(userId: string): Promise<BrokerProfileView> {
    const found = (await this.list()).find((b) => b.userId === userId);
    if (!found) throw AppException.notFound();
    return found;
  }

  async save(userId: string, p: { chains: string[]; regions: string[]; capacity: number; active: boolean }): Promise<BrokerProfileView> {
    if (!(await this.people.holdersOf(PlatformRole.Broker, [userId])).has(userId)) throw AppException.notFound();
    await this.db.getRepository(BrokerProfile).upsert({ userId, ...p }, ['userId']);
    return this.get(userId);
  }

  /**
   * Hands every unassigned match of these items to the best-fitting broker: the items in the order
   * given, each item's matches best first. One read of the matches, one of the brokers' load, one
   * update, however many items (a quarterly run assigns a page at a time).
   */
  async assignUnassigned(m: EntityManager, where: { needId?: string; achievementId?: string; needIds?: string[]; achievementIds?: string[] }): Promise<number> {
    const byNeed = Boolean(where.needId || where.needIds);
    const ids = where.needIds ?? where.achievementIds ?? [where.needId ?? where.achievementId].filter((x): x is string => !!x);
    if (!ids.length) return 0;
    const brokers = (await this.list()).filter((b) => b.active && b.capacity > 0);
    // No more matches can be handed over than the brokers have room for: none once all are full.
    const room = brokers.reduce((n, b) => n + Math.max(0, b.capacity - b.openMatches), 0);
    if (!room) return 0;
    const column = byNeed ? 'x.need_id' : 'x.achievement_id';
    const rows = (await m.query(
      `SELECT x.id, x.need_id, x.achievement_id
         FROM unnest($1::uuid[]) WITH ORDINALITY AS item(id, at)
         JOIN match x ON ${column} = item.id
        WHERE x.broker_id IS NULL
        ORDER BY item.at, x.score DESC
        LIMIT $2`,
      [ids, room],
    )) as { id: string; need_id: string; achievement_id: string }[];
    if (!rows.length) return 0;
    // What each pair is assigned by: the chains of both sides and the need's region (one read per kind).
    const needs = await this.catalogue.chainsAndRegions(
      'need',
      rows.map((r) => r.need_id),
      m,
    );
    const achievements = await this.catalogue.chainsAndRegions(
      'achievement',
      rows.map((r) => r.achievement_id),
      m,
    );
    const picked: { id: string; broker: string }[] = [];
    for (const r of rows) {
      const need = needs.get(r.need_id);
      const achievement = achievements.get(r.achievement_id);
      if (!need || !achievement) continue;
      const chains = [...new Set([...need.chains, ...achievement.chains])];
      const best = pickBroker(brokers, chains, need.region);
      if (!best) break;
      picked.push({ id: r.id, broker: best.userId });
      best.openMatches++;
    }
    if (!picked.length) return 0;
    const res = (await m.query(
      `UPDATE match x SET broker_id = v.broker_id, assigned_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, broker_id)
        WHERE x.id = v.id AND x.broker_id IS NULL`,
      [picked.map((p) => p.id), picked.map((p) => p.broker)],
    )) as [unknown, number];
    return res[1];
  }

  async reassign(matchId: string, brokerId: string): Promise<void> {
    await this.get(brokerId);
    const res = await this.db.query(`UPDATE match SET broker_id = $2, assigned_at = now() WHERE id = $1`, [matchId, brokerId]);
    if ((res as [unknown, number])[1] !== 1) throw AppException.notFound();
  }

  /** Matches created in the quarter, by where they stand now. */
  async metrics(quarter: string): Promise<MatchingMetrics> {
    const { from, to } = quarterBounds(quarter);
    const rows = (await this.db.query(
      `SELECT status, dismiss_reason, count(*)::int AS n FROM match
        WHERE created_at >= $1 AND created_at < $2
        GROUP BY status, dismiss_reason`,
      [from, to],
    )) as { status: string; dismiss_reason: string | null; n: number }[];
    const [fb] = (await this.db.query(
      `SELECT count(DISTINCT f.match_id) FILTER (WHERE f.verdict = 'useful')::int AS useful,
              count(DISTINCT f.match_id) FILTER (WHERE f.verdict = 'not-useful')::int AS not_useful
         FROM match_feedback f JOIN match m ON m.id = f.match_id
        WHERE m.created_at >= $1 AND m.created_at < $2`,
      [from, to],
    )) as { useful: number; not_useful: number }[];
    const out: MatchingMetrics = {
      quarter,
      proposed: 0,
      seen: 0,
      contacted: 0,
      deal: 0,
      dismissed: 0,
      dismissedByReason: {},
      total: 0,
      useful: fb?.useful ?? 0,
      notUseful: fb?.not_useful ?? 0,
    };
    for (const r of rows) {
      (out as unknown as Record<string, number>)[r.status] = ((out as unknown as Record<string, number>)[r.status] ?? 0) + r.n;
      out.total += r.n;
      if (r.status === 'dismissed' && r.dismiss_reason) out.dismissedByReason[r.dismiss_reason] = (out.dismissedByReason[r.dismiss_reason] ?? 0) + r.n;
    }
    return out;
  }
}

/** The best broker for a pair; exported for unit tests. */
export function pickBroker(brokers: BrokerProfileView[], chains: string[], region: string | null): BrokerProfileView | null {
  const industries = new Set(chains.map(industryOfChain));
  let best: { b: BrokerProfileView; fit: number; load: number } | null = null;
  for (const b of brokers) {
    if (b.openMatches >= b.capacity) continue;
    const exact = b.chains.some((c) => chains.includes(c));
    const industry = b.chains.some((c) => industries.has(industryOfChain(c)));
    const fit = (exact ? 2 : industry ? 1 : 0) + (region && b.regions.includes(region) ? 1 : 0);
    const load = b.openMatches / b.capacity;
    if (!best || fit > best.fit || (fit === best.fit && (load < best.load || (load === best.load && b.userId < best.b.userId)))) best = { b, fit, load };
  }
  return best?.b ?? null;
}
