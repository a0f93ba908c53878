import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@ztt/audit';
import {
  AuditAction,
  compareDecimals,
  ErrorCode,
  FinanceProfileView,
  FinancingDisclosureView,
  FinancingInterestView,
  FinancingMatchView,
  FinancingRequestStatus,
  FinancingWatchlistItem,
  formatYuanWan,
  hundredths,
  PlatformRole,
} from '@ztt/contracts';
import { DealsService, FinancingClosing, FinancingDealPort } from '@ztt/deals';
import { OrganisationDirectory, PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, hasPlatformRole, isUniqueViolation } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { DecideDisclosureDto, FinanceProfileInputDto, FinancingInterestInputDto, OpenFinancingDealDto } from './dto/finance.dto';
import { FinanceProfile, FinancingDisclosure, FinancingInterest, FinancingMatch, FinancingRequest, FinancingWatch } from './financing-request.entity';
import { FinancingRequestsService } from './financing-requests.service';

/**
 * The capital side of 科技金融: finance profiles, both-way matches with reasons, a finance member's
 * watchlist, interest (once per request and organisation), disclosure requests for the
 * confidential part, the broker's hand-off to a financing deal, and the request becoming
 * `arranged` when that deal closes (through the deals lib's port, in the deal's transaction).
 */
