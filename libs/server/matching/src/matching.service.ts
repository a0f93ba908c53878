import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, DismissReason, ItemKind, ItemStatus, Locale, MATCH_FEATURES, MatchFeedback, MatchingModel, MatchStatus, MatchView, Page } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { BrokersService } from './brokers.service';
import { Achievement, CatalogueItem, CatalogueService, KINDS, TechNeed } from '@ztt/catalogue';
import { APP_CONFIG, AppConfig, AppException, AuthContext, currentRequest, hasPlatformRole } from '@ztt/platform';
import { PlatformRole } from '@ztt/contracts';
import { NotificationsService } from '@ztt/notifications';
import { SearchService } from '@ztt/search';
import { DataSource, In } from 'typeorm';
import { Match } from './match.entity';
import { AchievementSide, DEFAULT_WEIGHTS, MatchWeights, NeedSide, reasonText, scorePair, Scored } from './scoring';

/** How long a process keeps the matching model before reading it again (an admin may have tuned it). */
const MODEL_TTL_MS = 5_000;

/** How many candidates retrieval brings before the scoring model reranks them. */
const CANDIDATES = 100;

interface Pair extends Scored {
  needId: string | null;
  achievementId: string;
}

/**
 * Proposes, for a need, the achievements most likely to become a deal (and for an achievement,
 * the needs): Meilisearch retrieves candidates over the Chinese-aware fields; a transparent model
 * reranks them; each match keeps its score breakdown and a plain-language reason.
 */
