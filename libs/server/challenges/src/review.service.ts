import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApplicationStatus,
  AuditAction,
  ChallengeStatus,
  ErrorCode,
  PanelView,
  PlatformRole,
  RankingEntry,
  ReviewApplicationView,
  ReviewerPanelView,
  ScoreView,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory, PersonCard } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource, EntityManager, Not } from 'typeorm';
import { aggregate, rank, weightedTotal } from './aggregate';
import { ApplicationsService } from './applications.service';
import { Challenge, ChallengeApplication, ChallengeReviewer, ChallengeScore } from './challenge.entity';
import { ChallengesService } from './challenges.service';

type Exclusion = ReviewerPanelView['applications'][number]['excluded'];

/**
 * Expert review: the admin forms a panel of users with the reviewer role; each reviewer declares
 * conflicts; reviewers from an applicant's organisation, or on its team, are excluded
 * automatically; scores are per criterion, final once submitted (one per reviewer and
 * application, by a unique constraint), and others' scores stay hidden until one's own is in.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly challenges: ChallengesService,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
  ) {}

  // ---- the admin's side --------------------------------------------------------------------

  async panel(challengeId: string): Promise<PanelView> {
    await this.challenges.mustFind(challengeId);
    const seats = (await this.db.query(
      `SELECT r.user_id, r.created_at, r.declared_at IS NOT NULL AS declared,
              (SELECT count(*)::int FROM challenge_score s JOIN challenge_application a ON a.id = s.application_id WHERE a.challenge_id = r.challenge_id AND s.reviewer_id = r.user_id) AS scored
         FROM challenge_reviewer r WHERE r.challenge_id = $1`,
      [challengeId],
    )) as { user_id: string; created_at: Date; declared: boolean; scored: number }[];
    const people = await this.people.cards(seats.map((r) => r.user_id));
    const reviewers = seats
      .filter((r) => people.has(r.user_id))
      .map((r) => ({ ...r, person: people.get(r.user_id) as PersonCard }))
      // Seated together, then by name: the panel reads in the order it was formed.
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.person.displayName.localeCompare(b.person.displayName, 'zh-CN') || a.user_id.localeCompare(b.user_id));
    const candidates = await this.people.withRole(PlatformRole.Reviewer, { limit: 500 });
    return {
      reviewers: reviewers.map((r) => ({ userId: r.user_id, displayName: r.person.displayName, email: r.person.email, declared: r.declared, scored: r.scored })),
      candidates: candidates.map((c) => ({ userId: c.id, displayName: c.displayName, email: c.email })),
    };
  }

  /** Sets the panel. Reviewers who have already scored stay; new ones are told. */
  async setPanel(actor: AuthContext, challengeId: string, reviewerIds: string[]): Promise<PanelView> {
    const c = await this.challenges.mustFind(challengeId);
    if (![ChallengeStatus.Published, ChallengeStatus.Reviewing].includes(c.status)) throw AppException.invalidState();
    const ok = await this.people.withRole(PlatformRole.Reviewer, { among: reviewerIds });
    if (ok.length !== reviewerIds.length) throw AppException.validation([{ field: 'reviewerIds', code: 'challenge_not_reviewer' }]);
    await this.db.transaction(async (m) => {
      await m.query(
        `DELETE FROM challenge_reviewer r WHERE r.challenge_id = $1 AND NOT (r.user_id = ANY($2::uuid[]))
            AND NOT EXISTS (SELECT 1 FROM challenge_score s JOIN challenge_application a ON a.id = s.application_id WHERE a.challenge_id = r.challenge_id AND s.reviewer_id = r.user_id)`,
        [challengeId, reviewerIds],
      );
      const added = (await m.query(
        `INSERT INTO challenge_reviewer (challenge_id, user_id, added_by) SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u
         ON CONFLICT (challenge_id, user_id) DO NOTHING RETURNING user_id`,
        [challengeId, reviewerIds, actor.userId],
      )) as { user_id: string }[];
      await this.audit.record(
        { action: AuditAction.ChallengePanelSet, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: challengeId, detail: { reviewerIds } },
        m,
      );
      if (added.length) {
        await this.notifications.notify(m, {
          to: { userIds: added.map((a) => a.user_id) },
          type: 'challenge.panel',
          params: { title: c.title },
          link: `/review/challenges/${challengeId}`,
          dedupeKey: `challenge-panel:${challengeId}`,
        });
      }
    });
    return this.panel(challengeId);
  }

  /** Every live application with its reviewers' totals, the aggregate (see aggregate.ts) and the rank. */
  async ranking(challengeId: string): Promise<RankingEntry[]> {
    await this.challenges.mustFind(challengeId);
    const rows = (await this.db.query(
      `SELECT a.id, a.status, a.org_id, coalesce(array_agg(s.total::text ORDER BY s.total) FILTER (WHERE s.id IS NOT NULL), '{}') AS totals
         FROM challenge_application a LEFT JOIN challenge_score s ON s.application_id = a.id
        WHERE a.challenge_id = $1 AND a.status <> 'withdrawn'
        GROUP BY a.id, a.status, a.org_id`,
      [challengeId],
    )) as { id: string; status: ApplicationStatus; org_id: string; totals: string[] }[];
    const orgNames = await this.organisations.names(rows.map((r) => r.org_id));
    return rank(
      rows
        .filter((r) => orgNames.has(r.org_id))
        .map((r) => ({
          applicationId: r.id,
          orgName: orgNames.get(r.org_id) as string,
          status: r.status,
          totals: r.totals,
          scoreCount: r.totals.length,
          aggregate: aggregate(r.totals),
        })),
    );
  }

  // ---- the reviewer's side -----------------------------------------------------------------

  async myPanels(actor: AuthContext): Promise<ReviewerPanelView[]> {
    const ids = (await this.db.query(`SELECT challenge_id FROM challenge_reviewer WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100`, [actor.userId])) as {
      challenge_id: string;
    }[];
    const out: ReviewerPanelView[] = [];
    for (const r of ids) out.push(await this.forReviewer(actor, r.challenge_id));
    return out;
  }

  async forReviewer(actor: AuthContext, challengeId: string): Promise<ReviewerPanelView> {
    const { c, seat } = await this.seat(actor, challengeId);
    const apps = await this.db.manager.find(ChallengeApplication, { where: { challengeId }, order: { submittedAt: 'ASC' } });
    const live = apps.filter((a) => a.status !== ApplicationStatus.Withdrawn);
    const orgNames = await this.organisations.names(live.map((a) => a.orgId));
    const scored = (await this.db.query(`SELECT application_id FROM challenge_score WHERE reviewer_id = $1 AND application_id = ANY($2::uuid[])`, [
      actor.userId,
      live.map((a) => a.id),
    ])) as { application_id: string }[];
    return {
      challenge: {
        id: c.id,
        title: c.title,
        status: c.status,
        mode: c.mode,
        bounty: c.bounty,
        chains: c.chains,
        applicationDeadline: c.applicationDeadline.toISOString(),
        ownerOrgName: '',
        applicationCount: live.length,
        publishedAt: c.publishedAt?.toISOString() ?? null,
      },
      declared: !!seat.declaredAt,
      conflictApplicationIds: seat.conflictApplicationIds ?? [],
      applications: live.map((a) => ({
        id: a.id,
        orgName: orgNames.get(a.orgId) ?? '',
        status: a.status,
        excluded: exclusion(actor, seat, a),
        scored: scored.some((s) => s.application_id === a.id),
      })),
    };
  }

  /** The reviewer's declaration: the applications they have a conflict with (possibly none). */
  async declare(actor: AuthContext, challengeId: string, conflictApplicationIds: string[], statement: string): Promise<ReviewerPanelView> {
    await this.seat(actor, challengeId);
    const known = (await this.db.query(`SELECT id FROM challenge_application WHERE challenge_id = $1 AND id = ANY($2::uuid[])`, [challengeId, conflictApplicationIds])) as {
      id: string;
    }[];
    if (known.length !== conflictApplicationIds.length) throw AppException.validation([{ field: 'conflictApplicationIds', code: 'challenge_conflict_unknown' }]);
    await this.db.transaction(async (m) => {
      await m.update(ChallengeReviewer, { challengeId, userId: actor.userId }, { conflictApplicationIds, statement: statement.trim(), declaredAt: () => 'now()' });
      await this.audit.record(
        {
          action: AuditAction.ChallengeConflictDeclared,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'challenge',
          targetId: challengeId,
          detail: { conflictApplicationIds },
        },
        m,
      );
    });
    return this.forReviewer(actor, challengeId);
  }

  async application(actor: AuthContext, applicationId: string): Promise<ReviewApplicationView> {
    const { c, seat, a } = await this.reviewable(actor, applicationId);
    const mine = await this.scores(this.db.manager, applicationId, actor.userId, 'mine');
    const others = mine.length ? await this.scores(this.db.manager, applicationId, actor.userId, 'others') : null;
    void seat;
    return {
      application: (await this.applications.views(actor, [a]))[0] as ReviewApplicationView['application'],
      rubric: c.rubric,
      myScore: mine[0] ?? null,
      otherScores: others,
    };
  }

  /** One score per reviewer and application, final once submitted; a second attempt (even a concurrent one) gets 409. */
  async score(actor: AuthContext, applicationId: string, scores: number[], comment: string): Promise<ReviewApplicationView> {
    const { c, seat, a } = await this.reviewable(actor, applicationId);
    if (c.status !== ChallengeStatus.Reviewing || a.status !== ApplicationStatus.UnderReview) throw AppException.invalidState();
    if (!seat.declaredAt) throw new AppException(ErrorCode.ChallengeDeclarationRequired, HttpStatus.CONFLICT);
    if (scores.length !== c.rubric.length) throw AppException.validation([{ field: 'scores', code: 'challenge_scores_count', params: { n: c.rubric.length } }]);
    const total = weightedTotal(
      scores,
      c.rubric.map((r) => r.weight),
    );
    await this.db.transaction(async (m) => {
      const rows = (await m.query(
        `INSERT INTO challenge_score (application_id, reviewer_id, scores, total, comment) VALUES ($1, $2, $3::int[], $4, $5)
         ON CONFLICT (application_id, reviewer_id) DO NOTHING RETURNING id`,
        [applicationId, actor.userId, scores, total, comment.trim()],
      )) as { id: string }[];
      if (!rows.length) throw AppException.conflict(ErrorCode.ChallengeAlreadyScored);
      await this.audit.record(
        { action: AuditAction.ChallengeScored, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge_application', targetId: applicationId, detail: { total } },
        m,
      );
    });
    return this.application(actor, applicationId);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The caller's seat on the panel; not on it → 404. */
  private async seat(actor: AuthContext, challengeId: string): Promise<{ c: Challenge; seat: ChallengeReviewer }> {
    const c = await this.challenges.mustFind(challengeId);
    const seat = await this.db.manager.findOneBy(ChallengeReviewer, { challengeId, userId: actor.userId });
    if (!seat) throw AppException.notFound();
    return { c, seat };
  }

  /** An application this reviewer may read and score: on the panel and not excluded; otherwise 404 (audited). */
  private async reviewable(actor: AuthContext, applicationId: string): Promise<{ c: Challenge; seat: ChallengeReviewer; a: ChallengeApplication }> {
    const a = await this.db.manager.findOneBy(ChallengeApplication, { id: applicationId });
    if (!a || a.status === ApplicationStatus.Withdrawn) throw AppException.notFound();
    const seat = await this.db.manager.findOneBy(ChallengeReviewer, { challengeId: a.challengeId, userId: actor.userId });
    if (!seat || exclusion(actor, seat, a)) {
      await this.audit.record({
        action: AuditAction.AccessDenied,
        result: 'denied',
        actorId: actor.userId,
        actorEmail: actor.email,
        targetType: 'challenge_application',
        targetId: applicationId,
        detail: { reason: seat ? 'conflict' : 'not_on_panel' },
      });
      throw AppException.notFound();
    }
    return { c: await this.challenges.mustFind(a.challengeId), seat, a };
  }

  private async scores(m: EntityManager, applicationId: string, reviewerId: string, which: 'mine' | 'others'): Promise<ScoreView[]> {
    const rows = await m.find(ChallengeScore, { where: { applicationId, reviewerId: which === 'mine' ? reviewerId : Not(reviewerId) }, order: { submittedAt: 'ASC' } });
    const names = await this.people.names(
      rows.map((r) => r.reviewerId),
      m,
    );
    return rows
      .filter((r) => names.has(r.reviewerId))
      .map((r) => ({
        reviewerId: r.reviewerId,
        reviewerName: names.get(r.reviewerId) as string,
        scores: r.scores,
        total: r.total,
        comment: r.comment,
        submittedAt: r.submittedAt.toISOString(),
      }));
  }
}

/** Why this reviewer may not review this application, or null: own organisation, team member, or declared. */
function exclusion(actor: AuthContext, seat: ChallengeReviewer, a: ChallengeApplication): Exclusion {
  if (actor.orgRoles.has(a.orgId)) return 'own-org';
  if (a.leadUserId === actor.userId || a.team.some((t) => t.userId === actor.userId)) return 'team-member';
  if ((seat.conflictApplicationIds ?? []).includes(a.id)) return 'declared';
  return null;
}
