import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@ztt/audit';
import { CatalogueReader } from '@ztt/catalogue';
import {
  AuditAction,
  FINANCING_STRONG_MATCH,
  FinancingConfidential,
  FinancingRequestPublicView,
  FinancingRequestStatus,
  FinancingRequestView,
  FinancingSubject,
  FinancingViewerRole,
  hundredths,
  PlatformRole,
} from '@ztt/contracts';
import { DealsService } from '@ztt/deals';
import { OrganisationDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, FieldProblemSpec, hasPlatformRole } from '@ztt/platform';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { FinancingRequestInputDto, UpdateFinancingRequestDto } from './dto/finance.dto';
import { FINANCING_MIN_SCORE, scoreFinancing } from './financing-match';
import { FinanceProfile, FinancingDisclosure, FinancingInterest, FinancingMatch, FinancingRequest, FinancingWatch } from './financing-request.entity';

/** The finance-type organisations the caller is an active member of. */
export type FinanceOrgIds = string[];

/**
 * 融资需求: an applicant organisation's members create a request (draft), edit it, publish it (open)
 * and withdraw it. Who sees what: the applicant's members and platform admins everything; brokers
 * and members of finance organisations the public part of published requests; the confidential
 * part only the applicant, admins, the brokers of its financing deals and finance organisations
 * whose disclosure request the applicant granted. Anyone else gets 404.
 */
