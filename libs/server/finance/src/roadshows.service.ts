import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  beijingMinute,
  ErrorCode,
  FinancingRequestStatus,
  PlatformRole,
  ROADSHOW_PROJECT_STATUS_LABELS,
  RoadshowCandidatesView,
  RoadshowFollowUpView,
  RoadshowProjectStatus,
  RoadshowStatus,
  RoadshowSummaryView,
  RoadshowView,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, hasPlatformRole, isUniqueViolation } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { RoadshowFollowUpInputDto, RoadshowInputDto, RoadshowProjectAnswerDto, RoadshowSignUpDto, UpdateRoadshowDto } from './dto/finance-extras.dto';
import { FinancingRequest } from './financing-request.entity';
import { Roadshow, RoadshowFollowUp, RoadshowInvestor, RoadshowProject, RoadshowSignup } from './roadshow.entity';

const FINANCE_ORG_TYPE = 'finance';

/** Platform admins and brokers create roadshows. */
export function runsRoadshows(actor: AuthContext): boolean {
  return hasPlatformRole(actor, PlatformRole.Admin) || hasPlatformRole(actor, PlatformRole.Broker);
}

/** A roadshow is managed by platform admins and by the broker who organised it. */
function manages(actor: AuthContext, r: Roadshow): boolean {
  return hasPlatformRole(actor, PlatformRole.Admin) || (hasPlatformRole(actor, PlatformRole.Broker) && r.organiserId === actor.userId);
}

/**
 * 路演: an admin or broker drafts a roadshow (when, where or online, chains, presenting projects —
 * open financing requests — and invited finance organisations), publishes it (the invited
 * organisations and the presenting applicants are told), and marks it held once at least one
 * applicant accepted to present; or cancels it. Finance members sign up once; its organiser and
 * admins log follow-ups after it. Signed-in people see published and held roadshows; a draft or
 * cancelled one is seen by admins, its organiser and the organisations on it; anyone else gets 404
 * (and someone who may see it but not manage it gets 403 on a managing step).
 */
