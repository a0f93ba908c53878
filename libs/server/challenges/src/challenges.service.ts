import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  beijingDate,
  BoardGroup,
  CHALLENGE_LIMITS,
  ChallengeAward,
  ChallengeInput,
  ChallengeMode,
  ChallengeStatus,
  ChallengeSummary,
  ChallengeView,
  ErrorCode,
  industryOfChain,
  NoticeView,
  ObjectionView,
  Page,
  VerificationStatus,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, containsPattern } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { aggregate } from './aggregate';
import { readChallengeAward } from './award';
import { CANCELLABLE, canSeeChallenge, EDITABLE, isAdmin, isMember } from './access';
import { Challenge, ChallengeApplication, ChallengeDecision, ChallengeObjection } from './challenge.entity';

type Input = Partial<ChallengeInput> & { version?: number };

/** The statuses the public board shows in each group; `now()` splits published into open and closed. */
const PUBLIC_STATUSES = [
  ChallengeStatus.Published,
  ChallengeStatus.Reviewing,
  ChallengeStatus.Notice,
  ChallengeStatus.InProgress,
  ChallengeStatus.Completed,
  ChallengeStatus.Terminated,
  ChallengeStatus.Cancelled,
];

/**
 * Challenges: drafting (an enterprise drafts, an admin approves; or an admin publishes directly),
 * the public board, the lifecycle up to the award (review, public notice, objections, finalisation)
 * and the end states. Applications, review and milestones live in their own services.
 */