@Injectable()
export class FinancingRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly deals: DealsService,
    private readonly organisations: OrganisationDirectory,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  // ---- who the caller is ----------------------------------------------------------------------

  /** The finance-type organisations the caller belongs to (active memberships). */
  async financeOrgsOf(actor: AuthContext): Promise<FinanceOrgIds> {
    const cards = await this.organisations.cards(actor.orgRoles.keys());
    return [...cards.values()].filter((c) => c.type === 'finance').map((c) => c.id);
  }

  /** The caller's finance organisation (the first, by id), or 404 for anyone who is not a finance member. */
  async financeOrgOf(actor: AuthContext, orgId?: string): Promise<string> {
    const orgs = (await this.financeOrgsOf(actor)).sort();
    const org = orgId ? orgs.find((o) => o === orgId) : orgs[0];
    if (!org) throw AppException.notFound();
    return org;
  }

  /** What the caller is to the request, or null (→ 404). */
  async roleOf(actor: AuthContext, r: FinancingRequest, financeOrgs?: FinanceOrgIds): Promise<FinancingViewerRole | null> {
    if (actor.orgRoles.has(r.orgId)) return 'applicant';
    if (hasPlatformRole(actor, PlatformRole.Admin)) return 'admin';
    if (r.status === FinancingRequestStatus.Draft) return null;
    if (hasPlatformRole(actor, PlatformRole.Broker)) return 'broker';
    const orgs = financeOrgs ?? (await this.financeOrgsOf(actor));
    if (!orgs.length) return null;
    if (r.status === FinancingRequestStatus.Open) return 'finance';
    // once arranged or withdrawn: the finance organisations that took part (interest or disclosure) still see it
    const tookPart = await this.db.manager.existsBy(FinancingInterest, { requestId: r.id, orgId: In(orgs) });
    return tookPart ? 'finance' : null;
  }

  /**
   * Whether the caller may read the request's confidential part: a member of the applicant, a
   * platform admin, a broker of one of its financing deals, or a member of a finance organisation
   * whose disclosure request the applicant granted.
   */
  async mayReadConfidential(actor: AuthContext, r: FinancingRequest, financeOrgs?: FinanceOrgIds): Promise<boolean> {
    if (actor.orgRoles.has(r.orgId) || hasPlatformRole(actor, PlatformRole.Admin)) return true;
    const deals = await this.deals.financingDeals(r.id);
    if (deals.some((d) => d.leadBrokerId === actor.userId || d.coBrokerIds.includes(actor.userId))) return true;
    const orgs = financeOrgs ?? (await this.financeOrgsOf(actor));
    if (!orgs.length) return false;
    return this.db.manager.existsBy(FinancingDisclosure, { requestId: r.id, orgId: In(orgs), status: 'granted' });
  }

  // ---- read -----------------------------------------------------------------------------------

  /** The request row, or null; for other parts of this lib and the extras built on it. */
  async get(id: string, m: EntityManager = this.db.manager): Promise<FinancingRequest | null> {
    return m.findOneBy(FinancingRequest, { id });
  }

  /** The request row if the caller may see it; 404 otherwise. */
  async readable(actor: AuthContext, id: string): Promise<{ request: FinancingRequest; role: FinancingViewerRole }> {
    const request = await this.get(id);
    const role = request ? await this.roleOf(actor, request) : null;
    if (!request || !role) throw AppException.notFound();
    return { request, role };
  }

  async view(actor: AuthContext, id: string): Promise<FinancingRequestView> {
    const { request, role } = await this.readable(actor, id);
    const financeOrgs = role === 'finance' ? await this.financeOrgsOf(actor) : [];
    const [base] = await this.publicViews([request]);
    const confidential = await this.mayReadConfidential(actor, request, financeOrgs);
    const deals = await this.deals.financingDeals(request.id);
    let myDisclosure: FinancingRequestView['myDisclosure'] = null;
    let myInterest = false;
    let watched = false;
    if (financeOrgs.length) {
      const d = await this.db.manager.findOneBy(FinancingDisclosure, { requestId: id, orgId: In(financeOrgs) });
      myDisclosure = d?.status ?? null;
      myInterest = await this.db.manager.existsBy(FinancingInterest, { requestId: id, orgId: In(financeOrgs) });
      watched = await this.db.manager.existsBy(FinancingWatch, { requestId: id, orgId: In(financeOrgs) });
    }
    const dealIds = deals.filter((d) => role !== 'finance' || financeOrgs.includes(d.supplyOrgId)).map((d) => d.id);
    return {
      ...(base as FinancingRequestPublicView),
      viewerRole: role,
      ...(confidential ? { confidential: request.confidential } : {}),
      myDisclosure,
      myInterest,
      watched,
      dealIds,
    };
  }

  /** My organisations' requests, newest first. */
  async mine(actor: AuthContext): Promise<FinancingRequestPublicView[]> {
    const orgs = [...actor.orgRoles.keys()];
    if (!orgs.length) return [];
    return this.publicViews(await this.db.manager.find(FinancingRequest, { where: { orgId: In(orgs) }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 }));
  }

  /** Open requests for brokers, admins and finance members, newest first; anyone else 404. */
  async listOpen(actor: AuthContext): Promise<FinancingRequestPublicView[]> {
    const allowed = hasPlatformRole(actor, PlatformRole.Admin) || hasPlatformRole(actor, PlatformRole.Broker) || (await this.financeOrgsOf(actor)).length > 0;
    if (!allowed) throw AppException.notFound();
    return this.publicViews(
      await this.db.manager.find(FinancingRequest, { where: { status: FinancingRequestStatus.Open }, order: { publishedAt: 'DESC', id: 'DESC' }, take: 200 }),
    );
  }

  async publicViews(rows: FinancingRequest[]): Promise<FinancingRequestPublicView[]> {
    if (!rows.length) return [];
    const [orgs, achs, needs, deals] = await Promise.all([
      this.organisations.names(rows.map((r) => r.orgId)),
      this.catalogue.titles(
        'achievement',
        rows.map((r) => r.achievementId),
      ),
      this.catalogue.titles(
        'need',
        rows.map((r) => r.needId),
      ),
      this.deals.titles(rows.map((r) => r.dealId).filter((d): d is string => !!d)),
    ]);
    return rows.map((r) => {
      const subject: FinancingSubject = r.achievementId
        ? { kind: 'achievement', id: r.achievementId, title: achs.get(r.achievementId) ?? '' }
        : r.needId
          ? { kind: 'need', id: r.needId, title: needs.get(r.needId) ?? '' }
          : { kind: 'deal', id: r.dealId as string, title: deals.get(r.dealId as string) ?? '' };
      return {
        id: r.id,
        orgId: r.orgId,
        orgName: orgs.get(r.orgId) ?? '',
        title: r.title,
        summary: r.summary,
        subject,
        amount: r.amount,
        instrument: r.instrument,
        stage: r.stage,
        useOfFunds: r.useOfFunds,
        raisedSoFar: r.raisedSoFar,
        chains: r.chains,
        region: r.region,
        status: r.status,
        arrangedAmount: r.arrangedAmount,
        version: r.version,
        publishedAt: r.publishedAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  // ---- write ----------------------------------------------------------------------------------

  /** A member of the applicant organisation creates a draft. */
  async create(actor: AuthContext, dto: FinancingRequestInputDto): Promise<FinancingRequestView> {
    const orgId = this.applicantOrg(actor, dto.orgId);
    const fields = await this.checked(actor, orgId, dto);
    const id = await this.db.transaction(async (m) => {
      const saved = await m.save(m.create(FinancingRequest, { ...fields, orgId, createdBy: actor.userId, status: FinancingRequestStatus.Draft }));
      await this.audit.record(
        {
          action: AuditAction.FinancingRequestSaved,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'financing_request',
          targetId: saved.id,
          detail: { status: 'draft' },
        },
        m,
      );
      return saved.id;
    });
    return this.view(actor, id);
  }

  /** Edits a draft or open request if nobody saved since `version`; an open request is re-matched. */
  async update(actor: AuthContext, id: string, dto: UpdateFinancingRequestDto): Promise<FinancingRequestView> {
    const current = await this.get(id);
    if (!current || !actor.orgRoles.has(current.orgId)) throw AppException.notFound();
    const fields = await this.checked(actor, current.orgId, dto);
    await this.db.transaction(async (m) => {
      const r = await this.locked(m, id);
      if (![FinancingRequestStatus.Draft, FinancingRequestStatus.Open].includes(r.status)) throw AppException.invalidState();
      if (r.version !== dto.version) throw AppException.conflict();
      await m.update(FinancingRequest, { id }, { ...fields, version: r.version + 1, updatedAt: new Date() });
      await this.audit.record(
        { action: AuditAction.FinancingRequestSaved, actorId: actor.userId, actorEmail: actor.email, targetType: 'financing_request', targetId: id, detail: { status: r.status } },
        m,
      );
      if (r.status === FinancingRequestStatus.Open) await this.refreshForRequest(m, id);
    });
    return this.view(actor, id);
  }

  /** draft → open: finance organisations are matched and told of a strong match. */
  async publish(actor: AuthContext, id: string): Promise<FinancingRequestView> {
    return this.transition(actor, id, FinancingRequestStatus.Draft, FinancingRequestStatus.Open);
  }

  /** draft/open → withdrawn: it leaves every watchlist. */
  async withdraw(actor: AuthContext, id: string): Promise<FinancingRequestView> {
    return this.transition(actor, id, null, FinancingRequestStatus.Withdrawn);
  }

  private async transition(actor: AuthContext, id: string, from: FinancingRequestStatus | null, to: FinancingRequestStatus): Promise<FinancingRequestView> {
    const current = await this.get(id);
    if (!current || !actor.orgRoles.has(current.orgId)) throw AppException.notFound();
    await this.db.transaction(async (m) => {
      const r = await this.locked(m, id);
      const allowed = from ? r.status === from : [FinancingRequestStatus.Draft, FinancingRequestStatus.Open].includes(r.status);
      if (!allowed) throw AppException.invalidState();
      await m.update(
        FinancingRequest,
        { id },
        { status: to, version: r.version + 1, updatedAt: new Date(), ...(to === FinancingRequestStatus.Open ? { publishedAt: new Date() } : {}) },
      );
      await this.audit.record(
        { action: AuditAction.FinancingRequestSaved, actorId: actor.userId, actorEmail: actor.email, targetType: 'financing_request', targetId: id, detail: { status: to } },
        m,
      );
      if (to === FinancingRequestStatus.Open) await this.refreshForRequest(m, id);
      else await m.delete(FinancingMatch, { requestId: id });
    });
    return this.view(actor, id);
  }

  /**
   * 融资已落实: a financing deal on the request closed with `amount` 元 (from the deals outbox event).
   * Idempotent: an arranged request keeps its first arranged amount.
   */
  async markArranged(m: EntityManager, requestId: string, amount: string, dealId: string): Promise<boolean> {
    const r = await m.findOne(FinancingRequest, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
    if (!r || r.status === FinancingRequestStatus.Arranged) return false;
    await m.update(FinancingRequest, { id: requestId }, { status: FinancingRequestStatus.Arranged, arrangedAmount: amount, version: r.version + 1, updatedAt: new Date() });
    await m.delete(FinancingMatch, { requestId });
    await this.notifications.notify(m, {
      to: { orgId: r.orgId },
      type: 'finance.arranged',
      params: { title: r.title },
      link: `/financing/${r.id}`,
      dedupeKey: `financing:${r.id}:arranged:${dealId}`,
    });
    return true;
  }

  // ---- matching -------------------------------------------------------------------------------

  /**
   * Scores an open request against every finance profile and stores the pairs above the floor
   * (idempotent: a pair's row is replaced or removed); tells a finance organisation's members once
   * of a strong match.
   */
  async refreshForRequest(m: EntityManager, requestId: string): Promise<void> {
    const r = await m.findOneBy(FinancingRequest, { id: requestId });
    if (!r) return;
    const profiles = await m.find(FinanceProfile, {});
    await m.delete(FinancingMatch, { requestId, orgId: Not(In(profiles.map((p) => p.orgId).concat(r.orgId))) });
    for (const p of profiles) await this.refreshPair(m, r, p);
  }

  /** Scores a saved profile against every open request, the same way. */
  async refreshForProfile(m: EntityManager, orgId: string): Promise<void> {
    const p = await m.findOneBy(FinanceProfile, { orgId });
    if (!p) return;
    const open = await m.find(FinancingRequest, { where: { status: FinancingRequestStatus.Open } });
    for (const r of open) await this.refreshPair(m, r, p);
  }

  private async refreshPair(m: EntityManager, r: FinancingRequest, p: FinanceProfile): Promise<void> {
    const prev = await m.findOneBy(FinancingMatch, { requestId: r.id, orgId: p.orgId });
    const s = r.status === FinancingRequestStatus.Open && p.orgId !== r.orgId ? scoreFinancing(r, p) : null;
    if (!s || s.score < FINANCING_MIN_SCORE) {
      if (prev) await m.delete(FinancingMatch, { requestId: r.id, orgId: p.orgId });
      return;
    }
    const strong = s.score >= FINANCING_STRONG_MATCH;
    const notifiedAt = prev?.notifiedAt ?? (strong ? new Date() : null);
    await m.upsert(FinancingMatch, { requestId: r.id, orgId: p.orgId, score: s.score.toFixed(4), reasons: s.reasons, reasonsEn: s.reasonsEn, notifiedAt, updatedAt: new Date() }, [
      'requestId',
      'orgId',
    ]);
    if (strong && !prev?.notifiedAt)
      await this.notifications.notify(m, {
        to: { orgId: p.orgId },
        type: 'finance.match',
        params: { title: r.title, reasons: s.reasons.join('；') },
        link: `/financing/${r.id}`,
        dedupeKey: `financing-match:${r.id}:${p.orgId}`,
      });
  }

  // ---- helpers --------------------------------------------------------------------------------

  private applicantOrg(actor: AuthContext, orgId?: string): string {
    const mine = [...actor.orgRoles.keys()];
    if (orgId) {
      if (!actor.orgRoles.has(orgId)) throw AppException.validation([{ field: 'orgId', code: 'financing_org_not_member' }]);
      return orgId;
    }
    if (mine.length !== 1) throw AppException.validation([{ field: 'orgId', code: mine.length ? 'financing_org_required' : 'financing_org_not_member' }]);
    return mine[0] as string;
  }

  /** The request's fields after the checks a DTO cannot make; 400 with every problem at once. */
  private async checked(actor: AuthContext, orgId: string, dto: FinancingRequestInputDto): Promise<Partial<FinancingRequest>> {
    const problems: FieldProblemSpec[] = [];
    const title = dto.title.trim();
    if (!title) problems.push({ field: 'title', code: 'financing_title_required' });
    const subjects = [dto.achievementId, dto.needId, dto.dealId].filter((x) => !!x);
    let chains: string[] = dto.chains ?? [];
    let region: string | null = dto.region ?? null;
    if (subjects.length !== 1) problems.push({ field: 'achievementId', code: 'financing_subject_one' });
    else if (dto.achievementId || dto.needId) {
      const kind = dto.achievementId ? 'achievement' : 'need';
      const itemId = (dto.achievementId ?? dto.needId) as string;
      const card = (await this.catalogue.cards(kind, [itemId])).get(itemId);
      if (!card || card.ownerOrgId !== orgId) problems.push({ field: kind === 'achievement' ? 'achievementId' : 'needId', code: 'financing_subject_not_own' });
      else {
        if (!dto.chains?.length) chains = card.chains.slice(0, 10);
        if (dto.region === undefined) region = card.region;
      }
    } else {
      const dealId = dto.dealId as string;
      const deal = await this.dealOf(actor, dealId);
      if (!deal || deal.kind !== 'technology' || (deal.demandOrgId !== orgId && deal.supplyOrgId !== orgId)) problems.push({ field: 'dealId', code: 'financing_subject_not_own' });
    }
    if (hundredths(dto.amount) <= 0n) problems.push({ field: 'amount', code: 'financing_amount_positive' });
    const raised = dto.raisedSoFar ?? '0';
    if (hundredths(raised) >= hundredths(dto.amount) && hundredths(dto.amount) > 0n) problems.push({ field: 'raisedSoFar', code: 'financing_raised_exceeds' });
    if (problems.length) throw AppException.validation(problems);
    const confidential: FinancingConfidential = Object.fromEntries(
      Object.entries(dto.confidential ?? {}).filter(([, v]) => v !== undefined && v !== null && String(v).trim() !== ''),
    );
    return {
      title,
      summary: dto.summary.trim(),
      achievementId: dto.achievementId ?? null,
      needId: dto.needId ?? null,
      dealId: dto.dealId ?? null,
      amount: dto.amount,
      instrument: dto.instrument,
      stage: dto.stage,
      useOfFunds: dto.useOfFunds.trim(),
      raisedSoFar: raised,
      chains: [...new Set(chains)],
      region,
      confidential,
    };
  }

  private async dealOf(actor: AuthContext, dealId: string) {
    try {
      return (await this.deals.access(actor, dealId)).deal;
    } catch {
      return null;
    }
  }

  private async locked(m: EntityManager, id: string): Promise<FinancingRequest> {
    const r = await m.findOne(FinancingRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!r) throw AppException.notFound();
    return r;
  }
}