@Injectable()
export class RoadshowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthContext): Promise<RoadshowSummaryView[]> {
    const qb = this.db.manager.getRepository(Roadshow).createQueryBuilder('r').orderBy('r.startsAt', 'DESC').addOrderBy('r.id', 'DESC').take(200);
    if (!hasPlatformRole(actor, PlatformRole.Admin)) {
      const orgIds = [...actor.orgRoles.keys()];
      qb.where('(r.status IN (:...open) OR r.organiserId = :me)', { open: [RoadshowStatus.Published, RoadshowStatus.Held], me: actor.userId });
      if (orgIds.length)
        qb.orWhere(
          `(EXISTS (SELECT 1 FROM roadshow_investor i WHERE i.roadshow_id = r.id AND i.org_id IN (:...orgIds))
            OR EXISTS (SELECT 1 FROM roadshow_project p JOIN financing_request f ON f.id = p.request_id WHERE p.roadshow_id = r.id AND f.org_id IN (:...orgIds)))`,
          { orgIds },
        );
    }
    const rows = await qb.getMany();
    const counts = await this.counts(rows.map((r) => r.id));
    return rows.map((r) => this.summary(r, counts.get(r.id)));
  }

  /** For the roadshow form (admins, brokers): the open financing requests and the verified finance organisations. */
  async candidates(): Promise<RoadshowCandidatesView> {
    const requests = await this.db.manager.find(FinancingRequest, {
      select: { id: true, title: true, orgId: true, amount: true, instrument: true },
      where: { status: FinancingRequestStatus.Open },
      order: { publishedAt: 'DESC', id: 'ASC' },
      take: 500,
    });
    const investorIds = await this.organisations.verifiedIds({ ids: null, types: [FINANCE_ORG_TYPE] });
    const [names, investors] = await Promise.all([this.organisations.names(requests.map((q) => q.orgId)), this.organisations.listByName(investorIds)]);
    return {
      requests: requests.map((q) => ({ id: q.id, title: q.title, orgName: names.get(q.orgId) ?? '', amount: q.amount, instrument: q.instrument })),
      investors: investors.map((o) => ({ orgId: o.id, name: o.name })),
    };
  }

  async get(actor: AuthContext, id: string): Promise<RoadshowView> {
    const r = await this.db.manager.findOneBy(Roadshow, { id });
    if (!r) throw AppException.notFound();
    return this.view(actor, r);
  }

  async create(actor: AuthContext, dto: RoadshowInputDto): Promise<RoadshowView> {
    const fields = this.checked(dto);
    const id = await this.db.transaction(async (m) => {
      await this.checkParties(m, dto.requestIds, dto.investorOrgIds);
      const saved = await m.save(m.create(Roadshow, { ...fields, organiserId: actor.userId }));
      await this.setParties(m, saved, dto.requestIds, dto.investorOrgIds);
      await this.audit.record({ action: AuditAction.RoadshowCreated, actorId: actor.userId, actorEmail: actor.email, targetType: 'roadshow', targetId: saved.id }, m);
      return saved.id;
    });
    return this.get(actor, id);
  }

  /** Changes a draft or published roadshow; projects and investors newly added to a published one are told. */
  async update(actor: AuthContext, id: string, dto: UpdateRoadshowDto): Promise<RoadshowView> {
    const fields = this.checked(dto);
    await this.db.transaction(async (m) => {
      const r = await this.lockedManaged(m, actor, id);
      if (r.status !== RoadshowStatus.Draft && r.status !== RoadshowStatus.Published) throw AppException.invalidState();
      if (r.version !== dto.version) throw AppException.conflict();
      await this.checkParties(m, dto.requestIds, dto.investorOrgIds);
      await m.update(Roadshow, { id }, { ...fields, version: r.version + 1, updatedAt: new Date() });
      await this.setParties(m, { ...r, ...fields }, dto.requestIds, dto.investorOrgIds);
      await this.audit.record({ action: AuditAction.RoadshowUpdated, actorId: actor.userId, actorEmail: actor.email, targetType: 'roadshow', targetId: id }, m);
    });
    return this.get(actor, id);
  }

  /** draft → published: the invited organisations and the presenting applicants are told. */
  async publish(actor: AuthContext, id: string): Promise<RoadshowView> {
    await this.db.transaction(async (m) => {
      const r = await this.lockedManaged(m, actor, id);
      if (r.status !== RoadshowStatus.Draft) throw AppException.invalidState();
      await m.update(Roadshow, { id }, { status: RoadshowStatus.Published, publishedAt: new Date(), version: r.version + 1, updatedAt: new Date() });
      // One after the other: a transaction's manager holds one connection.
      const projects = await m.findBy(RoadshowProject, { roadshowId: id });
      const investors = await m.findBy(RoadshowInvestor, { roadshowId: id });
      await this.invite(
        { ...r, status: RoadshowStatus.Published },
        m,
        projects.map((p) => p.requestId),
        investors.map((i) => i.orgId),
      );
      await this.audit.record({ action: AuditAction.RoadshowPublished, actorId: actor.userId, actorEmail: actor.email, targetType: 'roadshow', targetId: id }, m);
    });
    return this.get(actor, id);
  }

  /** published → held, once at least one applicant accepted to present. */
  async hold(actor: AuthContext, id: string): Promise<RoadshowView> {
    await this.db.transaction(async (m) => {
      const r = await this.lockedManaged(m, actor, id);
      if (r.status !== RoadshowStatus.Published) throw AppException.invalidState();
      if (!(await m.existsBy(RoadshowProject, { roadshowId: id, status: RoadshowProjectStatus.Accepted })))
        throw AppException.validation([{ field: 'projects', code: 'roadshow_needs_project' }]);
      await m.update(Roadshow, { id }, { status: RoadshowStatus.Held, heldAt: new Date(), version: r.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: AuditAction.RoadshowHeld, actorId: actor.userId, actorEmail: actor.email, targetType: 'roadshow', targetId: id }, m);
    });
    return this.get(actor, id);
  }

  /** draft | published → cancelled; a published one's invited organisations, applicants and sign-ups are told. */
  async cancel(actor: AuthContext, id: string): Promise<RoadshowView> {
    await this.db.transaction(async (m) => {
      const r = await this.lockedManaged(m, actor, id);
      if (r.status !== RoadshowStatus.Draft && r.status !== RoadshowStatus.Published) throw AppException.invalidState();
      await m.update(Roadshow, { id }, { status: RoadshowStatus.Cancelled, cancelledAt: new Date(), version: r.version + 1, updatedAt: new Date() });
      if (r.status === RoadshowStatus.Published) {
        const orgIds = await this.partyOrgIds(m, id);
        const signups = await m.findBy(RoadshowSignup, { roadshowId: id });
        const params = { title: r.title, when: beijingMinute(r.startsAt) };
        for (const orgId of orgIds)
          await this.notifications.notify(m, { to: { orgId }, type: 'finance.roadshow_cancelled', params, link: `/roadshows/${id}`, dedupeKey: `roadshow:${id}:cancelled` });
        if (signups.length)
          await this.notifications.notify(m, {
            to: { userIds: signups.map((s) => s.userId) },
            type: 'finance.roadshow_cancelled',
            params,
            link: `/roadshows/${id}`,
            dedupeKey: `roadshow:${id}:cancelled`,
          });
      }
      await this.audit.record({ action: AuditAction.RoadshowCancelled, actorId: actor.userId, actorEmail: actor.email, targetType: 'roadshow', targetId: id }, m);
    });
    return this.get(actor, id);
  }

  /** A member of a presenting request's applicant accepts (consents to present) or declines, once; the organiser is told. */
  async answer(actor: AuthContext, id: string, requestId: string, dto: RoadshowProjectAnswerDto): Promise<RoadshowView> {
    await this.db.transaction(async (m) => {
      const r = await m.findOne(Roadshow, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const request = await m.findOneBy(FinancingRequest, { id: requestId });
      const project = r ? await m.findOneBy(RoadshowProject, { roadshowId: id, requestId }) : null;
      if (!r || !request || !project || !actor.orgRoles.has(request.orgId)) throw AppException.notFound();
      if (r.status !== RoadshowStatus.Draft && r.status !== RoadshowStatus.Published) throw AppException.invalidState();
      if (project.status !== RoadshowProjectStatus.Invited) throw AppException.conflict(ErrorCode.AlreadyDecided);
      const status = dto.accept ? RoadshowProjectStatus.Accepted : RoadshowProjectStatus.Declined;
      await m.update(RoadshowProject, { roadshowId: id, requestId }, { status, decidedBy: actor.userId, decidedAt: new Date() });
      if (r.organiserId)
        await this.notifications.notify(m, {
          to: { userIds: [r.organiserId] },
          type: 'finance.roadshow_answered',
          params: { project: request.title, title: r.title, decision: ROADSHOW_PROJECT_STATUS_LABELS[status]['zh-CN'] },
          link: `/roadshows/${id}`,
          dedupeKey: `roadshow:${id}:${requestId}:answered`,
        });
    });
    return this.get(actor, id);
  }

  /** A member of a verified finance organisation signs up for a published roadshow, once (409 after). */
  async signUp(actor: AuthContext, id: string, dto: RoadshowSignUpDto): Promise<RoadshowView> {
    const r = await this.db.manager.findOneBy(Roadshow, { id });
    if (!r || !(await this.mayRead(actor, r))) throw AppException.notFound();
    const financeOrgs = await this.financeOrgsOf(actor);
    const orgId = dto.orgId ?? financeOrgs[0];
    if (!orgId || !financeOrgs.includes(orgId)) throw new AppException(ErrorCode.Forbidden, HttpStatus.FORBIDDEN, [{ field: 'orgId', code: 'roadshow_finance_only' }]);
    if (r.status !== RoadshowStatus.Published) throw AppException.invalidState();
    await this.db.manager.insert(RoadshowSignup, { roadshowId: id, userId: actor.userId, orgId }).catch((e: unknown) => {
      if (isUniqueViolation(e)) throw AppException.conflict(ErrorCode.RoadshowAlreadySignedUp);
      throw e;
    });
    return this.get(actor, id);
  }

  /** A broker or admin logs a follow-up of a held roadshow: an investor (invited or signed up), a presenting project, a note, the next step. */
  async followUp(actor: AuthContext, id: string, dto: RoadshowFollowUpInputDto): Promise<RoadshowView> {
    const note = dto.note.trim();
    if (!note) throw AppException.validation([{ field: 'note', code: 'roadshow_note_required' }]);
    await this.db.transaction(async (m) => {
      const r = await this.lockedManaged(m, actor, id);
      if (r.status !== RoadshowStatus.Held) throw AppException.invalidState();
      const investor = await m.existsBy(RoadshowInvestor, { roadshowId: id, orgId: dto.investorOrgId });
      const signedUp = await m.existsBy(RoadshowSignup, { roadshowId: id, orgId: dto.investorOrgId });
      const project = await m.existsBy(RoadshowProject, { roadshowId: id, requestId: dto.requestId, status: RoadshowProjectStatus.Accepted });
      if (!(investor || signedUp) || !project) throw AppException.validation([{ field: 'investorOrgId', code: 'roadshow_follow_up_party' }]);
      const saved = await m.save(
        m.create(RoadshowFollowUp, {
          roadshowId: id,
          investorOrgId: dto.investorOrgId,
          requestId: dto.requestId,
          note,
          nextStep: dto.nextStep?.trim() ?? '',
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(
        { action: AuditAction.RoadshowFollowUpLogged, actorId: actor.userId, actorEmail: actor.email, targetType: 'roadshow', targetId: id, detail: { followUpId: saved.id } },
        m,
      );
    });
    return this.get(actor, id);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private checked(dto: RoadshowInputDto): Partial<Roadshow> {
    const place = dto.place?.trim() || null;
    const onlineLink = dto.onlineLink?.trim() || null;
    const startsAt = new Date(dto.startsAt);
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
    const problems: { field: string; code: string }[] = [];
    if (!dto.title.trim()) problems.push({ field: 'title', code: 'roadshow_title_required' });
    if (!place && !onlineLink) problems.push({ field: 'place', code: 'roadshow_place_required' });
    if (endsAt && endsAt <= startsAt) problems.push({ field: 'endsAt', code: 'roadshow_ends_before_start' });
    if (problems.length) throw AppException.validation(problems);
    return { title: dto.title.trim(), description: dto.description?.trim() ?? '', startsAt, endsAt, place, onlineLink, chains: [...new Set(dto.chains)] };
  }

  /** Projects are open financing requests; investors are verified finance organisations. */
  private async checkParties(m: EntityManager, requestIds: string[], investorOrgIds: string[]): Promise<void> {
    const problems: { field: string; code: string }[] = [];
    const wanted = [...new Set(requestIds)];
    if (wanted.length && (await m.countBy(FinancingRequest, { id: In(wanted), status: FinancingRequestStatus.Open })) !== wanted.length)
      problems.push({ field: 'requestIds', code: 'roadshow_project_not_open' });
    const investors = [...new Set(investorOrgIds)];
    if (investors.length && (await this.organisations.verifiedIds({ ids: investors, types: [FINANCE_ORG_TYPE] }, m)).length !== investors.length)
      problems.push({ field: 'investorOrgIds', code: 'roadshow_investor_not_finance' });
    if (problems.length) throw AppException.validation(problems);
  }

  /** Replaces the projects and investors (answers already given stay); a published roadshow's new ones are told. */
  private async setParties(m: EntityManager, r: Roadshow, requestIds: string[], investorOrgIds: string[]): Promise<void> {
    const projects = await m.findBy(RoadshowProject, { roadshowId: r.id });
    const investors = await m.findBy(RoadshowInvestor, { roadshowId: r.id });
    const wantedProjects = [...new Set(requestIds)];
    const wantedInvestors = [...new Set(investorOrgIds)];
    const goneProjects = projects.filter((p) => !wantedProjects.includes(p.requestId)).map((p) => p.requestId);
    const goneInvestors = investors.filter((i) => !wantedInvestors.includes(i.orgId)).map((i) => i.orgId);
    if (goneProjects.length) await m.delete(RoadshowProject, { roadshowId: r.id, requestId: In(goneProjects) });
    if (goneInvestors.length) await m.delete(RoadshowInvestor, { roadshowId: r.id, orgId: In(goneInvestors) });
    const newProjects = wantedProjects.filter((id) => !projects.some((p) => p.requestId === id));
    const newInvestors = wantedInvestors.filter((id) => !investors.some((i) => i.orgId === id));
    if (newProjects.length)
      await m.insert(
        RoadshowProject,
        newProjects.map((requestId) => ({ roadshowId: r.id, requestId })),
      );
    if (newInvestors.length)
      await m.insert(
        RoadshowInvestor,
        newInvestors.map((orgId) => ({ roadshowId: r.id, orgId })),
      );
    if (r.status === RoadshowStatus.Published) await this.invite(r, m, newProjects, newInvestors);
  }

  /** Tells invited finance organisations and the applicants of invited projects. */
  private async invite(r: Roadshow, m: EntityManager, requestIds: string[], investorOrgIds: string[]): Promise<void> {
    const when = beijingMinute(r.startsAt);
    for (const orgId of investorOrgIds)
      await this.notifications.notify(m, {
        to: { orgId },
        type: 'finance.roadshow_invited',
        params: { title: r.title, when },
        link: `/roadshows/${r.id}`,
        dedupeKey: `roadshow:${r.id}:invited:${orgId}`,
      });
    const requests = requestIds.length ? await m.find(FinancingRequest, { select: { id: true, orgId: true, title: true }, where: { id: In(requestIds) } }) : [];
    for (const q of requests)
      await this.notifications.notify(m, {
        to: { orgId: q.orgId },
        type: 'finance.roadshow_present',
        params: { project: q.title, title: r.title, when },
        link: `/roadshows/${r.id}`,
        dedupeKey: `roadshow:${r.id}:present:${q.id}`,
      });
  }

  private async partyOrgIds(m: EntityManager, id: string): Promise<string[]> {
    // One after the other: `m` may be a transaction's manager, which holds one connection.
    const projects = await m.findBy(RoadshowProject, { roadshowId: id });
    const investors = await m.findBy(RoadshowInvestor, { roadshowId: id });
    const requests = projects.length ? await m.find(FinancingRequest, { select: { id: true, orgId: true }, where: { id: In(projects.map((p) => p.requestId)) } }) : [];
    return [...new Set([...investors.map((i) => i.orgId), ...requests.map((q) => q.orgId)])];
  }

  private async lockedManaged(m: EntityManager, actor: AuthContext, id: string): Promise<Roadshow> {
    const r = await m.findOne(Roadshow, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!r || !(await this.mayRead(actor, r, m))) throw AppException.notFound();
    if (!manages(actor, r)) throw AppException.forbidden();
    return r;
  }

  private async mayRead(actor: AuthContext, r: Roadshow, m: EntityManager = this.db.manager): Promise<boolean> {
    if (manages(actor, r) || r.status === RoadshowStatus.Published || r.status === RoadshowStatus.Held) return true;
    const orgIds = new Set(actor.orgRoles.keys());
    return orgIds.size > 0 && (await this.partyOrgIds(m, r.id)).some((o) => orgIds.has(o));
  }

  /** The caller's verified finance organisations. */
  private async financeOrgsOf(actor: AuthContext): Promise<string[]> {
    const orgIds = [...actor.orgRoles.keys()];
    return orgIds.length ? this.organisations.verifiedIds({ ids: orgIds, types: [FINANCE_ORG_TYPE] }) : [];
  }

  private async counts(ids: string[]): Promise<Map<string, { projects: number; investors: number; signUps: number }>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.query(
      `SELECT r.id,
              (SELECT count(*)::int FROM roadshow_project p WHERE p.roadshow_id = r.id AND p.status <> 'declined') AS projects,
              (SELECT count(*)::int FROM roadshow_investor i WHERE i.roadshow_id = r.id) AS investors,
              (SELECT count(*)::int FROM roadshow_signup s WHERE s.roadshow_id = r.id) AS "signUps"
         FROM roadshow r WHERE r.id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; projects: number; investors: number; signUps: number }[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private summary(r: Roadshow, c?: { projects: number; investors: number; signUps: number }): RoadshowSummaryView {
    return {
      id: r.id,
      title: r.title,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt?.toISOString() ?? null,
      place: r.place,
      onlineLink: r.onlineLink,
      chains: r.chains,
      status: r.status,
      projects: c?.projects ?? 0,
      investors: c?.investors ?? 0,
      signUps: c?.signUps ?? 0,
    };
  }

  private async view(actor: AuthContext, r: Roadshow): Promise<RoadshowView> {
    if (!(await this.mayRead(actor, r))) throw AppException.notFound();
    const m = this.db.manager;
    const [projects, investors, signups, followUps, counts, financeOrgs] = await Promise.all([
      m.find(RoadshowProject, { where: { roadshowId: r.id }, order: { createdAt: 'ASC', requestId: 'ASC' } }),
      m.find(RoadshowInvestor, { where: { roadshowId: r.id } }),
      m.find(RoadshowSignup, { where: { roadshowId: r.id }, order: { createdAt: 'ASC' } }),
      m.find(RoadshowFollowUp, { where: { roadshowId: r.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.counts([r.id]),
      this.financeOrgsOf(actor),
    ]);
    const requests = projects.length
      ? await m.find(FinancingRequest, { select: { id: true, orgId: true, title: true, amount: true, instrument: true }, where: { id: In(projects.map((p) => p.requestId)) } })
      : [];
    const requestById = new Map(requests.map((q) => [q.id, q]));
    const manager = manages(actor, r);
    const mine = new Set(actor.orgRoles.keys());
    // Follow-ups: managers read all; an investor organisation its own, an applicant those on its project.
    const visibleFollowUps = followUps.filter((f) => manager || mine.has(f.investorOrgId) || mine.has(requestById.get(f.requestId)?.orgId ?? ''));
    const visibleSignups = manager ? signups : signups.filter((s) => mine.has(s.orgId));
    const [orgs, names] = await Promise.all([
      this.organisations.names([...requests.map((q) => q.orgId), ...investors.map((i) => i.orgId), ...signups.map((s) => s.orgId), ...followUps.map((f) => f.investorOrgId)]),
      this.people.names([r.organiserId, ...visibleSignups.map((s) => s.userId), ...visibleFollowUps.map((f) => f.createdBy)]),
    ]);
    const investorList = investors.map((i) => ({ orgId: i.orgId, name: orgs.get(i.orgId) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return {
      ...this.summary(r, counts.get(r.id)),
      description: r.description,
      organiserName: r.organiserId ? (names.get(r.organiserId) ?? '') : '',
      projectList: projects.map((p) => {
        const q = requestById.get(p.requestId);
        return {
          requestId: p.requestId,
          title: q?.title ?? '',
          orgId: q?.orgId ?? '',
          orgName: q ? (orgs.get(q.orgId) ?? '') : '',
          amount: q?.amount ?? '0.00',
          instrument: q?.instrument ?? '',
          status: p.status,
          decidedAt: p.decidedAt?.toISOString() ?? null,
        };
      }),
      investorList,
      signUpList: visibleSignups.map((s) => ({
        userId: s.userId,
        name: names.get(s.userId) ?? '',
        orgId: s.orgId,
        orgName: orgs.get(s.orgId) ?? '',
        createdAt: s.createdAt.toISOString(),
      })),
      followUps: visibleFollowUps.map((f): RoadshowFollowUpView => ({
        id: f.id,
        investorOrgId: f.investorOrgId,
        investorOrgName: orgs.get(f.investorOrgId) ?? '',
        requestId: f.requestId,
        requestTitle: requestById.get(f.requestId)?.title ?? '',
        note: f.note,
        nextStep: f.nextStep,
        createdByName: f.createdBy ? (names.get(f.createdBy) ?? '') : '',
        createdAt: f.createdAt.toISOString(),
      })),
      canManage: manager && (r.status === RoadshowStatus.Draft || r.status === RoadshowStatus.Published || r.status === RoadshowStatus.Held),
      canSignUp: r.status === RoadshowStatus.Published && financeOrgs.length > 0,
      signedUp: signups.some((s) => s.userId === actor.userId),
      myInvitations: projects.filter((p) => p.status === RoadshowProjectStatus.Invited && mine.has(requestById.get(p.requestId)?.orgId ?? '')).map((p) => p.requestId),
      heldAt: r.heldAt?.toISOString() ?? null,
      cancelledAt: r.cancelledAt?.toISOString() ?? null,
      version: r.version,
    };
  }
}