@Injectable()
export class MatchingService {
  private readonly configured: { weights: MatchWeights; topK: number };
  private weights: MatchWeights;
  private topK: number;
  private model: MatchingModel;
  private modelReadAt = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly search: SearchService,
    private readonly catalogue: CatalogueService,
    private readonly brokers: BrokersService,
    @Optional() private readonly notifications?: NotificationsService,
    @Optional() private readonly audit?: AuditService,
  ) {
    this.configured = { weights: { ...DEFAULT_WEIGHTS, ...config.matching.weights }, topK: config.matching.topK };
    this.weights = this.configured.weights;
    this.topK = this.configured.topK;
    this.model = { ...this.configured, source: 'configuration', updatedAt: null, updatedBy: null };
  }

  /**
   * The model in force: the weights and top K an admin saved, else those from configuration
   * (MATCH_WEIGHTS, MATCH_TOP_K). Every process (API and worker) rereads it at most every few seconds.
   */
  async settings(): Promise<MatchingModel> {
    if (Date.now() - this.modelReadAt < MODEL_TTL_MS) return this.model;
    const [row] = (await this.db.query(`SELECT weights, top_k, updated_by, updated_at FROM matching_model WHERE id = 1`)) as {
      weights: MatchWeights;
      top_k: number;
      updated_by: string | null;
      updated_at: Date;
    }[];
    this.model = row
      ? { weights: { ...this.configured.weights, ...row.weights }, topK: row.top_k, source: 'admin', updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by }
      : { ...this.configured, source: 'configuration', updatedAt: null, updatedBy: null };
    this.weights = this.model.weights;
    this.topK = this.model.topK;
    this.modelReadAt = Date.now();
    return this.model;
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
      await this.audit?.record(
        { action: AuditAction.MatchingModelChanged, actorId: actor.userId, actorEmail: actor.email, targetType: 'matching_model', detail: next ? { topK: next.topK, weights: MATCH_FEATURES.map((f) => `${f}=${next.weights[f]}`) } : { reset: true } },
        m,
      );
    });
    this.modelReadAt = 0;
    return this.settings();
  }

  /** Top achievements for a draft need, scored and explained; nothing is saved. */
  async preview(need: NeedSide): Promise<MatchView[]> {
    await this.settings();
    const pairs = await this.forNeed(need, null);
    return this.viewsOf(pairs, 'need', currentRequest()?.locale ?? 'zh-CN');
  }

  /** Recomputes and stores the top K matches of a published item (both directions). Idempotent. */
  async matchItem(kind: ItemKind, id: string, source: Match['source']): Promise<number> {
    await this.settings();
    const item: CatalogueItem | null = await this.db.manager.findOneBy(KINDS[kind].entity, { id, status: ItemStatus.Published });
    if (!item) return 0;
    const pairs = item instanceof TechNeed ? await this.forNeed(needSide(item), id) : await this.forAchievement(item as Achievement);
    let inserted = 0;
    for (const p of pairs) {
      // A pair someone has already acted on keeps its status; its score and reason are refreshed.
      const rows = (await this.db.query(
        `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (need_id, achievement_id) DO UPDATE
           SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,
               reason = EXCLUDED.reason, updated_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [p.needId, p.achievementId, p.score, p.breakdown, p.explanation, reasonText(p.explanation, 'zh-CN'), source],
      )) as { inserted: boolean }[];
      if (rows[0]?.inserted) inserted++;
    }
    await this.brokers.assignUnassigned(this.db.manager, kind === 'need' ? { needId: id } : { achievementId: id });
    // The owner hears about new pairs found on publication (quarterly runs send brokers a digest instead).
    if (inserted && source === 'publication' && this.notifications) {
      await this.notifications.notify(this.db.manager, {
        to: { orgId: item.ownerOrgId },
        type: 'match.new',
        params: { title: item.title, n: String(inserted) },
        link: `/${KINDS[kind].path}/${id}`,
        dedupeKey: `match-new:${kind}:${id}:${beijingDate(new Date())}`,
      });
    }
    return pairs.length;
  }

  /** Stored matches of an item, for its owner organisation and platform admins. */
  async listFor(actor: AuthContext, kind: ItemKind, id: string): Promise<MatchView[]> {
    await this.assertOwnerOrAdmin(actor, kind, id);
    await this.settings();
    const rows = await this.db.manager.find(Match, { where: kind === 'need' ? { needId: id } : { achievementId: id }, order: { score: 'DESC' }, take: this.topK });
    return this.withFeedback(actor, await this.viewsOf(rows.map(pairOf), kind, currentRequest()?.locale ?? 'zh-CN', rows));
  }

  /** An item's matches are for its owner organisation and platform admins; to anyone else, 404. */
  async assertOwnerOrAdmin(actor: AuthContext, kind: ItemKind, id: string): Promise<void> {
    const item = await this.catalogue.findVisible(actor, KINDS[kind], id);
    if (!actor.orgRoles.has(item.ownerOrgId) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
  }

  /** The owner side marks a match seen, contacted, or dismissed with a reason. */
  async setStatus(actor: AuthContext, matchId: string, status: MatchStatus, dismissReason?: DismissReason): Promise<MatchView> {
    const { side } = await this.accessible(actor, matchId);
    if (status === MatchStatus.Dismissed && !dismissReason) throw AppException.validation([{ field: 'dismissReason', code: 'isNotEmpty' }]);
    await this.db.manager.update(Match, { id: matchId }, { status, dismissReason: status === MatchStatus.Dismissed ? dismissReason : null });
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
    const [owners] = (await this.db.query(`SELECT n.owner_org_id AS need_org, a.owner_org_id AS ach_org FROM tech_need n, achievement a WHERE n.id = $1 AND a.id = $2`, [
      match.needId,
      match.achievementId,
    ])) as { need_org: string; ach_org: string }[];
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
    const views = await this.viewsOf(rows.map(pairOf), 'need', locale, rows);
    const needs = (await this.db.query(
      `SELECT t.id, t.title, o.name AS org FROM tech_need t JOIN organisation o ON o.id = t.owner_org_id WHERE t.id = ANY($1)`,
      [rows.map((r) => r.needId)],
    )) as { id: string; title: string; org: string }[];
    const byId = new Map(needs.map((n) => [n.id, n]));
    return views.map((v, i) => {
      const n = byId.get(rows[i]?.needId as string);
      return { ...v, brokerId: rows[i]?.brokerId ?? null, need: { id: rows[i]?.needId as string, title: n?.title ?? '', ownerOrgName: n?.org ?? '' } };
    });
  }

  // ---- retrieval and ranking ------------------------------------------------------------

  private async forNeed(need: NeedSide, needId: string | null): Promise<Pair[]> {
    const hits = await this.search.relevant('achievement', queryOf(need), CANDIDATES);
    if (!hits.length) return [];
    const top = hits[0]?.score ?? 1;
    const achievements = await this.db.manager.findBy(Achievement, { id: In(hits.map((h) => h.id)), status: ItemStatus.Published });
    const byId = new Map(achievements.map((a) => [a.id, a]));
    const pairs: Pair[] = [];
    for (const h of hits) {
      const a = byId.get(h.id);
      if (!a) continue;
      pairs.push({ needId, achievementId: a.id, ...scorePair(need, achievementSide(a), h.score / top, this.weights) });
    }
    return pairs.filter(related).sort((x, y) => y.score - x.score).slice(0, this.topK);
  }

  private async forAchievement(a: Achievement): Promise<Pair[]> {
    const hits = await this.search.relevant('need', queryOf(a), CANDIDATES);
    if (!hits.length) return [];
    const top = hits[0]?.score ?? 1;
    const needs = await this.db.manager.findBy(TechNeed, { id: In(hits.map((h) => h.id)), status: ItemStatus.Published });
    const byId = new Map(needs.map((n) => [n.id, n]));
    const pairs: Pair[] = [];
    for (const h of hits) {
      const n = byId.get(h.id);
      if (!n) continue;
      pairs.push({ needId: n.id, achievementId: a.id, ...scorePair(needSide(n), achievementSide(a), h.score / top, this.weights) });
    }
    return pairs.filter(related).sort((x, y) => y.score - x.score).slice(0, this.topK);
  }

  private async viewsOf(pairs: Pair[], from: ItemKind, locale: Locale, rows?: Match[]): Promise<MatchView[]> {
    if (!pairs.length) return [];
    const otherKind: ItemKind = from === 'need' ? 'achievement' : 'need';
    const otherIds = pairs.map((p) => (from === 'need' ? p.achievementId : (p.needId as string)));
    const others = (await this.db.query(
      `SELECT t.id, t.title, t.region, t.trl, o.name AS org FROM ${KINDS[otherKind].table} t JOIN organisation o ON o.id = t.owner_org_id WHERE t.id = ANY($1)`,
      [otherIds],
    )) as { id: string; title: string; region: string; trl: number; org: string }[];
    const byId = new Map(others.map((o) => [o.id, o]));
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
}

/** The calendar day in Beijing time: "2026-11-29". */
function beijingDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A pair with nothing in common — no shared term, chain or keyword — is not proposed, however well
 * TRL, mode, region or budget line up: those refine a match, they do not make one.
 */
function related(p: Pair): boolean {
  return p.explanation.sharedTerms.length > 0 || p.breakdown.chain > 0 || p.breakdown.keywords > 0;
}

/** Title and keywords first, then the start of the summary: the search code cuts it into chunks. */
function queryOf(x: { title: string; keywords: string[]; summary: string }): string {
  return `${x.title} ${x.keywords.join(' ')} ${x.summary.slice(0, 60)}`;
}

export function needSide(n: TechNeed): NeedSide {
  return {
    title: n.title,
    summary: n.summary,
    keywords: n.keywords,
    chains: n.chains,
    trl: n.trl,
    cooperationModes: n.cooperationModes,
    budgetMax: n.budgetMax,
    budgetNegotiable: n.budgetNegotiable,
    region: n.region,
  };
}

function achievementSide(a: Achievement): AchievementSide {
  return {
    title: a.title,
    summary: a.summary,
    keywords: a.keywords,
    chains: a.chains,
    trl: a.trl,
    cooperationModes: a.cooperationModes,
    askingPrice: a.askingPrice,
    priceNegotiable: a.priceNegotiable,
    region: a.region,
    publishedAt: a.publishedAt,
  };
}

function pairOf(m: Match): Pair {
  return { needId: m.needId, achievementId: m.achievementId, score: Number(m.score), breakdown: m.breakdown, explanation: m.explanation };
}
