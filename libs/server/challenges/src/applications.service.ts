import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationInput, ApplicationStatus, ApplicationView, AuditAction, ChallengeStatus, Eligibility, ErrorCode, Page, TAXONOMY, VerificationStatus } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueReader } from '@ztt/catalogue';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, FieldProblemSpec, isUniqueViolation } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { isAcceptor, isAdmin, isMember } from './access';
import { Challenge, ChallengeApplication, ChallengeFile, ChallengeReviewer } from './challenge.entity';
import { ChallengesService } from './challenges.service';

type UpdateInput = Partial<Omit<ApplicationInput, 'orgId'>> & { version: number };

/** Statuses in which the team may still change its proposal (and only before the deadline). */
const EDITABLE = [ApplicationStatus.Submitted];

/**
 * 揭榜: a team lead applies for their organisation. One live application per organisation and
 * challenge (a partial unique index decides races); eligibility is checked on submit, with every
 * reason at once; the team edits until the deadline and may withdraw.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly challenges: ChallengesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
  ) {}

  async apply(actor: AuthContext, challengeId: string, input: ApplicationInput): Promise<ApplicationView> {
    const c = await this.challenges.findVisible(actor, challengeId);
    if (!isMember(actor, input.orgId)) throw AppException.validation([{ field: 'orgId', code: 'not_member' }]);
    await this.assertOpen(c);
    this.checkPlans(c, input.indicatorPlans ?? []);
    await this.checkAchievements(input.orgId, input.achievementIds ?? []);
    const problems = await this.eligibility(this.db.manager, c.eligibility, input.orgId);
    if (problems.length) throw new AppException(ErrorCode.ChallengeNotEligible, HttpStatus.UNPROCESSABLE_ENTITY, problems);
    let id: string;
    try {
      id = await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `INSERT INTO challenge_application (challenge_id, org_id, lead_user_id, technical_route, indicator_plans, schedule, budget, budget_notes, team, achievement_ids, ip_items)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10::uuid[], $11::jsonb) RETURNING id`,
          [
            challengeId,
            input.orgId,
            actor.userId,
            input.technicalRoute.trim(),
            JSON.stringify(plans(input.indicatorPlans)),
            input.schedule,
            input.budget,
            input.budgetNotes ?? '',
            JSON.stringify(team(input.team)),
            input.achievementIds ?? [],
            JSON.stringify(ip(input.ipItems)),
          ],
        )) as { id: string }[];
        const newId = rows[0]?.id as string;
        await this.audit.record(
          { action: AuditAction.ChallengeApplied, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge_application', targetId: newId, detail: { challengeId } },
          m,
        );
        const org = await this.organisations.find(input.orgId, m);
        await this.notifications.notify(m, {
          to: { userIds: [c.acceptorUserId] },
          type: 'challenge.application',
          params: { title: c.title, org: org?.name ?? '' },
          link: `/challenges/${challengeId}`,
          dedupeKey: `challenge-application:${newId}`,
        });
        return newId;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw AppException.conflict(ErrorCode.ChallengeAlreadyApplied);
      throw e;
    }
    return this.get(actor, id);
  }

  async update(actor: AuthContext, id: string, input: UpdateInput): Promise<ApplicationView> {
    const a = await this.findVisible(actor, id);
    if (!isMember(actor, a.orgId)) throw AppException.notFound();
    if (!EDITABLE.includes(a.status)) throw AppException.invalidState();
    const c = await this.challenges.mustFind(a.challengeId);
    await this.assertOpen(c);
    if (input.indicatorPlans) this.checkPlans(c, input.indicatorPlans);
    if (input.achievementIds) await this.checkAchievements(a.orgId, input.achievementIds);
    const set: Record<string, unknown> = {};
    if (input.technicalRoute !== undefined) set.technicalRoute = input.technicalRoute.trim();
    if (input.indicatorPlans !== undefined) set.indicatorPlans = plans(input.indicatorPlans);
    if (input.schedule !== undefined) set.schedule = input.schedule;
    if (input.budget !== undefined) set.budget = input.budget;
    if (input.budgetNotes !== undefined) set.budgetNotes = input.budgetNotes;
    if (input.team !== undefined) set.team = team(input.team);
    if (input.achievementIds !== undefined) set.achievementIds = input.achievementIds;
    if (input.ipItems !== undefined) set.ipItems = ip(input.ipItems);
    await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(ChallengeApplication)
        .set({ ...set, version: () => 'version + 1' })
        .where('id = :id AND version = :version AND status IN (:...editable)', { id, version: input.version, editable: EDITABLE })
        .execute();
      if (res.affected !== 1) throw AppException.conflict();
      await this.audit.record(
        { action: AuditAction.ChallengeApplicationUpdated, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge_application', targetId: id },
        m,
      );
    });
    return this.get(actor, id);
  }

  /** Withdrawing frees the organisation's place: it may apply again while the challenge is open. */
  async withdraw(actor: AuthContext, id: string): Promise<ApplicationView> {
    const a = await this.findVisible(actor, id);
    if (!isMember(actor, a.orgId)) throw AppException.notFound();
    await this.db.transaction(async (m) => {
      const res = await m.query(
        `UPDATE challenge_application SET status = 'withdrawn', withdrawn_at = now(), version = version + 1, updated_at = now()
          WHERE id = $1 AND status IN ('submitted', 'under_review') RETURNING id`,
        [id],
      );
      if (!(res as unknown[][])[0]?.length) throw AppException.invalidState();
      await this.audit.record(
        { action: AuditAction.ChallengeApplicationWithdrawn, actorId: actor.userId, actorEmail: actor.email, targetType: 'challenge_application', targetId: id },
        m,
      );
    });
    return this.get(actor, id);
  }

  async get(actor: AuthContext, id: string): Promise<ApplicationView> {
    const a = await this.findVisible(actor, id);
    return (await this.views(actor, [a]))[0] as ApplicationView;
  }

  /** The caller's organisations' applications. */
  async mine(actor: AuthContext, page: number, pageSize: number): Promise<Page<ApplicationView>> {
    const orgIds = [...actor.orgRoles.keys()];
    if (!orgIds.length) return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.db.manager
      .createQueryBuilder(ChallengeApplication, 'a')
      .where('a.org_id = ANY(:orgIds)', { orgIds })
      .orderBy('a.updated_at', 'DESC')
      .addOrderBy('a.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views(actor, rows), total, page, pageSize };
  }

  /** Every application to a challenge, for platform admins. */
  async forChallenge(actor: AuthContext, challengeId: string): Promise<ApplicationView[]> {
    await this.challenges.mustFind(challengeId);
    const rows = await this.db.manager.find(ChallengeApplication, { where: { challengeId }, order: { submittedAt: 'ASC' } });
    return this.views(actor, rows);
  }

  /**
   * Who sees an application: its organisation's members, platform admins, panel reviewers who
   * have not declared a conflict with it, and the challenge's acceptor once it is chosen.
   * Anyone else gets 404, exactly like a missing id.
   */
  async findVisible(actor: AuthContext, id: string): Promise<ChallengeApplication> {
    const a = await this.db.manager.findOneBy(ChallengeApplication, { id });
    if (!a) throw AppException.notFound();
    if (isMember(actor, a.orgId) || isAdmin(actor)) return a;
    const r = await this.db.manager.findOneBy(ChallengeReviewer, { challengeId: a.challengeId, userId: actor.userId });
    if (r && !(r.conflictApplicationIds ?? []).includes(a.id)) return a;
    if ([ApplicationStatus.Shortlisted, ApplicationStatus.Awarded, ApplicationStatus.Eliminated].includes(a.status)) {
      const c = await this.challenges.mustFind(a.challengeId);
      if (isAcceptor(actor, c) || isMember(actor, c.ownerOrgId)) return a;
    }
    await this.audit.record({
      action: AuditAction.AccessDenied,
      result: 'denied',
      actorId: actor.userId,
      actorEmail: actor.email,
      targetType: 'challenge_application',
      targetId: id,
    });
    throw AppException.notFound();
  }

  async views(actor: AuthContext, rows: ChallengeApplication[]): Promise<ApplicationView[]> {
    if (!rows.length) return [];
    const challenges = (await this.db.query(`SELECT c.id, c.title, c.status, (now() < c.application_deadline) AS open FROM challenge c WHERE c.id = ANY($1::uuid[])`, [
      [...new Set(rows.map((r) => r.challengeId))],
    ])) as { id: string; title: string; status: ChallengeStatus; open: boolean }[];
    const orgNames = await this.organisations.names(rows.map((r) => r.orgId));
    const leadNames = await this.people.names(rows.map((r) => r.leadUserId));
    const files = await this.db.manager
      .createQueryBuilder(ChallengeFile, 'f')
      .where(`f.owner_type = 'application' AND f.owner_id = ANY(:ids)`, { ids: rows.map((r) => r.id) })
      .orderBy('f.created_at', 'ASC')
      .getMany();
    return rows.map((a) => {
      const x = challenges.find((c) => c.id === a.challengeId);
      return {
        id: a.id,
        challengeId: a.challengeId,
        challengeTitle: x?.title ?? '',
        orgId: a.orgId,
        orgName: orgNames.get(a.orgId) ?? '',
        leadUserId: a.leadUserId,
        leadName: leadNames.get(a.leadUserId) ?? '',
        status: a.status,
        technicalRoute: a.technicalRoute,
        indicatorPlans: a.indicatorPlans,
        schedule: a.schedule,
        budget: a.budget,
        budgetNotes: a.budgetNotes,
        team: a.team,
        achievementIds: a.achievementIds,
        ipItems: a.ipItems,
        submittedAt: a.submittedAt.toISOString(),
        version: a.version,
        attachments: files
          .filter((f) => f.ownerId === a.id)
          .map((f) => ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size, createdAt: f.createdAt.toISOString() })),
        canEdit: isMember(actor, a.orgId) && EDITABLE.includes(a.status) && x?.status === ChallengeStatus.Published && !!x?.open,
      };
    });
  }

  /**
   * Every reason the organisation cannot apply, at once: not verified, a type or region outside
   * the rules, or no intellectual property of its own when the challenge requires it.
   */
  async eligibility(m: EntityManager, rules: Eligibility, orgId: string): Promise<FieldProblemSpec[]> {
    const o = await this.organisations.find(orgId, m);
    if (!o) return [{ field: 'orgId', code: 'not_member' }];
    const problems: FieldProblemSpec[] = [];
    if (o.verificationStatus !== VerificationStatus.Verified) problems.push({ field: 'orgId', code: 'elig_org_verified' });
    if (rules.orgTypes.length && !rules.orgTypes.includes(o.type)) {
      problems.push({ field: 'orgId', code: 'elig_org_type', params: labels(TAXONOMY.organisationTypes, rules.orgTypes) });
    }
    if (rules.regions.length && !rules.regions.includes(o.region)) {
      problems.push({ field: 'orgId', code: 'elig_region', params: labels(TAXONOMY.regions, rules.regions) });
    }
    if (rules.mustOwnIp && !(await this.catalogue.ownsIntellectualProperty(orgId, m))) problems.push({ field: 'orgId', code: 'elig_ip' });
    return problems;
  }

  private async assertOpen(c: Challenge): Promise<void> {
    const rows = (await this.db.query(`SELECT now() < $1::timestamptz AS open`, [c.applicationDeadline])) as { open: boolean }[];
    if (c.status !== ChallengeStatus.Published || !rows[0]?.open) throw new AppException(ErrorCode.ChallengeApplicationsClosed, HttpStatus.CONFLICT);
  }

  private checkPlans(c: Challenge, p: { indicator: number }[]): void {
    const bad = p.findIndex((x) => x.indicator >= c.indicators.length);
    if (bad >= 0) throw AppException.validation([{ field: `indicatorPlans.${bad}.indicator`, code: 'challenge_indicator_index' }]);
  }

  private async checkAchievements(orgId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const owned = [...(await this.catalogue.cards('achievement', ids)).values()].filter((a) => a.ownerOrgId === orgId);
    if (owned.length !== ids.length) throw AppException.validation([{ field: 'achievementIds', code: 'challenge_achievement' }]);
  }
}

/** The allowed values named in both languages: `{allowed}` in the Chinese message, `{allowedEn}` in the English one. */
function labels(items: { code: string; label: string; en?: string }[], codes: string[]): { allowed: string; allowedEn: string } {
  const of = (c: string) => items.find((i) => i.code === c);
  return { allowed: codes.map((c) => of(c)?.label ?? c).join('、'), allowedEn: codes.map((c) => of(c)?.en ?? of(c)?.label ?? c).join(', ') };
}

function plans(p: { indicator: number; plan: string }[] = []): { indicator: number; plan: string }[] {
  return p.map((x) => ({ indicator: x.indicator, plan: x.plan }));
}

function team(t: { name: string; role: string; userId?: string | null }[] = []): { name: string; role: string; userId: string | null }[] {
  return t.map((x) => ({ name: x.name.trim(), role: x.role.trim(), userId: x.userId ?? null }));
}

function ip(items: { type: string; number: string; status: string }[] = []): { type: string; number: string; status: string }[] {
  return items.map((x) => ({ type: x.type, number: x.number, status: x.status }));
}
