import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  beijingDate,
  DismissReason,
  ErrorCode,
  ItemKind,
  Locale,
  MATCH_FEATURES,
  MatchFeedback,
  MatchingModel,
  MatchStatus,
  MatchView,
  Page,
  PlatformRole,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueItem, CatalogueReader, CatalogueService, ItemCard, KINDS } from '@ztt/catalogue';
import { OrganisationDirectory } from '@ztt/identity';
import { AppException, AuthContext, currentRequest, hasPlatformRole } from '@ztt/platform';
import { NotificationsService } from '@ztt/notifications';
import { DataSource, EntityManager, Not } from 'typeorm';
import { BrokersService } from './brokers.service';
import { Match } from './match.entity';
import { MatchRanker, Pair } from './match-ranker';
import { MatchWeights, NeedSide, reasonText } from './scoring';

export type { Pair } from './match-ranker';

/**
 * Proposes, for a need, the achievements most likely to become a deal (and for an achievement,
 * the needs): Meilisearch retrieves candidates over the Chinese-aware fields; they are ranked by
 * text relevance with the corpus statistics every path shares, then a transparent model
 * reranks them; each match keeps its score breakdown and a plain-language reason.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ranker: MatchRanker,
    private readonly catalogue: CatalogueService,
    private readonly reader: CatalogueReader,
    private readonly organisations: OrganisationDirectory,
    private readonly brokers: BrokersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** The model in force (see MatchRanker.settings). */
  settings(): Promise<MatchingModel> {
    return this.ranker.settings();
  }

  /** Admin: tunes the weights and top K (audited); `null` goes back to the configured model. */
  async saveSettings(actor: AuthContext, next: { weights: MatchWeights; topK: number } | null): Promise<MatchingModel> {
    if (next && MATCH_FEATURES.every((f) => !(next.weights[f] > 0))) throw AppException.validation([{ field: 'weights', code: 'weights_all_zero' }]);
    await this.db.transaction(async (m) => {
      if (next) {
        const weights = Object.fromEntries(MATCH_FEATURES.map((f) => [f, next.weights[f]]));
        await m.query(
          `INSERT INTO matching_model (id, weights, top_k, updated_by) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET weights = EXCLUDED.weights, top_k = EXCLUDED.top_k, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [JSON.stringify(weights), next.topK, actor.userId],
        );
      } else {
        await m.query(`DELETE FROM matching_model WHERE id = 1`);
      }
      await this.audit.record(
        {
          action: AuditAction.MatchingModelChanged,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'matching_model',
          detail: next ? { topK: next.topK, weights: MATCH_FEATURES.map((f) => `${f}=${next.weights[f]}`) } : { reset: true },
        },
        m,
      );
    });
    this.ranker.forgetSettings();
    return this.settings();
  }

  /** Top achievements for a draft need, scored and explained; nothing is saved. */
  async preview(need: NeedSide): Promise<MatchView[]> {
    await this.settings();
    const pairs = await this.ranker.rankNeed(need);
    return this.viewsOf(pairs, 'need', currentRequest()?.locale ?? 'zh-CN');
  }

  /** Recomputes and stores the top K matches of a published item (both directions). Idempotent. */
  async matchItem(kind: ItemKind, id: string, source: Match['source']): Promise<number> {
    const [outcome] = await this.matchItems(kind, [id], source);
    if (outcome?.error !== undefined) throw outcome.error;
    return outcome?.matches ?? 0;
  }

  /**
   * `matchItem` for several items of one kind at once, as one unit of work: one multi-search for all
   * their queries, one read of the candidates, one transaction for their matches (a multi-row
   * upsert), their broker assignment (unless `assign` is false: a quarterly run assigns a page at a
   * time) and the owners' notifications. An item that cannot be matched gets its error in its
   * outcome and does not stop the others; items not published are skipped with 0 matches. `fence`
   * opens the transaction (a quarterly run checks it still holds the run): when it throws, nothing
   * is written and its error is thrown, as no item's fault.
   */
  async matchItems(
    kind: ItemKind,
    ids: string[],
    source: Match['source'],
    opts: { assign?: boolean; fence?: (m: EntityManager) => Promise<unknown> } = {},
  ): Promise<MatchOutcome[]> {
    if (!ids.length) return [];
    await this.settings();
    const items = await this.reader.published(kind, ids);
    const byId = new Map(items.map((i) => [i.id, i]));
    const found = ids.map((id) => byId.get(id)).filter((i): i is CatalogueItem => !!i);
    let ranked: Pair[][];
    try {
      ranked = await this.ranker.rank(kind, found);
    } catch (error) {
      return ids.map((id) => (byId.has(id) ? { id, matches: 0, error } : { id, matches: 0 }));
    }
    let fenced = !opts.fence;
    try {
      await this.db.transaction(async (m) => {
        await opts.fence?.(m);
        fenced = true;
        const inserted = await upsertMatches(m, ranked.flat(), source);
        if (opts.assign !== false) await this.brokers.assignUnassigned(m, kind === 'need' ? { needIds: ids } : { achievementIds: ids });
        // The owner hears about new pairs found on publication (quarterly runs send brokers a digest instead).
        if (source !== 'publication') return;
        for (const [i, item] of found.entries()) {
          const n = (ranked[i] as Pair[]).filter((p) => inserted.has(pairKey(p))).length;
          if (!n) continue;
          await this.notifications.notify(m, {
            to: { orgId: item.ownerOrgId },
            type: 'match.new',
            params: { title: item.title, n: String(n) },
            link: `/${KINDS[kind].path}/${item.id}`,
            dedupeKey: `match-new:${kind}:${item.id}:${beijingDate(new Date())}`,
          });
        }
      });
    } catch (error) {
      if (!fenced) throw error;
      // One item's bad row must not cost the others theirs: on failure, each item on its own.
      if (found.length > 1) return (await Promise.all(ids.map((id) => this.matchItems(kind, [id], source, opts)))).flat();
      return ids.map((id) => (byId.has(id) ? { id, matches: 0, error } : { id, matches: 0 }));
    }
    const counts = new Map(found.map((item, i) => [item.id, (ranked[i] as Pair[]).length]));
    return ids.map((id) => ({ id, matches: counts.get(id) ?? 0 }));
  }

  /** Stores ranked pairs (see upsertMatches) in the caller's transaction; the keys of the new ones. */
  store(m: EntityManager, pairs: Pair[], source: Match['source']): Promise<Set<string>> {
    return upsertMatches(m, pairs, source);
  }

  /** Stored matches of an item, for its owner organisation and platform admins. */
  async listFor(actor: AuthContext, kind: ItemKind, id: string): Promise<MatchView[]> {
    await this.assertOwnerOrAdmin(actor, kind, id);
    await this.settings();
    const rows = await this.db.manager.find(Match, { where: kind === 'need' ? { needId: id } : { achievementId: id }, order: { score: 'DESC' }, take: this.ranker.keep });
    return this.withFeedback(actor, await this.viewsOf(rows.map(pairOf), kind, currentRequest()?.locale ?? 'zh-CN', rows));
  }

  /** An item's matches are for its owner organisation and platform admins; to anyone else, 404. */
  async assertOwnerOrAdmin(actor: AuthContext, kind: ItemKind, id: string): Promise<void> {
    const item = await this.catalogue.findVisible(actor, KINDS[kind], id);
    if (!actor.orgRoles.has(item.ownerOrgId) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
  }

  /**
   * The owner side marks a match seen, contacted, or dismissed with a reason; 409 once the match has
   * become a deal (the deal desk follows it from then on).
   */
  async setStatus(actor: AuthContext, matchId: string, status: MatchStatus, dismissReason?: DismissReason): Promise<MatchView> {
    const { side } = await this.accessible(actor, matchId);
    if (status === MatchStatus.Dismissed && !dismissReason) throw AppException.validation([{ field: 'dismissReason', code: 'isNotEmpty' }]);
    const changed = await this.db.manager.update(
      Match,
      { id: matchId, status: Not(MatchStatus.Deal) },
      { status, dismissReason: status === MatchStatus.Dismissed ? dismissReason : null },
    );
    if (!changed.affected) throw AppException.conflict(ErrorCode.MatchInDeal);
    return this.viewAfterChange(actor, matchId, side);
  }

  /**
   * 有用 / 没用: the reader's own verdict on a match (owners of either side, its broker, admins),
   * one per person, changeable; `null` takes it back. The match's status is not touched.
   */
  async feedback(actor: AuthContext, matchId: string, verdict: MatchFeedback | null): Promise<MatchView> {
    const { side } = await this.accessible(actor, matchId);
    if (verdict) {
      await this.db.query(
        `INSERT INTO match_feedback (match_id, user_id, verdict) VALUES ($1, $2, $3)
         ON CONFLICT (match_id, user_id) DO UPDATE SET verdict = EXCLUDED.verdict, updated_at = now()`,
        [matchId, actor.userId, verdict],
      );
    } else {
      await this.db.query(`DELETE FROM match_feedback WHERE match_id = $1 AND user_id = $2`, [matchId, actor.userId]);
    }
    return this.viewAfterChange(actor, matchId, side);
  }

  /** A match the actor may act on, and the side they read it from; 404 for anyone else (other brokers too). */
  private async accessible(actor: AuthContext, matchId: string): Promise<{ match: Match; side: ItemKind }> {
    const match = await this.db.manager.findOneBy(Match, { id: matchId });
    if (!match) throw AppException.notFound();
    const [needs, achievements] = await Promise.all([this.reader.cards('need', [match.needId]), this.reader.cards('achievement', [match.achievementId])]);
    const need = needs.get(match.needId);
    const achievement = achievements.get(match.achievementId);
    // Both sides or neither: a pair missing one is nobody's by ownership.
    const owners = need && achievement ? { need_org: need.ownerOrgId, ach_org: achievement.ownerOrgId } : undefined;
    const mine =
      (owners && (actor.orgRoles.has(owners.need_org) || actor.orgRoles.has(owners.ach_org))) || match.brokerId === actor.userId || hasPlatformRole(actor, PlatformRole.Admin);
    if (!mine) throw AppException.notFound();
    return { match, side: owners && actor.orgRoles.has(owners.need_org) ? 'need' : 'achievement' };
  }

  private async viewAfterChange(actor: AuthContext, matchId: string, side: ItemKind): Promise<MatchView> {
    const updated = await this.db.manager.findOneByOrFail(Match, { id: matchId });
    const views = await this.viewsOf([pairOf(updated)], side, currentRequest()?.locale ?? 'zh-CN', [updated]);
    return (await this.withFeedback(actor, views))[0] as MatchView;
  }

  /** Adds the reader's own verdict and the counts of useful / not useful to stored matches. */
  private async withFeedback(actor: AuthContext, views: MatchView[]): Promise<MatchView[]> {
    const ids = views.map((v) => v.id).filter((id): id is string => !!id);
    if (!ids.length) return views;
    const rows = (await this.db.query(
      `SELECT match_id, count(*) FILTER (WHERE verdict = 'useful')::int AS useful, count(*) FILTER (WHERE verdict = 'not-useful')::int AS not_useful,
              max(verdict) FILTER (WHERE user_id = $2) AS mine
         FROM match_feedback WHERE match_id = ANY($1) GROUP BY match_id`,
      [ids, actor.userId],
    )) as { match_id: string; useful: number; not_useful: number; mine: MatchFeedback | null }[];
    const byId = new Map(rows.map((r) => [r.match_id, r]));
    return views.map((v) => {
      const r = v.id ? byId.get(v.id) : undefined;
      return { ...v, myFeedback: r?.mine ?? null, feedback: { useful: r?.useful ?? 0, notUseful: r?.not_useful ?? 0 } };
    });
  }

  /** One match, for its two owners, its broker and platform admins; 404 for anyone else (other brokers too). */
  async getOne(actor: AuthContext, id: string): Promise<MatchView> {
    const { match } = await this.accessible(actor, id);
    return (await this.withFeedback(actor, await this.pairViews([match], currentRequest()?.locale ?? 'zh-CN')))[0] as MatchView;
  }

  /** The broker's workbench: the matches handed to them, best first. */
  async workbench(actor: AuthContext, q: { status?: MatchStatus; page: number; pageSize: number }): Promise<Page<MatchView>> {
    const [rows, total] = await this.db.manager.findAndCount(Match, {
      where: { brokerId: actor.userId, ...(q.status ? { status: q.status } : {}) },
      order: { score: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: await this.withFeedback(actor, await this.pairViews(rows, currentRequest()?.locale ?? 'zh-CN')), total, page: q.page, pageSize: q.pageSize };
  }

  /** Views showing both sides: the achievement as counterpart, the need alongside. */
  private async pairViews(rows: Match[], locale: Locale): Promise<MatchView[]> {
    const [views, byId] = await Promise.all([
      this.viewsOf(rows.map(pairOf), 'need', locale, rows),
      this.listed(
        'need',
        rows.map((r) => r.needId),
      ),
    ]);
    return views.map((v, i) => {
      const n = byId.get(rows[i]?.needId as string);
      return { ...v, brokerId: rows[i]?.brokerId ?? null, need: { id: rows[i]?.needId as string, title: n?.title ?? '', ownerOrgName: n?.org ?? '' } };
    });
  }

  private async viewsOf(pairs: Pair[], from: ItemKind, locale: Locale, rows?: Match[]): Promise<MatchView[]> {
    if (!pairs.length) return [];
    const otherKind: ItemKind = from === 'need' ? 'achievement' : 'need';
    const otherIds = pairs.map((p) => (from === 'need' ? p.achievementId : (p.needId as string)));
    const byId = await this.listed(otherKind, otherIds);
    return pairs.map((p, i) => {
      const other = byId.get(otherIds[i] as string);
      const row = rows?.[i];
      return {
        id: row?.id ?? null,
        needId: p.needId,
        achievementId: p.achievementId,
        score: p.score,
        breakdown: p.breakdown,
        reason: reasonText(p.explanation, locale),
        explanation: p.explanation,
        status: row?.status ?? MatchStatus.Proposed,
        dismissReason: row?.dismissReason ?? null,
        counterpart: { id: otherIds[i] as string, kind: otherKind, title: other?.title ?? '', ownerOrgName: other?.org ?? '', region: other?.region ?? '', trl: other?.trl ?? 0 },
        createdAt: row?.createdAt.toISOString() ?? null,
      };
    });
  }

  /** The items as a match shows them beside each other: their card and their owner organisation's name (an item without one is absent). */
  private async listed(kind: ItemKind, ids: string[]): Promise<Map<string, ItemCard & { org: string }>> {
    const cards = await this.reader.cards(kind, ids);
    const names = await this.organisations.names([...cards.values()].map((c) => c.ownerOrgId));
    const out = new Map<string, ItemCard & { org: string }>();
    for (const c of cards.values()) {
      const org = names.get(c.ownerOrgId);
      if (org !== undefined) out.set(c.id, { ...c, org });
    }
    return out;
  }
}

/** What matching one item came to: the matches proposed, or why it could not be matched. */
export interface MatchOutcome {
  id: string;
  matches: number;
  error?: unknown;
}

/** Rows per upsert statement: 7 parameters each, well under PostgreSQL's 65,535. */
const UPSERT_ROWS = 5_000;

const pairKey = (p: { needId: string | null; achievementId: string }) => `${p.needId}/${p.achievementId}`;

/**
 * Stores the pairs (new ones proposed; a pair someone has already acted on keeps its status, its
 * score and reason are refreshed) in multi-row upserts, in key order so that concurrent writers
 * lock rows in the same order. Returns the keys of the pairs that were new.
 */
async function upsertMatches(m: EntityManager, all: Pair[], source: Match['source']): Promise<Set<string>> {
  const seen = new Set<string>();
  const pairs = all
    .filter((p) => p.needId && !seen.has(pairKey(p)) && seen.add(pairKey(p)))
    .sort((x, y) => ((x.needId as string) < (y.needId as string) ? -1 : x.needId === y.needId ? (x.achievementId < y.achievementId ? -1 : 1) : 1));
  const inserted = new Set<string>();
  for (let start = 0; start < pairs.length; start += UPSERT_ROWS) {
    const params: unknown[] = [];
    const values = pairs
      .slice(start, start + UPSERT_ROWS)
      .map((p) => `(${[p.needId, p.achievementId, p.score, p.breakdown, p.explanation, reasonText(p.explanation, 'zh-CN'), source].map((v) => `$${params.push(v)}`).join(', ')})`);
    const rows = (await m.query(
      `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source)
       VALUES ${values.join(', ')}
       ON CONFLICT (need_id, achievement_id) DO UPDATE
         SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,
             reason = EXCLUDED.reason, updated_at = now()
       RETURNING need_id, achievement_id, (xmax = 0) AS inserted`,
      params,
    )) as { need_id: string; achievement_id: string; inserted: boolean }[];
    for (const r of rows) if (r.inserted) inserted.add(pairKey({ needId: r.need_id, achievementId: r.achievement_id }));
  }
  return inserted;
}

function pairOf(m: Match): Pair {
  return { needId: m.needId, achievementId: m.achievementId, score: Number(m.score), breakdown: m.breakdown, explanation: m.explanation };
}