@Injectable()
export class FinanceService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly requests: FinancingRequestsService,
    private readonly deals: DealsService,
    private readonly port: FinancingDealPort,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.port.register((m, closing) => this.onDealClosed(m, closing));
  }

  // ---- profiles -------------------------------------------------------------------------------

  /** My finance organisation's profile (null until saved); 404 for anyone who is not a finance member. */
  async myProfile(actor: AuthContext): Promise<FinanceProfileView | null> {
    const orgId = await this.requests.financeOrgOf(actor);
    const p = await this.db.manager.findOneBy(FinanceProfile, { orgId });
    return p ? ((await this.profileViews([p]))[0] ?? null) : null;
  }

  /** A finance member saves their organisation's profile; every open request is scored against it again. */
  async saveProfile(actor: AuthContext, dto: FinanceProfileInputDto): Promise<FinanceProfileView> {
    const orgId = await this.requests.financeOrgOf(actor);
    const problems: { field: string; code: string }[] = [];
    if (!dto.instruments.length) problems.push({ field: 'instruments', code: 'finance_instruments_required' });
    if (hundredths(dto.ticketMax) < hundredths(dto.ticketMin)) problems.push({ field: 'ticketMax', code: 'finance_ticket_order' });
    if (problems.length) throw AppException.validation(problems);
    await this.db.transaction(async (m) => {
      await m.upsert(
        FinanceProfile,
        {
          orgId,
          kind: dto.kind,
          instruments: [...new Set(dto.instruments)],
          ticketMin: dto.ticketMin,
          ticketMax: dto.ticketMax,
          stages: [...new Set(dto.stages)],
          chains: [...new Set(dto.chains)],
          regions: [...new Set(dto.regions)],
          exclusions: [...new Set(dto.exclusions.map((x) => x.trim()).filter((x) => x))],
          summary: dto.summary.trim(),
          updatedAt: new Date(),
          updatedBy: actor.userId,
        },
        ['orgId'],
      );
      await this.audit.record({ action: AuditAction.FinanceProfileSaved, actorId: actor.userId, actorEmail: actor.email, targetType: 'organisation', targetId: orgId }, m);
      await this.requests.refreshForProfile(m, orgId);
    });
    return (await this.myProfile(actor)) as FinanceProfileView;
  }

  /** Every finance profile, for brokers and admins. */
  async profiles(actor: AuthContext): Promise<FinanceProfileView[]> {
    if (!hasPlatformRole(actor, PlatformRole.Broker) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    return this.profileViews(await this.db.manager.find(FinanceProfile, { order: { updatedAt: 'DESC' } }));
  }

  private async profileViews(rows: FinanceProfile[]): Promise<FinanceProfileView[]> {
    const names = await this.organisations.names(rows.map((r) => r.orgId));
    return rows.map((p) => ({
      orgId: p.orgId,
      orgName: names.get(p.orgId) ?? '',
      kind: p.kind,
      instruments: p.instruments,
      ticketMin: p.ticketMin,
      ticketMax: p.ticketMax,
      stages: p.stages,
      chains: p.chains,
      regions: p.regions,
      exclusions: p.exclusions,
      summary: p.summary,
      updatedAt: p.updatedAt.toISOString(),
    }));
  }

  // ---- matches and watchlist ------------------------------------------------------------------

  /** The finance organisations matched to a request, best first: for the applicant, brokers and admins. */
  async matchesOfRequest(actor: AuthContext, requestId: string): Promise<FinancingMatchView[]> {
    const { request, role } = await this.requests.readable(actor, requestId);
    if (role === 'finance') throw AppException.notFound();
    const rows = await this.db.manager.find(FinancingMatch, { where: { requestId }, order: { score: 'DESC', orgId: 'ASC' } });
    const names = await this.organisations.names(rows.map((r) => r.orgId));
    return rows.map((r) => ({
      requestId,
      requestTitle: request.title,
      orgId: r.orgId,
      orgName: names.get(r.orgId) ?? '',
      score: Number(r.score),
      reasons: r.reasons,
      reasonsEn: r.reasonsEn,
    }));
  }

  /** The open requests matched to a finance profile, best first: for its own members and admins (the profile's side of matching). */
  async matchesOfProfile(actor: AuthContext, orgId: string): Promise<FinancingMatchView[]> {
    const own = (await this.requests.financeOrgsOf(actor)).includes(orgId);
    if (!own && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    const rows = await this.db.manager.find(FinancingMatch, { where: { orgId }, order: { score: 'DESC', requestId: 'ASC' } });
    const reqs = await this.db.manager.find(FinancingRequest, {
      select: { id: true, title: true },
      where: { id: In(rows.map((r) => r.requestId).concat('00000000-0000-0000-0000-000000000000')) },
    });
    const titles = new Map(reqs.map((r) => [r.id, r.title]));
    const name = (await this.organisations.names([orgId])).get(orgId) ?? '';
    return rows.map((r) => ({
      requestId: r.requestId,
      requestTitle: titles.get(r.requestId) ?? '',
      orgId,
      orgName: name,
      score: Number(r.score),
      reasons: r.reasons,
      reasonsEn: r.reasonsEn,
    }));
  }

  /** A finance member's watchlist: open requests matched to their organisation, saved ones first, then by score. */
  async watchlist(actor: AuthContext, onlyWatched = false): Promise<FinancingWatchlistItem[]> {
    const orgId = await this.requests.financeOrgOf(actor);
    const m = this.db.manager;
    const [matches, watches, interests] = await Promise.all([
      m.find(FinancingMatch, { where: { orgId } }),
      m.find(FinancingWatch, { where: { orgId } }),
      m.find(FinancingInterest, { where: { orgId } }),
    ]);
    const watched = new Set(watches.map((w) => w.requestId));
    const interested = new Set(interests.map((i) => i.requestId));
    const ids = [...new Set([...matches.map((x) => x.requestId), ...watched])];
    const rows = ids.length ? await m.find(FinancingRequest, { where: { id: In(ids), status: FinancingRequestStatus.Open } }) : [];
    const views = new Map((await this.requests.publicViews(rows)).map((v) => [v.id, v]));
    const byId = new Map(matches.map((x) => [x.requestId, x]));
    return [...views.values()]
      .map((request) => {
        const match = byId.get(request.id);
        return {
          request,
          score: match ? Number(match.score) : 0,
          reasons: match?.reasons ?? [],
          reasonsEn: match?.reasonsEn ?? [],
          watched: watched.has(request.id),
          interested: interested.has(request.id),
        };
      })
      .filter((x) => !onlyWatched || x.watched)
      .sort((a, b) => Number(b.watched) - Number(a.watched) || b.score - a.score || a.request.id.localeCompare(b.request.id));
  }

  async watch(actor: AuthContext, requestId: string, on: boolean): Promise<void> {
    const orgId = await this.requests.financeOrgOf(actor);
    const { role } = await this.requests.readable(actor, requestId);
    if (role !== 'finance') throw AppException.notFound();
    if (on) await this.db.manager.createQueryBuilder().insert().into(FinancingWatch).values({ requestId, orgId, createdBy: actor.userId }).orIgnore().execute();
    else await this.db.manager.delete(FinancingWatch, { requestId, orgId });
  }

  // ---- interest -------------------------------------------------------------------------------

  /** A finance member expresses their organisation's interest in an open request: once (409 after); the applicant is told. */
  async expressInterest(actor: AuthContext, requestId: string, dto: FinancingInterestInputDto): Promise<FinancingInterestView> {
    const orgId = await this.requests.financeOrgOf(actor);
    const { request, role } = await this.requests.readable(actor, requestId);
    if (role !== 'finance') throw AppException.notFound();
    if (request.status !== FinancingRequestStatus.Open) throw AppException.invalidState();
    const id = await this.db.transaction(async (m) => {
      let saved: FinancingInterest;
      try {
        saved = await m.save(m.create(FinancingInterest, { requestId, orgId, note: dto.note?.trim() ?? '', createdBy: actor.userId }));
      } catch (e) {
        if (isUniqueViolation(e)) throw AppException.conflict(ErrorCode.FinancingInterestExists);
        throw e;
      }
      await m.createQueryBuilder().insert().into(FinancingWatch).values({ requestId, orgId, createdBy: actor.userId }).orIgnore().execute();
      await this.audit.record(
        { action: AuditAction.FinancingInterestExpressed, actorId: actor.userId, actorEmail: actor.email, targetType: 'financing_request', targetId: requestId, detail: { orgId } },
        m,
      );
      const org = (await this.organisations.names([orgId], m)).get(orgId) ?? '';
      await this.notifications.notify(m, {
        to: { orgId: request.orgId },
        type: 'finance.interest',
        params: { org, title: request.title },
        link: `/financing/${requestId}`,
        dedupeKey: `financing-interest:${saved.id}`,
      });
      await this.notifications.notify(m, {
        to: { userIds: (await this.people.withRole(PlatformRole.Broker, { limit: 50 }, m)).map((p) => p.id) },
        type: 'finance.interest',
        params: { org, title: request.title },
        link: `/financing/${requestId}`,
        dedupeKey: `financing-interest:${saved.id}`,
      });
      return saved.id;
    });
    return (await this.interestViews(await this.db.manager.findBy(FinancingInterest, { id })))[0] as FinancingInterestView;
  }

  /** The interests in a request: all for the applicant, brokers and admins; a finance member sees their own organisation's. */
  async interests(actor: AuthContext, requestId: string): Promise<FinancingInterestView[]> {
    const { role } = await this.requests.readable(actor, requestId);
    const where = role === 'finance' ? { requestId, orgId: In(await this.requests.financeOrgsOf(actor)) } : { requestId };
    return this.interestViews(await this.db.manager.find(FinancingInterest, { where, order: { createdAt: 'ASC' } }));
  }

  private async interestViews(rows: FinancingInterest[]): Promise<FinancingInterestView[]> {
    const [orgs, people] = await Promise.all([this.organisations.names(rows.map((r) => r.orgId)), this.people.names(rows.map((r) => r.createdBy))]);
    return rows.map((r) => ({
      id: r.id,
      requestId: r.requestId,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId) ?? '',
      note: r.note,
      createdByName: (r.createdBy && people.get(r.createdBy)) || '',
      createdAt: r.createdAt.toISOString(),
      dealId: r.dealId,
    }));
  }

  // ---- disclosure -----------------------------------------------------------------------------

  /** A finance member asks to read the confidential part; the applicant's members are told. Asking again after a refusal asks again. */
  async requestDisclosure(actor: AuthContext, requestId: string): Promise<FinancingDisclosureView> {
    const orgId = await this.requests.financeOrgOf(actor);
    const { request, role } = await this.requests.readable(actor, requestId);
    if (role !== 'finance') throw AppException.notFound();
    const id = await this.db.transaction(async (m) => {
      const existing = await m.findOne(FinancingDisclosure, { where: { requestId, orgId }, lock: { mode: 'pessimistic_write' } });
      if (existing && existing.status !== 'refused') throw AppException.conflict();
      let row: FinancingDisclosure;
      if (existing) {
        await m.update(FinancingDisclosure, { id: existing.id }, { status: 'requested', requestedBy: actor.userId, decidedBy: null, decidedAt: null });
        row = existing;
      } else {
        try {
          row = await m.save(m.create(FinancingDisclosure, { requestId, orgId, requestedBy: actor.userId }));
        } catch (e) {
          if (isUniqueViolation(e)) throw AppException.conflict();
          throw e;
        }
      }
      const org = (await this.organisations.names([orgId], m)).get(orgId) ?? '';
      await this.notifications.notify(m, {
        to: { orgId: request.orgId },
        type: 'finance.disclosure_requested',
        params: { org, title: request.title },
        link: `/financing/${requestId}`,
        dedupeKey: `financing-disclosure:${row.id}:${Date.now()}`,
      });
      return row.id;
    });
    return (await this.disclosureViews(await this.db.manager.findBy(FinancingDisclosure, { id })))[0] as FinancingDisclosureView;
  }

  /** The applicant grants or refuses; the asking organisation's members are told. */
  async decideDisclosure(actor: AuthContext, requestId: string, disclosureId: string, dto: DecideDisclosureDto): Promise<FinancingDisclosureView> {
    const request = await this.requests.get(requestId);
    if (!request || !actor.orgRoles.has(request.orgId)) throw AppException.notFound();
    await this.db.transaction(async (m) => {
      const d = await m.findOne(FinancingDisclosure, { where: { id: disclosureId, requestId }, lock: { mode: 'pessimistic_write' } });
      if (!d) throw AppException.notFound();
      if (d.status !== 'requested') throw AppException.conflict(ErrorCode.AlreadyDecided);
      const status = dto.decision === 'grant' ? 'granted' : 'refused';
      await m.update(FinancingDisclosure, { id: d.id }, { status, decidedBy: actor.userId, decidedAt: new Date() });
      await this.audit.record(
        {
          action: AuditAction.FinancingDisclosureDecided,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'financing_request',
          targetId: requestId,
          detail: { orgId: d.orgId, decision: status },
        },
        m,
      );
      await this.notifications.notify(m, {
        to: { orgId: d.orgId },
        type: 'finance.disclosure_decided',
        params: { title: request.title, decision: status === 'granted' ? '已同意，可查看' : '未同意', decisionEn: status === 'granted' ? 'granted' : 'refused' },
        link: `/financing/${requestId}`,
        dedupeKey: `financing-disclosure:${d.id}:${status}:${Date.now()}`,
      });
    });
    return (await this.disclosureViews(await this.db.manager.findBy(FinancingDisclosure, { id: disclosureId })))[0] as FinancingDisclosureView;
  }

  /** Disclosure requests of a request: every one for the applicant and admins; a finance member their own organisation's. */
  async disclosures(actor: AuthContext, requestId: string): Promise<FinancingDisclosureView[]> {
    const { role } = await this.requests.readable(actor, requestId);
    if (role === 'broker') return [];
    const where = role === 'finance' ? { requestId, orgId: In(await this.requests.financeOrgsOf(actor)) } : { requestId };
    return this.disclosureViews(await this.db.manager.find(FinancingDisclosure, { where, order: { createdAt: 'ASC' } }));
  }

  private async disclosureViews(rows: FinancingDisclosure[]): Promise<FinancingDisclosureView[]> {
    const [orgs, people] = await Promise.all([this.organisations.names(rows.map((r) => r.orgId)), this.people.names(rows.flatMap((r) => [r.requestedBy, r.decidedBy]))]);
    return rows.map((r) => ({
      id: r.id,
      requestId: r.requestId,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId) ?? '',
      status: r.status,
      requestedByName: (r.requestedBy && people.get(r.requestedBy)) || '',
      decidedByName: (r.decidedBy && people.get(r.decidedBy)) || null,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }

  // ---- broker hand-off ------------------------------------------------------------------------

  /** A broker opens a financing deal from an interest: the applicant is the demand side, the finance organisation the supply side. */
  async openDeal(actor: AuthContext, requestId: string, interestId: string, dto: OpenFinancingDealDto): Promise<{ dealId: string }> {
    if (!hasPlatformRole(actor, PlatformRole.Broker) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    const { request } = await this.requests.readable(actor, requestId);
    const dealId = await this.db.transaction(async (m) => {
      const interest = await m.findOne(FinancingInterest, { where: { id: interestId, requestId }, lock: { mode: 'pessimistic_write' } });
      if (!interest) throw AppException.notFound();
      const r = await m.findOne(FinancingRequest, { where: { id: requestId }, lock: { mode: 'pessimistic_read' } });
      if (!r || r.status !== FinancingRequestStatus.Open) throw AppException.invalidState();
      if (interest.dealId) throw AppException.conflict();
      const orgName = (await this.organisations.names([interest.orgId], m)).get(interest.orgId) ?? '';
      const id = await this.deals.openFinancing(m, actor, {
        requestId,
        title: dto.title?.trim() || `融资对接：${request.title} ⇄ ${orgName}`,
        demandOrgId: request.orgId,
        supplyOrgId: interest.orgId,
        expectedValue: request.amount,
        demandContact: null,
        supplyContact: null,
      });
      await m.update(FinancingInterest, { id: interestId }, { dealId: id });
      return id;
    });
    return { dealId };
  }

  /**
   * A financing deal closed (the deals lib's port, inside its transaction): the arranged amount
   * must be above 0 and at most the amount asked, or the move is refused and nothing changes; the
   * request becomes `arranged`.
   */
  async onDealClosed(m: EntityManager, closing: FinancingClosing): Promise<void> {
    const r = await m.findOneBy(FinancingRequest, { id: closing.requestId });
    if (!r) throw AppException.notFound();
    if (compareDecimals(closing.arrangedAmount, r.amount) > 0 || hundredths(closing.arrangedAmount) <= 0n)
      throw AppException.validation([{ field: 'arrangedAmount', code: 'financing_arranged_amount', params: { max: formatYuanWan(r.amount) } }]);
    if (r.status === FinancingRequestStatus.Withdrawn) throw AppException.invalidState();
    await this.requests.markArranged(m, r.id, closing.arrangedAmount, closing.dealId);
  }
}