@Injectable()
export class ChallengesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
  ) {}

  // ---- drafting ----------------------------------------------------------------------------

  async create(actor: AuthContext, input: ChallengeInput): Promise<ChallengeView> {
    const admin = isAdmin(actor);
    if (!admin && !isMember(actor, input.ownerOrgId)) throw AppException.validation([{ field: 'ownerOrgId', code: 'not_member' }]);
    const org = await this.organisations.find(input.ownerOrgId);
    if (!org) throw AppException.validation([{ field: 'ownerOrgId', code: 'not_member' }]);
    if (!admin && org.verificationStatus !== VerificationStatus.Verified) throw new AppException(ErrorCode.OrgNotVerified, HttpStatus.FORBIDDEN);
    await this.check(this.db.manager, input, true);
    const id = await this.db.transaction(async (m) => {
      const c = await m.save(Challenge, m.create(Challenge, { ...this.columns(input), ownerOrgId: input.ownerOrgId, createdBy: actor.userId, status: ChallengeStatus.Draft }));
      await this.audit.record({ action: AuditAction.ChallengeCreated, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: c.id }, m);
      return c.id;
    });
    return this.get(actor, id);
  }

  /** Drafts and submissions are edited by the owner organisation or an admin; a submission goes back to draft. */
  async update(actor: AuthContext, id: string, input: Input): Promise<ChallengeView> {
    const c = await this.findVisible(actor, id);
    if (!isAdmin(actor) && !isMember(actor, c.ownerOrgId)) throw AppException.notFound();
    if (!EDITABLE.includes(c.status)) throw AppException.invalidState();
    if (input.ownerOrgId !== undefined && input.ownerOrgId !== c.ownerOrgId) throw AppException.validation([{ field: 'ownerOrgId', code: 'invalid' }]);
    const merged = { ...this.inputOf(c), ...input } as ChallengeInput;
    await this.check(this.db.manager, merged, true);
    await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Challenge)
        .set({ ...this.columns(input), status: isAdmin(actor) ? c.status : ChallengeStatus.Draft, version: () => 'version + 1' })
        .where('id = :id AND version = :version AND status IN (:...editable)', { id, version: input.version, editable: EDITABLE })
        .execute();
      if (res.affected !== 1) throw AppException.conflict();
      await this.audit.record({ action: AuditAction.ChallengeUpdated, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: id }, m);
    });
    return this.get(actor, id);
  }

  /** The owner organisation asks the bureau to publish its draft. */
  async submit(actor: AuthContext, id: string): Promise<ChallengeView> {
    const c = await this.findVisible(actor, id);
    if (!isMember(actor, c.ownerOrgId) && !isAdmin(actor)) throw AppException.notFound();
    await this.check(this.db.manager, this.inputOf(c), true);
    await this.transition(actor, c, [ChallengeStatus.Draft], ChallengeStatus.Submitted, AuditAction.ChallengeSubmitted, {}, async (m) => {
      await this.notifications.notify(m, {
        to: { platformAdmins: true },
        type: 'challenge.submitted',
        params: { title: c.title },
        link: `/admin/challenges`,
        dedupeKey: `challenge-submitted:${id}:${c.version}`,
      });
    });
    return this.get(actor, id);
  }

  async publish(actor: AuthContext, id: string): Promise<ChallengeView> {
    const c = await this.mustFind(id);
    await this.check(this.db.manager, this.inputOf(c), true);
    await this.transition(
      actor,
      c,
      [ChallengeStatus.Draft, ChallengeStatus.Submitted],
      ChallengeStatus.Published,
      AuditAction.ChallengePublished,
      { publishedAt: () => 'now()', rejectionReason: null },
      async (m) => {
        await this.notifications.notify(m, {
          to: { orgId: c.ownerOrgId },
          type: 'challenge.published',
          params: { title: c.title },
          link: `/challenges/${id}`,
          dedupeKey: `challenge-published:${id}`,
        });
      },
    );
    return this.get(actor, id);
  }

  async reject(actor: AuthContext, id: string, reason: string): Promise<ChallengeView> {
    const c = await this.mustFind(id);
    const why = reason.trim();
    if (!why) throw AppException.validation([{ field: 'reason', code: 'isNotEmpty' }]);
    await this.transition(actor, c, [ChallengeStatus.Submitted], ChallengeStatus.Draft, AuditAction.ChallengeRejected, { rejectionReason: why }, async (m) => {
      await this.notifications.notify(m, {
        to: { orgId: c.ownerOrgId },
        type: 'challenge.rejected',
        params: { title: c.title, reason: why },
        link: `/challenges/${id}`,
        dedupeKey: `challenge-rejected:${id}:${c.version}`,
      });
    });
    return this.get(actor, id);
  }

  /** Closes applications (at or before the deadline) and opens the panel's scoring. */
  async startReview(actor: AuthContext, id: string): Promise<ChallengeView> {
    const c = await this.mustFind(id);
    await this.transition(actor, c, [ChallengeStatus.Published], ChallengeStatus.Reviewing, AuditAction.ChallengeReviewStarted, {}, async (m) => {
      await m.query(`UPDATE challenge_application SET status = 'under_review', version = version + 1, updated_at = now() WHERE challenge_id = $1 AND status = 'submitted'`, [id]);
    });
    return this.get(actor, id);
  }

  async cancel(actor: AuthContext, id: string, reason: string): Promise<ChallengeView> {
    const c = await this.mustFind(id);
    await this.transition(actor, c, CANCELLABLE, ChallengeStatus.Cancelled, AuditAction.ChallengeCancelled, { endReason: reason.trim() }, (m) =>
      this.tellApplicants(m, c, 'cancelled', reason.trim()),
    );
    return this.get(actor, id);
  }

  async terminate(actor: AuthContext, id: string, reason: string): Promise<ChallengeView> {
    const c = await this.mustFind(id);
    await this.transition(actor, c, [ChallengeStatus.InProgress], ChallengeStatus.Terminated, AuditAction.ChallengeTerminated, { endReason: reason.trim() }, async (m) => {
      await m.query(`UPDATE challenge_milestone SET status = 'cancelled' WHERE challenge_id = $1 AND status IN ('planned', 'submitted', 'sent_back')`, [id]);
      await this.tellApplicants(m, c, 'terminated', reason.trim());
    });
    return this.get(actor, id);
  }

  private async tellApplicants(m: EntityManager, c: Challenge, what: 'cancelled' | 'terminated', reason: string): Promise<void> {
    const rows = (await m.query(`SELECT DISTINCT org_id FROM challenge_application WHERE challenge_id = $1 AND status <> 'withdrawn'`, [c.id])) as { org_id: string }[];
    for (const r of [...rows.map((x) => x.org_id), c.ownerOrgId]) {
      await this.notifications.notify(m, {
        to: { orgId: r },
        type: what === 'cancelled' ? 'challenge.cancelled' : 'challenge.terminated',
        params: { title: c.title, reason },
        link: `/challenges/${c.id}`,
        dedupeKey: `challenge-${what}:${c.id}`,
      });
    }
  }

  // ---- award, notice, objections -----------------------------------------------------------

  /**
   * The admin's decision: one winner (or up to N in a horse race) with a written rationale, shown
   * publicly for an objection window. The challenge row is locked and the decision row is unique
   * per challenge, so two concurrent decisions cannot both land.
   */
  async award(actor: AuthContext, id: string, winners: string[], rationale: string, objectionDays: number): Promise<NoticeView> {
    const why = rationale.trim();
    if (!why) throw AppException.validation([{ field: 'rationale', code: 'isNotEmpty' }]);
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Challenge, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw AppException.notFound();
      if (c.status !== ChallengeStatus.Reviewing) throw AppException.invalidState();
      const max = c.mode === ChallengeMode.Single ? 1 : c.teams;
      if (winners.length < 1 || winners.length > max) throw AppException.validation([{ field: 'winnerApplicationIds', code: 'challenge_winner_count', params: { min: 1, max } }]);
      const valid = (await m.query(`SELECT id FROM challenge_application WHERE challenge_id = $1 AND id = ANY($2::uuid[]) AND status = 'under_review'`, [id, winners])) as {
        id: string;
      }[];
      if (valid.length !== winners.length) throw AppException.validation([{ field: 'winnerApplicationIds', code: 'challenge_winner_invalid' }]);
      const ends = (await m.query(`SELECT now() + make_interval(days => $1) AS ends`, [objectionDays])) as { ends: Date }[];
      const endsAt = ends[0]?.ends as Date;
      try {
        await m.insert(ChallengeDecision, { challengeId: id, winnerApplicationIds: winners, rationale: why, decidedBy: actor.userId, noticeEndsAt: endsAt });
      } catch {
        throw AppException.invalidState();
      }
      await m.query(`UPDATE challenge_application SET status = 'shortlisted', version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [winners]);
      await m.update(Challenge, { id }, { status: ChallengeStatus.Notice, noticeEndsAt: endsAt, version: () => 'version + 1' });
      await this.audit.record(
        { action: AuditAction.ChallengeAwardDecided, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: id, detail: { winners, objectionDays } },
        m,
      );
      const orgs = (await m.query(`SELECT DISTINCT org_id FROM challenge_application WHERE challenge_id = $1 AND status <> 'withdrawn'`, [id])) as { org_id: string }[];
      for (const o of orgs) {
        await this.notifications.notify(m, {
          to: { orgId: o.org_id },
          type: 'challenge.notice',
          params: { title: c.title, until: beijingDate(endsAt) },
          link: `/challenges/${id}/notice`,
          dedupeKey: `challenge-notice:${id}`,
        });
      }
    });
    return this.notice(actor, id);
  }

  /** The public notice: winners, rationale, the window, and the objections with their answers. */
  async notice(actor: AuthContext | undefined, id: string): Promise<NoticeView> {
    const c = await this.findVisible(actor, id);
    const d = await this.db.manager.findOneBy(ChallengeDecision, { challengeId: id });
    if (!d) throw AppException.notFound();
    const winners = await this.db.manager.find(ChallengeApplication, { select: { id: true, orgId: true }, where: { id: In(d.winnerApplicationIds) } });
    const orgNames = await this.organisations.names(winners.map((w) => w.orgId));
    const totals = (await this.db.query(`SELECT application_id, total FROM challenge_score WHERE application_id = ANY($1::uuid[])`, [d.winnerApplicationIds])) as {
      application_id: string;
      total: string;
    }[];
    const objections = await this.db.manager.find(ChallengeObjection, { where: { challengeId: id }, order: { createdAt: 'ASC' } });
    const open = (await this.db.query(`SELECT now() < $1::timestamptz AS open`, [d.noticeEndsAt])) as { open: boolean }[];
    return {
      challengeId: id,
      title: c.title,
      status: c.status,
      mode: c.mode,
      rationale: d.rationale,
      decidedAt: d.decidedAt.toISOString(),
      noticeEndsAt: d.noticeEndsAt.toISOString(),
      windowOpen: c.status === ChallengeStatus.Notice && !!open[0]?.open,
      winners: d.winnerApplicationIds.map((w) => ({
        applicationId: w,
        orgName: orgNames.get(winners.find((x) => x.id === w)?.orgId ?? '') ?? '',
        aggregate: aggregate(totals.filter((t) => t.application_id === w).map((t) => t.total)),
      })),
      objections: objections.map((o) => objectionView(o, actor)),
    };
  }

  /** Anyone signed in may object while the window is open; the admins are told. */
  async object(actor: AuthContext, id: string, text: string): Promise<ObjectionView> {
    const body = text.trim();
    if (!body) throw AppException.validation([{ field: 'text', code: 'isNotEmpty' }]);
    const c = await this.findVisible(actor, id);
    const o = await this.db.transaction(async (m) => {
      const open = (await m.query(`SELECT 1 FROM challenge WHERE id = $1 AND status = 'notice' AND now() < notice_ends_at FOR SHARE`, [id])) as unknown[];
      if (!open.length) throw AppException.invalidState();
      const count = (await m.query(`SELECT count(*)::int AS n FROM challenge_objection WHERE challenge_id = $1`, [id])) as { n: number }[];
      if ((count[0]?.n ?? 0) >= CHALLENGE_LIMITS.objectionsMax) throw AppException.invalidState();
      const saved = await m.save(ChallengeObjection, m.create(ChallengeObjection, { challengeId: id, userId: actor.userId, text: body }));
      await this.audit.record(
        { action: AuditAction.ChallengeObjectionFiled, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: id, detail: { objectionId: saved.id } },
        m,
      );
      await this.notifications.notify(m, {
        to: { platformAdmins: true },
        type: 'challenge.objection',
        params: { title: c.title },
        link: `/challenges/${id}/notice`,
        dedupeKey: `challenge-objection:${saved.id}`,
      });
      return saved;
    });
    return objectionView(o, actor);
  }

  async answer(actor: AuthContext, objectionId: string, answer: string): Promise<ObjectionView> {
    const text = answer.trim();
    if (!text) throw AppException.validation([{ field: 'answer', code: 'isNotEmpty' }]);
    const o = await this.db.manager.findOneBy(ChallengeObjection, { id: objectionId });
    if (!o) throw AppException.notFound();
    const c = await this.mustFind(o.challengeId);
    await this.db.transaction(async (m) => {
      await m.update(ChallengeObjection, { id: objectionId }, { answer: text, answeredBy: actor.userId, answeredAt: () => 'now()' });
      await this.audit.record(
        { action: AuditAction.ChallengeObjectionAnswered, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: c.id, detail: { objectionId } },
        m,
      );
      await this.notifications.notify(m, {
        to: { userIds: [o.userId] },
        type: 'challenge.objection_answered',
        params: { title: c.title },
        link: `/challenges/${c.id}/notice`,
        dedupeKey: `challenge-objection-answered:${objectionId}`,
      });
    });
    return objectionView(await this.db.manager.findOneByOrFail(ChallengeObjection, { id: objectionId }), actor);
  }

  /**
   * The award becomes final once the window has closed and every objection is answered: the
   * chosen teams are awarded (the others not), each gets the milestones of the template with its
   * share of the bounty, and everyone concerned is told.
   */
  async finalise(actor: AuthContext, id: string): Promise<ChallengeView> {
    await this.db.transaction(async (m) => {
      const c = await m.findOne(Challenge, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw AppException.notFound();
      if (c.status !== ChallengeStatus.Notice) throw AppException.invalidState();
      const open = (await m.query(`SELECT now() < $1::timestamptz AS open`, [c.noticeEndsAt])) as { open: boolean }[];
      if (open[0]?.open) throw new AppException(ErrorCode.ChallengeObjectionWindowOpen, HttpStatus.CONFLICT);
      const unanswered = (await m.query(`SELECT count(*)::int AS n FROM challenge_objection WHERE challenge_id = $1 AND answer IS NULL`, [id])) as { n: number }[];
      if ((unanswered[0]?.n ?? 0) > 0) throw new AppException(ErrorCode.ChallengeObjectionsUnanswered, HttpStatus.CONFLICT);
      const d = await m.findOneByOrFail(ChallengeDecision, { challengeId: id });
      const winners = d.winnerApplicationIds;
      await m.query(`UPDATE challenge_application SET status = 'awarded', version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [winners]);
      const losers = (await m.query(
        `UPDATE challenge_application SET status = 'not_awarded', version = version + 1, updated_at = now()
          WHERE challenge_id = $1 AND status IN ('under_review', 'submitted') RETURNING org_id`,
        [id],
      )) as [{ org_id: string }[], number];
      // Each team's tranche: bounty × share / 100 / number of teams, in exact numeric arithmetic.
      for (const appId of winners) {
        for (const [i, t] of c.milestones.entries()) {
          await m.query(
            `INSERT INTO challenge_milestone (challenge_id, application_id, seq, title, deliverables, due_date, share_percent, amount)
             VALUES ($1, $2, $3, $4, $5, (now() AT TIME ZONE 'Asia/Shanghai')::date + $6::int, $7::int, round($8::numeric * $7::int / 100 / $9::int, 2))`,
            [id, appId, i + 1, t.title, t.deliverables, t.dueOffsetDays, t.sharePercent, c.bounty, winners.length],
          );
        }
      }
      await m.update(Challenge, { id }, { status: ChallengeStatus.InProgress, finalisedAt: () => 'now()', version: () => 'version + 1' });
      await this.audit.record(
        { action: AuditAction.ChallengeAwardFinalised, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: id, detail: { winners } },
        m,
      );
      const winnerOrgs = (await m.query(`SELECT org_id FROM challenge_application WHERE id = ANY($1::uuid[])`, [winners])) as { org_id: string }[];
      for (const w of winnerOrgs) {
        await this.notifications.notify(m, {
          to: { orgId: w.org_id },
          type: 'challenge.awarded',
          params: { title: c.title },
          link: `/challenges/${id}/milestones`,
          dedupeKey: `challenge-awarded:${id}`,
        });
      }
      for (const l of losers[0]) {
        await this.notifications.notify(m, {
          to: { orgId: l.org_id },
          type: 'challenge.not_awarded',
          params: { title: c.title },
          link: `/challenges/${id}/notice`,
          dedupeKey: `challenge-not-awarded:${id}`,
        });
      }
    });
    return this.get(actor, id);
  }

  // ---- reads -------------------------------------------------------------------------------

  async get(actor: AuthContext | undefined, id: string): Promise<ChallengeView> {
    return this.view(actor, await this.findVisible(actor, id));
  }

  /** The public board: open (accepting applications), closed (deadline passed, under review or notice), awarded. */
  async board(q: { group?: BoardGroup; chain?: string; mode?: ChallengeMode; q?: string; page: number; pageSize: number }): Promise<Page<ChallengeSummary>> {
    const where: string[] = ['c.published_at IS NOT NULL', `c.status = ANY($1::text[])`];
    const params: unknown[] = [PUBLIC_STATUSES];
    if (q.group === 'open') where.push(`c.status = 'published' AND c.application_deadline > now()`);
    if (q.group === 'closed') where.push(`((c.status = 'published' AND c.application_deadline <= now()) OR c.status IN ('reviewing', 'notice'))`);
    if (q.group === 'awarded') where.push(`c.status IN ('in_progress', 'completed')`);
    if (q.chain) {
      params.push(q.chain);
      where.push(`$${params.length} = ANY(c.chains)`);
    }
    if (q.mode) {
      params.push(q.mode);
      where.push(`c.mode = $${params.length}`);
    }
    if (q.q?.trim()) {
      params.push(containsPattern(q.q.trim()));
      where.push(`(c.title ILIKE $${params.length} OR c.background ILIKE $${params.length})`);
    }
    return this.summaries(where.join(' AND '), params, q.page, q.pageSize, `CASE WHEN c.status = 'published' THEN 0 ELSE 1 END, c.published_at DESC, c.id`);
  }

  /** Admins: every challenge, drafts and submissions included. */
  async adminList(q: { status?: ChallengeStatus; page: number; pageSize: number }): Promise<Page<ChallengeSummary>> {
    return q.status
      ? this.summaries('c.status = $1', [q.status], q.page, q.pageSize, 'c.updated_at DESC, c.id')
      : this.summaries('true', [], q.page, q.pageSize, `CASE WHEN c.status = 'submitted' THEN 0 ELSE 1 END, c.updated_at DESC, c.id`);
  }

  /** The caller's organisations' challenges (as owner) and those they accept deliverables for. */
  async mine(actor: AuthContext, page: number, pageSize: number): Promise<Page<ChallengeSummary>> {
    return this.summaries('(c.owner_org_id = ANY($1::uuid[]) OR c.acceptor_user_id = $2)', [[...actor.orgRoles.keys()], actor.userId], page, pageSize, 'c.updated_at DESC, c.id');
  }

  private async summaries(where: string, params: unknown[], page: number, pageSize: number, order: string): Promise<Page<ChallengeSummary>> {
    const total = (await this.db.query(`SELECT count(*)::int AS n FROM challenge c WHERE ${where}`, params)) as { n: number }[];
    const rows = (await this.db.query(
      `SELECT c.id, c.title, c.status, c.mode, c.bounty, c.chains, c.application_deadline, c.published_at, c.owner_org_id,
              (SELECT count(*)::int FROM challenge_application a WHERE a.challenge_id = c.id AND a.status <> 'withdrawn') AS applications
         FROM challenge c
        WHERE ${where} ORDER BY ${order} LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      params,
    )) as {
      id: string;
      title: string;
      status: ChallengeStatus;
      mode: ChallengeMode;
      bounty: string;
      chains: string[];
      application_deadline: Date;
      published_at: Date | null;
      owner_org_id: string;
      applications: number;
    }[];
    const orgNames = await this.organisations.names(rows.map((r) => r.owner_org_id));
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        mode: r.mode,
        bounty: r.bounty,
        chains: r.chains,
        applicationDeadline: r.application_deadline.toISOString(),
        ownerOrgName: orgNames.get(r.owner_org_id) ?? '',
        applicationCount: r.applications,
        publishedAt: r.published_at?.toISOString() ?? null,
      })),
      total: total[0]?.n ?? 0,
      page,
      pageSize,
    };
  }

  /** What a deal opened "for a challenge award" needs (see award.ts). */
  readAward(challengeId: string): Promise<ChallengeAward | null> {
    return readChallengeAward(this.db.manager, challengeId);
  }

  async findVisible(actor: AuthContext | undefined, id: string): Promise<Challenge> {
    const c = await this.db.manager.findOneBy(Challenge, { id });
    if (!c || !canSeeChallenge(actor, c)) {
      if (c)
        await this.audit.record({
          action: AuditAction.AccessDenied,
          result: 'denied',
          actorId: actor?.userId ?? null,
          actorEmail: actor?.email ?? null,
          targetType: 'challenge',
          targetId: id,
        });
      throw AppException.notFound();
    }
    return c;
  }

  async mustFind(id: string): Promise<Challenge> {
    const c = await this.db.manager.findOneBy(Challenge, { id });
    if (!c) throw AppException.notFound();
    return c;
  }

  async view(actor: AuthContext | undefined, c: Challenge): Promise<ChallengeView> {
    const rows = (await this.db.query(
      `SELECT (SELECT count(*)::int FROM challenge_application a WHERE a.challenge_id = $1 AND a.status <> 'withdrawn') AS applications,
              (now() < $2::timestamptz) AS before_deadline,
              (SELECT a.id FROM challenge_application a WHERE a.challenge_id = $1 AND a.status <> 'withdrawn' AND a.org_id = ANY($3::uuid[]) LIMIT 1) AS mine`,
      [c.id, c.applicationDeadline, actor ? [...actor.orgRoles.keys()] : []],
    )) as { applications: number; before_deadline: boolean; mine: string | null }[];
    const r = rows[0];
    const [org, acceptor] = await Promise.all([this.organisations.find(c.ownerOrgId), this.people.find(c.acceptorUserId)]);
    const admin = isAdmin(actor);
    return {
      id: c.id,
      status: c.status,
      ownerOrgId: c.ownerOrgId,
      ownerOrgName: org?.name ?? '',
      acceptorUserId: c.acceptorUserId,
      acceptorName: acceptor?.displayName ?? '',
      title: c.title,
      background: c.background,
      indicators: c.indicators,
      chains: c.chains,
      industries: c.industries,
      bounty: c.bounty,
      fundingSource: c.fundingSource,
      applicationDeadline: c.applicationDeadline.toISOString(),
      periodMonths: c.periodMonths,
      eligibility: c.eligibility,
      mode: c.mode,
      teams: c.teams,
      rubric: c.rubric,
      milestones: c.milestones,
      firstTrancheMinPercent: c.firstTrancheMinPercent,
      rejectionReason: c.rejectionReason,
      publishedAt: c.publishedAt?.toISOString() ?? null,
      noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
      applicationCount: r?.applications ?? 0,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      can: {
        edit: EDITABLE.includes(c.status) && (admin || isMember(actor, c.ownerOrgId)),
        apply: !!actor && c.status === ChallengeStatus.Published && !!r?.before_deadline && !r?.mine,
        manage: admin,
        acceptDeliverables: !!actor && (actor.userId === c.acceptorUserId || admin),
      },
      myApplicationId: r?.mine ?? null,
    };
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async transition(
    actor: AuthContext,
    c: Challenge,
    from: ChallengeStatus[],
    to: ChallengeStatus,
    action: AuditAction,
    set: Record<string, unknown>,
    after?: (m: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Challenge)
        .set({ ...set, status: to, version: () => 'version + 1' })
        .where('id = :id AND status IN (:...from)', { id: c.id, from })
        .execute();
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        {
          action,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'challenge',
          targetId: c.id,
          detail: { from: c.status, to, ...(set.endReason || set.rejectionReason ? { reason: String(set.endReason ?? set.rejectionReason) } : {}) },
        },
        m,
      );
      await after?.(m);
    });
  }

  /** Rules the DTO cannot express: sums, the first tranche, team counts, the acceptor, the deadline. */
  private async check(m: EntityManager, input: ChallengeInput, deadlineInFuture: boolean): Promise<void> {
    const problems: { field: string; code: string; params?: Record<string, string | number> }[] = [];
    const weights = input.rubric.reduce((s, r) => s + r.weight, 0);
    if (weights !== 100) problems.push({ field: 'rubric', code: 'challenge_weights_sum', params: { sum: weights } });
    const shares = input.milestones.reduce((s, r) => s + r.sharePercent, 0);
    if (shares !== 100) problems.push({ field: 'milestones', code: 'challenge_shares_sum', params: { sum: shares } });
    if ((input.milestones[0]?.sharePercent ?? 0) < input.firstTrancheMinPercent)
      problems.push({ field: 'milestones.0.sharePercent', code: 'challenge_first_tranche', params: { min: input.firstTrancheMinPercent } });
    const teamsOk = input.mode === ChallengeMode.Single ? input.teams === 1 : input.teams >= 2 && input.teams <= CHALLENGE_LIMITS.horseRaceTeamsMax;
    if (!teamsOk) problems.push({ field: 'teams', code: 'challenge_teams', params: { max: CHALLENGE_LIMITS.horseRaceTeamsMax } });
    if (deadlineInFuture && !(new Date(input.applicationDeadline).getTime() > Date.now())) problems.push({ field: 'applicationDeadline', code: 'challenge_deadline_past' });
    // Both ids are checked first: a lookup by an undefined id would match any member.
    const acceptor = !!input.ownerOrgId && !!input.acceptorUserId && (await this.organisations.isActiveMember(input.ownerOrgId, input.acceptorUserId, m));
    if (!acceptor) problems.push({ field: 'acceptorUserId', code: 'challenge_acceptor' });
    if (problems.length) throw AppException.validation(problems);
  }

  private columns(input: Input): Partial<Challenge> {
    const out: Partial<Challenge> = {};
    const keys = [
      'acceptorUserId',
      'background',
      'indicators',
      'chains',
      'bounty',
      'fundingSource',
      'periodMonths',
      'eligibility',
      'mode',
      'teams',
      'rubric',
      'milestones',
      'firstTrancheMinPercent',
    ] as const;
    for (const k of keys) if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k];
    if (input.title !== undefined) out.title = input.title.trim();
    if (input.applicationDeadline !== undefined) out.applicationDeadline = new Date(input.applicationDeadline);
    if (input.chains) out.industries = [...new Set(input.chains.map(industryOfChain))];
    // Plain objects into jsonb: the DTO class instances carry nothing else, but keep the shape exact.
    if (input.indicators) out.indicators = input.indicators.map((i) => ({ name: i.name.trim(), target: i.target, unit: i.unit, verification: i.verification }));
    if (input.rubric) out.rubric = input.rubric.map((r) => ({ name: r.name.trim(), weight: r.weight, ...(r.description ? { description: r.description } : {}) }));
    if (input.milestones)
      out.milestones = input.milestones.map((t) => ({ title: t.title.trim(), deliverables: t.deliverables, dueOffsetDays: t.dueOffsetDays, sharePercent: t.sharePercent }));
    if (input.eligibility) out.eligibility = { orgTypes: input.eligibility.orgTypes, regions: input.eligibility.regions, mustOwnIp: input.eligibility.mustOwnIp };
    return out;
  }

  private inputOf(c: Challenge): ChallengeInput {
    return {
      ownerOrgId: c.ownerOrgId,
      acceptorUserId: c.acceptorUserId,
      title: c.title,
      background: c.background,
      indicators: c.indicators,
      chains: c.chains,
      bounty: c.bounty,
      fundingSource: c.fundingSource,
      applicationDeadline: c.applicationDeadline.toISOString(),
      periodMonths: c.periodMonths,
      eligibility: c.eligibility,
      mode: c.mode,
      teams: c.teams,
      rubric: c.rubric,
      milestones: c.milestones,
      firstTrancheMinPercent: c.firstTrancheMinPercent,
    };
  }
}

function objectionView(o: ChallengeObjection, actor: AuthContext | undefined): ObjectionView {
  return {
    id: o.id,
    text: o.text,
    answer: o.answer,
    answeredAt: o.answeredAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    mine: !!actor && (actor.userId === o.userId || isAdmin(actor)),
  };
}
