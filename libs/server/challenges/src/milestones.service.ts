import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationStatus, AuditAction, beijingDate, ChallengeMode, ChallengeStatus, MilestoneStatus, MilestoneView } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { isAcceptor, isMember } from './access';
import { Challenge, ChallengeApplication, ChallengeFile, ChallengeMilestone, ChallengePayment } from './challenge.entity';
import { ChallengesService } from './challenges.service';

/**
 * Milestones and payment tranches: the winning team submits deliverables in order; the acceptor
 * accepts (recording the tranche: amount and date — no money moves) or sends back with comments;
 * in a horse race a team whose milestone was sent back can be eliminated. The challenge completes
 * when every remaining team's final milestone is accepted, and ends (terminated) when no team remains.
 */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly challenges: ChallengesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
  ) {}

  /** The acceptor, the owner organisation and admins see every team's milestones; a team sees its own. */
  async list(actor: AuthContext, challengeId: string): Promise<MilestoneView[]> {
    const c = await this.challenges.findVisible(actor, challengeId);
    const all = isAcceptor(actor, c) || isMember(actor, c.ownerOrgId);
    const apps = await this.db.manager.find(ChallengeApplication, { where: { challengeId } });
    const visibleApps = apps.filter((a) => all || isMember(actor, a.orgId)).map((a) => a.id);
    if (!visibleApps.length) throw AppException.notFound();
    const rows = await this.db.manager
      .createQueryBuilder(ChallengeMilestone, 'm')
      .where('m.challenge_id = :challengeId AND m.application_id = ANY(:apps)', { challengeId, apps: visibleApps })
      .orderBy('m.application_id')
      .addOrderBy('m.seq')
      .getMany();
    return this.views(actor, c, apps, rows);
  }

  async submit(actor: AuthContext, id: string, report: string, indicatorResults: { indicator: number; value: string; note?: string }[]): Promise<MilestoneView> {
    const { c, a, ms } = await this.load(actor, id);
    if (!isMember(actor, a.orgId)) throw AppException.notFound();
    if (c.status !== ChallengeStatus.InProgress || a.status !== ApplicationStatus.Awarded) throw AppException.invalidState();
    const bad = indicatorResults.findIndex((r) => r.indicator >= c.indicators.length);
    if (bad >= 0) throw AppException.validation([{ field: `indicatorResults.${bad}.indicator`, code: 'challenge_indicator_index' }]);
    await this.db.transaction(async (m) => {
      // In order: every earlier milestone of this team must be accepted.
      const res = (await m.query(
        `UPDATE challenge_milestone SET status = 'submitted', report = $2, indicator_results = $3::jsonb, submitted_at = now(), comment = NULL
          WHERE id = $1 AND status IN ('planned', 'sent_back')
            AND NOT EXISTS (SELECT 1 FROM challenge_milestone e WHERE e.application_id = challenge_milestone.application_id AND e.seq < challenge_milestone.seq AND e.status <> 'accepted')
          RETURNING id`,
        [id, report.trim(), JSON.stringify(indicatorResults.map((r) => ({ indicator: r.indicator, value: r.value, ...(r.note ? { note: r.note } : {}) })))],
      )) as [unknown[], number];
      if (!res[0].length) throw AppException.invalidState();
      await this.audit.record(
        {
          action: AuditAction.ChallengeMilestoneSubmitted,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'challenge_milestone',
          targetId: id,
          detail: { challengeId: c.id, seq: ms.seq },
        },
        m,
      );
      const org = await this.organisations.find(a.orgId, m);
      await this.notifications.notify(m, {
        to: { userIds: [c.acceptorUserId] },
        type: 'challenge.milestone_submitted',
        params: { title: c.title, milestone: ms.title, org: org?.name ?? '' },
        link: `/challenges/${c.id}/milestones`,
        dedupeKey: `milestone-submitted:${id}:${Date.now()}`,
      });
    });
    return this.one(actor, id);
  }

  /** The acceptor's verdict. Acceptance records the tranche once (unique per milestone) and may complete the challenge. */
  async review(actor: AuthContext, id: string, decision: MilestoneStatus.Accepted | MilestoneStatus.SentBack, comment: string): Promise<MilestoneView> {
    const { c, a, ms } = await this.load(actor, id);
    if (!isAcceptor(actor, c)) throw AppException.notFound();
    const why = comment.trim();
    if (decision === MilestoneStatus.SentBack && !why) throw AppException.validation([{ field: 'comment', code: 'isNotEmpty' }]);
    await this.db.transaction(async (m) => {
      await m.query('SELECT 1 FROM challenge WHERE id = $1 FOR UPDATE', [c.id]);
      const res = (await m.query(
        `UPDATE challenge_milestone SET status = $2, comment = $3, decided_at = now(), decided_by = $4 WHERE id = $1 AND status = 'submitted' RETURNING id`,
        [id, decision, why || null, actor.userId],
      )) as [unknown[], number];
      if (!res[0].length) throw AppException.invalidState();
      const accepted = decision === MilestoneStatus.Accepted;
      if (accepted) await m.insert(ChallengePayment, { milestoneId: id, applicationId: a.id, amount: ms.amount, paidOn: beijingDate(new Date()), recordedBy: actor.userId });
      await this.audit.record(
        {
          action: accepted ? AuditAction.ChallengeMilestoneAccepted : AuditAction.ChallengeMilestoneSentBack,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'challenge_milestone',
          targetId: id,
          detail: accepted ? { challengeId: c.id, amount: ms.amount } : { challengeId: c.id, reason: why },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: a.orgId },
        type: accepted ? 'challenge.milestone_accepted' : 'challenge.milestone_sent_back',
        params: { title: c.title, milestone: ms.title, amount: ms.amount, reason: why },
        link: `/challenges/${c.id}/milestones`,
        dedupeKey: `milestone-${decision}:${id}:${Date.now()}`,
      });
      if (accepted) await this.completeIfDone(m, actor, c);
    });
    return this.one(actor, id);
  }

  /** Horse race: a team whose milestone review failed (sent back) leaves the race. */
  async eliminate(actor: AuthContext, applicationId: string, reason: string): Promise<void> {
    const a = await this.db.manager.findOneBy(ChallengeApplication, { id: applicationId });
    if (!a) throw AppException.notFound();
    const c = await this.challenges.mustFind(a.challengeId);
    if (!isAcceptor(actor, c)) throw AppException.notFound();
    if (c.mode !== ChallengeMode.HorseRace) throw AppException.validation([{ field: 'applicationId', code: 'challenge_not_horse_race' }]);
    const why = reason.trim();
    await this.db.transaction(async (m) => {
      await m.query('SELECT 1 FROM challenge WHERE id = $1 FOR UPDATE', [c.id]);
      const failed = (await m.query(`SELECT 1 FROM challenge_milestone WHERE application_id = $1 AND status = 'sent_back'`, [applicationId])) as unknown[];
      if (!failed.length) throw AppException.validation([{ field: 'applicationId', code: 'challenge_no_failed_milestone' }]);
      const res = (await m.query(
        `UPDATE challenge_application SET status = 'eliminated', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'awarded' RETURNING id`,
        [applicationId],
      )) as [unknown[], number];
      if (!res[0].length || c.status !== ChallengeStatus.InProgress) throw AppException.invalidState();
      await m.query(`UPDATE challenge_milestone SET status = 'cancelled' WHERE application_id = $1 AND status IN ('planned', 'submitted', 'sent_back')`, [applicationId]);
      await this.audit.record(
        {
          action: AuditAction.ChallengeTeamEliminated,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'challenge_application',
          targetId: applicationId,
          detail: { challengeId: c.id, reason: why },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: a.orgId },
        type: 'challenge.eliminated',
        params: { title: c.title, reason: why },
        link: `/challenges/${c.id}/milestones`,
        dedupeKey: `challenge-eliminated:${applicationId}`,
      });
      const remaining = (await m.query(`SELECT count(*)::int AS n FROM challenge_application WHERE challenge_id = $1 AND status = 'awarded'`, [c.id])) as { n: number }[];
      if (!remaining[0]?.n) {
        await m.query(`UPDATE challenge SET status = 'terminated', end_reason = $2, version = version + 1, updated_at = now() WHERE id = $1`, [c.id, why]);
        await this.audit.record(
          { action: AuditAction.ChallengeTerminated, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: c.id, detail: { reason: 'no team left' } },
          m,
        );
      } else {
        await this.completeIfDone(m, actor, c);
      }
    });
  }

  /** Completed when every awarded (not eliminated) team has its final milestone accepted. */
  private async completeIfDone(m: EntityManager, actor: AuthContext, c: Challenge): Promise<void> {
    const open = (await m.query(
      `SELECT count(*)::int AS n FROM challenge_milestone ms JOIN challenge_application a ON a.id = ms.application_id
        WHERE ms.challenge_id = $1 AND a.status = 'awarded' AND ms.status <> 'accepted'`,
      [c.id],
    )) as { n: number }[];
    if ((open[0]?.n ?? 1) > 0) return;
    const res = (await m.query(`UPDATE challenge SET status = 'completed', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'in_progress' RETURNING id`, [
      c.id,
    ])) as [unknown[], number];
    if (!res[0].length) return;
    await this.audit.record({ action: AuditAction.ChallengeCompleted, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge', targetId: c.id }, m);
    const orgs = (await m.query(`SELECT org_id FROM challenge_application WHERE challenge_id = $1 AND status = 'awarded'`, [c.id])) as { org_id: string }[];
    for (const o of [...orgs.map((x) => x.org_id), c.ownerOrgId]) {
      await this.notifications.notify(m, {
        to: { orgId: o },
        type: 'challenge.completed',
        params: { title: c.title },
        link: `/challenges/${c.id}`,
        dedupeKey: `challenge-completed:${c.id}`,
      });
    }
  }

  async one(actor: AuthContext, id: string): Promise<MilestoneView> {
    const { c, a, ms } = await this.load(actor, id);
    return (await this.views(actor, c, [a], [ms]))[0] as MilestoneView;
  }

  /** A milestone the caller may see (its team, the acceptor, the owner organisation, admins); otherwise 404. */
  async load(actor: AuthContext, id: string): Promise<{ c: Challenge; a: ChallengeApplication; ms: ChallengeMilestone }> {
    const ms = await this.db.manager.findOneBy(ChallengeMilestone, { id });
    if (!ms) throw AppException.notFound();
    const a = await this.db.manager.findOneByOrFail(ChallengeApplication, { id: ms.applicationId });
    const c = await this.challenges.mustFind(ms.challengeId);
    if (!isMember(actor, a.orgId) && !isAcceptor(actor, c) && !isMember(actor, c.ownerOrgId)) {
      await this.audit.record({
        action: AuditAction.AccessDenied,
        result: 'denied',
        actorId: actor.userId,
        actorEmail: actor.email,
        targetType: 'challenge_milestone',
        targetId: id,
      });
      throw AppException.notFound();
    }
    return { c, a, ms };
  }

  private async views(actor: AuthContext, c: Challenge, apps: ChallengeApplication[], rows: ChallengeMilestone[]): Promise<MilestoneView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const payments = await this.db.manager.createQueryBuilder(ChallengePayment, 'p').where('p.milestone_id = ANY(:ids)', { ids }).getMany();
    const files = await this.db.manager
      .createQueryBuilder(ChallengeFile, 'f')
      .where(`f.owner_type = 'milestone' AND f.owner_id = ANY(:ids)`, { ids })
      .orderBy('f.created_at')
      .getMany();
    const orgNames = await this.organisations.names(apps.map((a) => a.orgId));
    const acceptor = isAcceptor(actor, c);
    return rows.map((r) => {
      const a = apps.find((x) => x.id === r.applicationId);
      const team = !!a && isMember(actor, a.orgId);
      const p = payments.find((x) => x.milestoneId === r.id);
      const earlierOpen = rows.some((e) => e.applicationId === r.applicationId && e.seq < r.seq && e.status !== MilestoneStatus.Accepted);
      const live = c.status === ChallengeStatus.InProgress && a?.status === ApplicationStatus.Awarded;
      return {
        id: r.id,
        challengeId: r.challengeId,
        applicationId: r.applicationId,
        orgName: (a && orgNames.get(a.orgId)) ?? '',
        seq: r.seq,
        title: r.title,
        deliverables: r.deliverables,
        dueDate: r.dueDate,
        sharePercent: r.sharePercent,
        amount: r.amount,
        status: r.status,
        report: r.report,
        indicatorResults: r.indicatorResults,
        comment: r.comment,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        payment: p ? { amount: p.amount, paidOn: p.paidOn } : null,
        files: files.filter((f) => f.ownerId === r.id).map((f) => ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size, createdAt: f.createdAt.toISOString() })),
        can: {
          submit: team && live && [MilestoneStatus.Planned, MilestoneStatus.SentBack].includes(r.status) && !earlierOpen,
          review: acceptor && live && r.status === MilestoneStatus.Submitted,
          eliminate: acceptor && live && c.mode === ChallengeMode.HorseRace && r.status === MilestoneStatus.SentBack,
        },
      };
    });
  }
}
