import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  canMoveDeal,
  CommissionView,
  ContractTerms,
  ContractView,
  creditCodeProblem,
  DEAL_OPEN_STAGES,
  DEAL_STAGE_LABELS,
  DealContact,
  DealStage,
  DealView,
  ErrorCode,
  ItemStatus,
  normaliseCreditCode,
  Page,
  PlatformRole,
  ScheduleItemView,
  scheduleOf,
  termsProblems,
  yuanToFen,
} from '@ztt/contracts';
import { AuditDetail, AuditService } from '@ztt/audit';
import { CatalogueReader, DisclosureService } from '@ztt/catalogue';
import { ChallengeReader } from '@ztt/challenges';
import { OrganisationDirectory, PeopleDirectory, PersonCard } from '@ztt/identity';
import { markMatchAsDeal, matchForDeal } from '@ztt/matching';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, containsPattern, FieldProblemSpec, hasPlatformRole, isUniqueViolation } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { accessOf, DealAccess } from './deal-access';
import { FinancingDealPort } from './financing-port';
import { signingHold } from './deal-approval-gate';
import { ContractPayment, RoyaltyReport } from './contract-payment.entity';
import { ContractScheduleItem } from './contract-schedule-item.entity';
import { scheduleItemView } from './fulfilment-views';
import { ContractRegistration, Deal, DealDocument, DealEvent } from './deal.entity';
import { CommissionDto, ContractDto, DealListQueryDto, MoveDealDto, OpenDealDto, UpdateDealDto } from './dto/deal.dto';

const OPEN = DEAL_OPEN_STAGES as string[];

/** The deal itself: opening, reading, editing with optimistic concurrency, the stage gates, the contract and commission. */
@Injectable()
export class DealsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationDirectory,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
    private readonly challenges: ChallengeReader,
    private readonly disclosures: DisclosureService,
    private readonly financing: FinancingDealPort,
  ) {}

  // ---- access -------------------------------------------------------------------------------

  /** Deals' titles by id, for other domains to name a deal (an unknown id is absent). */
  async titles(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.manager.find(Deal, { select: { id: true, title: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** The financing deals opened on a financing request (for the finance lib: who brokers them, who the finance side is). */
  async financingDeals(
    requestId: string,
    m: EntityManager = this.db.manager,
  ): Promise<Pick<Deal, 'id' | 'stage' | 'leadBrokerId' | 'coBrokerIds' | 'supplyOrgId' | 'arrangedAmount'>[]> {
    return m.find(Deal, {
      select: { id: true, stage: true, leadBrokerId: true, coBrokerIds: true, supplyOrgId: true, arrangedAmount: true },
      where: { financingRequestId: requestId, kind: 'financing' },
      order: { createdAt: 'ASC' },
    });
  }

  /** The deal and what the caller is to it; 404 (audited) for anyone without a part in it. */
  async access(actor: AuthContext, id: string): Promise<DealAccess> {
    const deal = await this.db.manager.findOneBy(Deal, { id });
    const access = deal ? accessOf(actor, deal) : null;
    if (!access) {
      if (deal) await this.audit.record({ action: AuditAction.AccessDenied, result: 'denied', actorId: actor.userId, actorEmail: actor.email, targetType: 'deal', targetId: id });
      throw AppException.notFound();
    }
    return access;
  }

  /** Whether the caller takes part in the deal (a broker, a party's member, an admin): for other domains asking, so nothing is audited. */
  async takesPart(actor: AuthContext, id: string): Promise<boolean> {
    const deal = await this.db.manager.findOneBy(Deal, { id });
    return !!deal && !!accessOf(actor, deal);
  }

  /** Work on a deal is for its brokers; parties and admins see it but get 404 on the brokers' routes. */
  async brokerAccess(actor: AuthContext, id: string): Promise<Deal> {
    const a = await this.access(actor, id);
    if (a.role !== 'broker') throw AppException.notFound();
    return a.deal;
  }

  // ---- open, read, list ---------------------------------------------------------------------

  async open(actor: AuthContext, dto: OpenDealDto): Promise<DealView> {
    if (dto.challengeId) return this.openForAward(actor, dto, dto.challengeId);
    let needId = dto.needId ?? null;
    let achievementId = dto.achievementId ?? null;
    let matchId: string | null = null;
    if (dto.matchId) {
      const match = await matchForDeal(this.db.manager, dto.matchId);
      // A match is opened by the broker it was handed to (or a platform admin).
      if (!match || (match.brokerId !== actor.userId && !hasPlatformRole(actor, PlatformRole.Admin))) throw AppException.notFound();
      ({ needId, achievementId } = match);
      matchId = match.id;
    } else if (!needId || !achievementId) {
      throw AppException.validation([{ field: needId ? 'achievementId' : 'needId', code: 'isNotEmpty' }]);
    }
    const [need, ach] = await Promise.all([this.catalogue.find('need', needId as string), this.catalogue.find('achievement', achievementId as string)]);
    if (!need || !ach || (!matchId && (need.status !== ItemStatus.Published || ach.status !== ItemStatus.Published))) throw AppException.notFound();
    if (need.ownerOrgId === ach.ownerOrgId) throw AppException.validation([{ field: 'achievementId', code: 'deal_same_org' }]);
    return this.create(actor, dto, {
      title: dto.title?.trim() || `${need.title} ⇄ ${ach.title}`,
      matchId,
      needId: need.id,
      achievementId: ach.id,
      challengeId: null,
      demandOrgId: need.ownerOrgId,
      supplyOrgId: ach.ownerOrgId,
      demandContact: dto.demandContact ?? { name: need.contactName, phone: need.contactPhone, email: need.contactEmail },
      supplyContact: dto.supplyContact ?? { name: ach.contactName, phone: ach.contactPhone, email: ach.contactEmail },
      expectedValue: dto.expectedValue ?? null,
    });
  }

  /**
   * A deal for a 揭榜挂帅 award: the challenge's owner organisation is the demand side, the winning
   * team's organisation the supply side. Only once the award is final (after the public notice),
   * one deal per winning team; the bounty is the expected value unless the broker says otherwise.
   */
  private async openForAward(actor: AuthContext, dto: OpenDealDto, challengeId: string): Promise<DealView> {
    const award = await this.challenges.award(challengeId);
    if (!award) throw AppException.notFound();
    if (!award.finalisedAt) throw AppException.invalidState();
    const winner = dto.applicationId ? award.winners.find((w) => w.applicationId === dto.applicationId) : award.winners.length === 1 ? award.winners[0] : undefined;
    if (!winner) throw AppException.validation([{ field: 'applicationId', code: dto.applicationId ? 'invalid' : 'isNotEmpty' }]);
    if (winner.orgId === award.ownerOrgId) throw AppException.validation([{ field: 'applicationId', code: 'deal_same_org' }]);
    const { leadUserId, acceptorUserId } = await this.challenges.awardContacts(challengeId, winner.applicationId);
    const people = await this.people.cards([leadUserId, acceptorUserId].filter((u): u is string => !!u));
    const contactOf = (userId: string | null): DealContact | undefined => {
      const p: PersonCard | undefined = userId ? people.get(userId) : undefined;
      return p && { name: p.displayName, phone: p.phone, email: p.email };
    };
    const lead = contactOf(leadUserId);
    const acceptor = contactOf(acceptorUserId);
    return this.create(actor, dto, {
      title: dto.title?.trim() || `揭榜挂帅：${award.title}`,
      matchId: null,
      needId: null,
      achievementId: null,
      challengeId,
      demandOrgId: award.ownerOrgId,
      supplyOrgId: winner.orgId,
      demandContact: dto.demandContact ?? acceptor ?? null,
      supplyContact: dto.supplyContact ?? lead ?? null,
      expectedValue: dto.expectedValue ?? award.bounty,
    });
  }

  private async create(
    actor: AuthContext,
    dto: OpenDealDto,
    f: Pick<Deal, 'title' | 'matchId' | 'needId' | 'achievementId' | 'challengeId' | 'demandOrgId' | 'supplyOrgId' | 'demandContact' | 'supplyContact' | 'expectedValue'>,
  ): Promise<DealView> {
    const coBrokerIds = await this.checkBrokers(dto.coBrokerIds ?? [], actor.userId);
    const matchId = f.matchId;
    const id = await this.db.transaction(async (m) => {
      if (matchId && !(await markMatchAsDeal(m, matchId))) throw AppException.conflict();
      // One deal per winning team of a challenge (the row lock keeps two brokers from both opening it).
      if (f.challengeId) {
        await this.challenges.lockForDeal(m, f.challengeId);
        if (await m.existsBy(Deal, { challengeId: f.challengeId, supplyOrgId: f.supplyOrgId })) throw AppException.conflict();
      }
      const deal = await m.save(
        m.create(Deal, {
          ...f,
          leadBrokerId: actor.userId,
          coBrokerIds,
          cooperationMode: dto.cooperationMode ?? null,
          nextStep: dto.nextStep?.trim() ?? '',
          nextStepDue: dto.nextStepDue ?? null,
          createdBy: actor.userId,
        }),
      );
      await this.recordOpened(
        m,
        actor,
        deal,
        DealStage.Lead,
        { matchId, challengeId: f.challengeId },
        { matchId, needId: f.needId, achievementId: f.achievementId, challengeId: f.challengeId },
      );
      return deal.id;
    });
    return this.view(actor, id);
  }

  /**
   * A 先用后转 trial converted into a licence or transfer: a new deal between the same parties, on
   * the same need and achievement, with the same brokers, linked to the trial and starting at
   * 商务谈判 (the NDA and due diligence were done for the trial). In the caller's transaction.
   */
  async openConversion(m: EntityManager, actor: AuthContext, trial: Deal, model: 'licence' | 'transfer'): Promise<string> {
    const deal = await m.save(
      m.create(Deal, {
        title: `${trial.title}（${model === 'licence' ? '转为许可' : '转为转让'}）`,
        matchId: null,
        needId: trial.needId,
        achievementId: trial.achievementId,
        challengeId: trial.challengeId,
        demandOrgId: trial.demandOrgId,
        supplyOrgId: trial.supplyOrgId,
        demandContact: trial.demandContact,
        supplyContact: trial.supplyContact,
        leadBrokerId: trial.leadBrokerId,
        coBrokerIds: trial.coBrokerIds,
        stage: DealStage.Negotiating,
        cooperationMode: model === 'licence' ? 'license' : 'transfer',
        expectedValue: (trial.expectedValue ?? null) as string | null,
        ndaDocumentId: trial.ndaDocumentId,
        ndaSignedOn: trial.ndaSignedOn,
        convertedFromDealId: trial.id,
        createdBy: actor.userId,
      }),
    );
    const detail = { convertedFromDealId: trial.id, model };
    await this.recordOpened(m, actor, deal, DealStage.Negotiating, detail, detail);
    return deal.id;
  }

  /**
   * 融资对接: a financing deal a broker opens for a financing request, between the applicant
   * organisation (demand) and a finance organisation (supply), in the caller's transaction (the
   * finance lib checks the request and the interest). One live deal per request and finance
   * organisation: a second gives 409.
   */
  async openFinancing(
    m: EntityManager,
    actor: AuthContext,
    f: { requestId: string; title: string; demandOrgId: string; supplyOrgId: string; expectedValue: string; supplyContact: DealContact | null; demandContact: DealContact | null },
  ): Promise<string> {
    if (!hasPlatformRole(actor, PlatformRole.Broker) && !hasPlatformRole(actor, PlatformRole.Admin)) throw AppException.notFound();
    if (f.demandOrgId === f.supplyOrgId) throw AppException.validation([{ field: 'orgId', code: 'deal_same_org' }]);
    let deal: Deal;
    try {
      deal = await m.save(
        m.create(Deal, {
          title: f.title,
          kind: 'financing',
          financingRequestId: f.requestId,
          matchId: null,
          needId: null,
          achievementId: null,
          challengeId: null,
          demandOrgId: f.demandOrgId,
          supplyOrgId: f.supplyOrgId,
          demandContact: f.demandContact,
          supplyContact: f.supplyContact,
          leadBrokerId: actor.userId,
          coBrokerIds: [],
          expectedValue: f.expectedValue,
          cooperationMode: null,
          nextStep: '',
          createdBy: actor.userId,
        }),
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw AppException.conflict();
      throw e;
    }
    const detail = { financingRequestId: f.requestId };
    await this.recordOpened(m, actor, deal, DealStage.Lead, detail, detail);
    return deal.id;
  }

  /** What opening a deal leaves behind, in its transaction: the timeline's first event, the audit entry, and word to both parties. */
  private async recordOpened(
    m: EntityManager,
    actor: AuthContext,
    deal: Deal,
    stage: DealStage,
    eventDetail: Record<string, string | null>,
    auditDetail: AuditDetail,
  ): Promise<void> {
    await m.insert(DealEvent, { dealId: deal.id, type: 'created', toStage: stage, actorId: actor.userId, detail: eventDetail });
    await this.audit.record({ action: AuditAction.DealOpened, actorId: actor.userId, actorEmail: actor.email, targetType: 'deal', targetId: deal.id, detail: auditDetail }, m);
    for (const orgId of [deal.demandOrgId, deal.supplyOrgId]) {
      await this.notifications.notify(m, {
        to: { orgId },
        type: 'deal.opened',
        params: { title: deal.title, broker: actor.displayName },
        link: `/deals/${deal.id}`,
        dedupeKey: `deal-opened:${deal.id}`,
      });
    }
  }

  async view(actor: AuthContext, id: string): Promise<DealView> {
    const a = await this.access(actor, id);
    return (await this.views([a.deal], actor))[0] as DealView;
  }

  /** My deals: the ones I broker and the ones my organisations are party to. */
  async list(actor: AuthContext, q: DealListQueryDto, all = false): Promise<Page<DealView>> {
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const where: string[] = [];
    const me = p(actor.userId);
    const isBroker = `(d.lead_broker_id = ${me} OR ${me} = ANY(d.co_broker_ids))`;
    if (!all) {
      const orgs = p([...actor.orgRoles.keys()]);
      where.push(`(${isBroker} OR d.demand_org_id = ANY(${orgs}::uuid[]) OR d.supply_org_id = ANY(${orgs}::uuid[]))`);
    }
    if (q.stage) where.push(`d.stage = ${p(q.stage)}`);
    if (q.q?.trim()) {
      const text = p(containsPattern(q.q.trim()));
      const named = p(await this.organisations.idsNamedLike(q.q.trim()));
      // Private notes are searched for the deal's own brokers only.
      where.push(`(d.title ILIKE ${text} OR d.next_step ILIKE ${text} OR d.demand_org_id = ANY(${named}::uuid[]) OR d.supply_org_id = ANY(${named}::uuid[])
        OR (${isBroker} AND EXISTS (SELECT 1 FROM deal_note n WHERE n.deal_id = d.id AND n.body ILIKE ${text})))`);
    }
    // PostgreSQL refuses a parameter no clause uses (the admin list without a search).
    if (!where.some((w) => w.includes(me))) where.push(`${me}::uuid IS NOT NULL`);
    const sql = `FROM deal d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = ((await this.db.query(`SELECT count(*)::int AS n ${sql}`, params)) as { n: number }[])[0]?.n ?? 0;
    const ids = (await this.db.query(`SELECT d.id ${sql} ORDER BY d.updated_at DESC, d.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params)) as { id: string }[];
    const deals = ids.length
      ? await this.db.manager
          .getRepository(Deal)
          .createQueryBuilder('d')
          .whereInIds(ids.map((r) => r.id))
          .getMany()
      : [];
    const byId = new Map(deals.map((d) => [d.id, d]));
    return {
      items: await this.views(
        ids.map((r) => byId.get(r.id) as Deal),
        actor,
      ),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async views(deals: Deal[], actor: AuthContext): Promise<DealView[]> {
    if (!deals.length) return [];
    const orgIds = [...new Set(deals.flatMap((d) => [d.demandOrgId, d.supplyOrgId]))];
    const userIds = [...new Set(deals.flatMap((d) => [d.leadBrokerId, ...d.coBrokerIds]))];
    const [orgs, users, needs, achs] = await Promise.all([
      this.organisations.names(orgIds),
      this.people.names(userIds),
      this.catalogue.titles(
        'need',
        deals.map((d) => d.needId),
      ),
      this.catalogue.titles(
        'achievement',
        deals.map((d) => d.achievementId),
      ),
    ]);
    const name = (names: Map<string, string>, id: string | null) => (id ? (names.get(id) ?? '') : null);
    return deals.map((d) => {
      const access = accessOf(actor, d);
      const role = access?.role ?? 'admin';
      return {
        id: d.id,
        title: d.title,
        stage: d.stage,
        version: d.version,
        viewerRole: role,
        matchId: d.matchId,
        needId: d.needId,
        needTitle: name(needs, d.needId),
        achievementId: d.achievementId,
        achievementTitle: name(achs, d.achievementId),
        challengeId: d.challengeId,
        kind: d.kind,
        financingRequestId: d.financingRequestId,
        arrangedAmount: d.arrangedAmount,
        demand: { orgId: d.demandOrgId, orgName: name(orgs, d.demandOrgId) ?? '', contact: d.demandContact },
        supply: { orgId: d.supplyOrgId, orgName: name(orgs, d.supplyOrgId) ?? '', contact: d.supplyContact },
        leadBroker: { id: d.leadBrokerId, name: name(users, d.leadBrokerId) ?? '' },
        coBrokers: d.coBrokerIds.map((id) => ({ id, name: name(users, id) ?? '' })),
        expectedValue: d.expectedValue,
        cooperationMode: d.cooperationMode,
        nextStep: d.nextStep,
        nextStepDue: d.nextStepDue,
        lostReason: d.lostReason,
        lostNote: d.lostNote,
        nda: { documentId: d.ndaDocumentId, signedOn: d.ndaSignedOn },
        commission: role === 'party' ? null : commissionOf(d),
        stageChangedAt: d.stageChangedAt.toISOString(),
        lastActivityAt: d.lastActivityAt.toISOString(),
        createdAt: d.createdAt.toISOString(),
      };
    });
  }

  // ---- edit and move ------------------------------------------------------------------------

  /** Saves the deal's fields if nobody saved since `version` was read; otherwise 409 and nothing changes. */
  async update(actor: AuthContext, id: string, dto: UpdateDealDto): Promise<DealView> {
    const deal = await this.brokerAccess(actor, id);
    if (deal.version !== dto.version) throw AppException.conflict();
    const set: Partial<Record<keyof Deal, unknown>> = {};
    if (dto.title !== undefined) set.title = dto.title.trim();
    if (dto.expectedValue !== undefined) set.expectedValue = dto.expectedValue;
    if (dto.cooperationMode !== undefined) set.cooperationMode = dto.cooperationMode;
    if (dto.nextStep !== undefined) set.nextStep = dto.nextStep.trim();
    if (dto.nextStepDue !== undefined) set.nextStepDue = dto.nextStepDue;
    if (dto.demandContact !== undefined) set.demandContact = dto.demandContact;
    if (dto.supplyContact !== undefined) set.supplyContact = dto.supplyContact;
    if (dto.coBrokerIds !== undefined) {
      // Only the lead broker decides who else works on the deal.
      if (deal.leadBrokerId !== actor.userId) throw AppException.forbidden();
      set.coBrokerIds = await this.checkBrokers(dto.coBrokerIds, deal.leadBrokerId);
    }
    await this.db.transaction(async (m) => {
      await this.bump(m, id, dto.version, set);
      await this.audit.record(
        { action: AuditAction.DealUpdated, actorId: actor.userId, actorEmail: actor.email, targetType: 'deal', targetId: id, detail: { fields: Object.keys(set) } },
        m,
      );
    });
    return this.view(actor, id);
  }

  /**
   * One step forward, or lost from an open stage, with the gate's data: the NDA (document and date)
   * at nda_signed, the contract at signed, the registration number and date at registered.
   */
  async move(actor: AuthContext, id: string, dto: MoveDealDto): Promise<DealView> {
    const deal = await this.brokerAccess(actor, id);
    // A stale version is a conflict before anything else: the stage it was read at may be gone.
    if (deal.version !== dto.version) throw AppException.conflict();
    if (!canMoveDeal(deal.stage, dto.to, deal.kind)) throw AppException.validation([{ field: 'to', code: 'deal_stage_jump' }]);
    const set: Partial<Record<keyof Deal, unknown>> = {};
    const detail: Record<string, string | null> = {};
    if (dto.to === DealStage.Lost) {
      if (!dto.lostReason) throw AppException.validation([{ field: 'lostReason', code: 'deal_lost_reason_required' }]);
      set.lostReason = dto.lostReason;
      set.lostNote = dto.lostNote?.trim() || null;
      detail.lostReason = dto.lostReason;
    }
    // a financing deal may record its NDA (optional: banks and funds often sign their own forms)
    if (dto.to === DealStage.NdaSigned && (deal.kind === 'technology' || dto.nda)) {
      if (!dto.nda) throw AppException.validation([{ field: 'nda', code: 'deal_nda_required' }]);
      if (deal.kind === 'technology' && (!deal.needId || !deal.achievementId)) throw AppException.validation([{ field: 'nda', code: 'deal_needs_items' }]);
      const doc = await this.db.manager.findOneBy(DealDocument, { id: dto.nda.documentId, dealId: id, kind: 'nda' });
      if (!doc) throw AppException.validation([{ field: 'nda.documentId', code: 'deal_nda_document' }]);
      set.ndaDocumentId = doc.id;
      set.ndaSignedOn = dto.nda.signedOn;
      detail.ndaSignedOn = dto.nda.signedOn;
      detail.ndaDocument = doc.fileName;
    }
    if (dto.to === DealStage.Signed) {
      // 职务科技成果: the achievement's organisation must have approved, and its notice period be over.
      const hold = await signingHold(this.db.manager, this.catalogue, deal);
      if (hold) throw AppException.conflict(hold);
      if (dto.contract) this.checkContract(dto.contract);
      else if (!(await this.db.manager.existsBy(ContractRegistration, { dealId: id }))) throw AppException.validation([{ field: 'contract', code: 'deal_contract_required' }]);
    }
    if (dto.to === DealStage.Registered && !dto.registration) throw AppException.validation([{ field: 'registration', code: 'deal_registration_required' }]);
    // 融资已落实: the amount arranged, above 0 (the financing side checks it against the amount asked)
    if (dto.to === DealStage.Closed) {
      if (!dto.arrangedAmount || yuanToFen(dto.arrangedAmount) <= 0n) throw AppException.validation([{ field: 'arrangedAmount', code: 'deal_arranged_amount_required' }]);
      set.arrangedAmount = dto.arrangedAmount;
      detail.arrangedAmount = dto.arrangedAmount;
    }

    await this.db.transaction(async (m) => {
      await this.bump(m, id, dto.version, { ...set, stage: dto.to, stageChangedAt: () => 'now()' }, deal.stage);
      if (dto.to === DealStage.Signed && dto.contract) await this.writeContract(m, actor, deal, dto.contract);
      if (dto.to === DealStage.Registered && dto.registration) {
        try {
          const res = await m.update(
            ContractRegistration,
            { dealId: id },
            { registrationNumber: dto.registration.number.trim(), registeredOn: dto.registration.registeredOn, updatedAt: () => 'now()' },
          );
          if (res.affected !== 1) throw AppException.validation([{ field: 'contract', code: 'deal_contract_required' }]);
        } catch (e) {
          if (isUniqueViolation(e)) throw AppException.conflict();
          throw e;
        }
        detail.registrationNumber = dto.registration.number.trim();
        detail.registeredOn = dto.registration.registeredOn;
      }
      if (dto.to === DealStage.NdaSigned && deal.kind === 'technology') await this.grantDisclosures(m, actor, deal);
      if (dto.to === DealStage.Closed && deal.financingRequestId)
        await this.financing.closed(m, { requestId: deal.financingRequestId, dealId: id, arrangedAmount: dto.arrangedAmount as string });
      await m.insert(DealEvent, { dealId: id, type: 'stage', fromStage: deal.stage, toStage: dto.to, actorId: actor.userId, detail });
      await this.audit.record(
        {
          action: AuditAction.DealStageChanged,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'deal',
          targetId: id,
          detail: { from: deal.stage, to: dto.to, ...detail },
        },
        m,
      );
      const labels = DEAL_STAGE_LABELS[dto.to];
      for (const orgId of [deal.demandOrgId, deal.supplyOrgId]) {
        await this.notifications.notify(m, {
          to: { orgId },
          type: 'deal.stage',
          params: { title: deal.title, stage: labels['zh-CN'], stageEn: labels.en },
          link: `/deals/${id}`,
          dedupeKey: `deal-stage:${id}:${dto.to}`,
        });
      }
    });
    return this.view(actor, id);
  }

  /**
   * The NDA lets each party see the other's confidential details: a granted disclosure request
   * (the catalogue's model) for the supply side on the need and the demand side on the achievement.
   */
  private async grantDisclosures(m: EntityManager, actor: AuthContext, deal: Deal): Promise<void> {
    const grants: ['need' | 'achievement', string, string][] = [
      ['need', deal.needId as string, deal.supplyOrgId],
      ['achievement', deal.achievementId as string, deal.demandOrgId],
    ];
    for (const [itemKind, itemId, requesterOrgId] of grants) {
      const requestId = await this.disclosures.grantByAgreement(m, actor, { itemKind, itemId, requesterOrgId, reason: `NDA · ${deal.title}` });
      if (!requestId) continue;
      await this.audit.record(
        {
          action: AuditAction.DisclosureGranted,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: itemKind,
          targetId: itemId,
          detail: { requestId, requesterOrgId, dealId: deal.id, via: 'nda' },
        },
        m,
      );
    }
  }

  // ---- contract -----------------------------------------------------------------------------

  async contract(actor: AuthContext, id: string): Promise<ContractView | null> {
    await this.access(actor, id);
    const c = await this.db.manager.findOneBy(ContractRegistration, { dealId: id });
    return c ? contractView(c) : null;
  }

  /** The fulfilment schedule generated from the contract's terms, in order (empty without terms); seen by whoever sees the contract. */
  async schedule(actor: AuthContext, id: string): Promise<ScheduleItemView[]> {
    await this.access(actor, id);
    const [items, payments] = await Promise.all([
      this.db.manager.find(ContractScheduleItem, { where: { dealId: id }, order: { dueOn: 'ASC', seq: 'ASC' } }),
      this.db.manager.findBy(ContractPayment, { dealId: id }),
    ]);
    return items.map((i) => scheduleItemView(i, payments));
  }

  /** The contract can be written while the deal is open or signed; registered contracts are final. */
  async saveContract(actor: AuthContext, id: string, dto: ContractDto): Promise<ContractView> {
    const deal = await this.brokerAccess(actor, id);
    if (deal.kind === 'financing') throw AppException.conflict(ErrorCode.NotForFinancingDeal);
    if (!OPEN.includes(deal.stage)) throw AppException.invalidState();
    this.checkContract(dto);
    await this.db.transaction(async (m) => {
      await this.touch(m, id);
      await this.writeContract(m, actor, deal, dto);
    });
    return contractView(await this.db.manager.findOneByOrFail(ContractRegistration, { dealId: id }));
  }

  private checkContract(dto: ContractDto): void {
    const problems: FieldProblemSpec[] = [];
    for (const side of ['buyer', 'seller'] as const) {
      const p = creditCodeProblem(dto[side].creditCode);
      if (p) problems.push({ field: `${side}.creditCode`, code: `credit_code_${p}` });
    }
    if (dto.contractSubtype.split('.')[0] !== dto.contractType) problems.push({ field: 'contractSubtype', code: 'deal_contract_type_mismatch' });
    if (yuanToFen(dto.techAmount) > yuanToFen(dto.totalAmount)) problems.push({ field: 'techAmount', code: 'deal_tech_amount_exceeds_total' });
    if (dto.periodEnd < dto.periodStart) problems.push({ field: 'periodEnd', code: 'deal_period_order' });
    if (dto.terms) problems.push(...termsProblems(dto.terms, dto.signedOn));
    if (problems.length) throw AppException.validation(problems);
  }

  /**
   * Writes the contract and, in the same transaction, its fulfilment schedule afresh from the terms:
   * the ones given, or (left out) the ones stored, checked again against the signing date.
   */
  private async writeContract(m: EntityManager, actor: AuthContext, deal: Deal, dto: ContractDto): Promise<void> {
    const given = dto.terms !== undefined;
    // plain JSON, as stored (the DTO is a class instance)
    let terms = JSON.parse(JSON.stringify(dto.terms ?? null)) as ContractTerms | null;
    const stored = await m.findOne(ContractRegistration, { where: { dealId: deal.id }, lock: { mode: 'pessimistic_write' } });
    if (!given) {
      terms = stored?.terms ?? null;
      const problems = terms ? termsProblems(terms, dto.signedOn) : [];
      if (problems.length) throw AppException.validation(problems);
    }
    // Once a payment or royalty report is recorded, the schedule they hang on stays as it is: terms or a signing date that would change it are refused.
    const started = (await m.existsBy(ContractPayment, { dealId: deal.id })) || (await m.existsBy(RoyaltyReport, { dealId: deal.id }));
    const scheduled = (t: ContractTerms | null | undefined, signedOn: string | undefined) => JSON.stringify(t && signedOn ? scheduleOf(t, signedOn) : []);
    if (started && scheduled(stored?.terms, stored?.signedOn) !== scheduled(terms, dto.signedOn)) throw AppException.conflict(ErrorCode.ContractFulfilmentStarted);
    await m.upsert(
      ContractRegistration,
      {
        dealId: deal.id,
        contractNo: dto.contractNo?.trim() ?? '',
        contractName: dto.contractName.trim(),
        contractType: dto.contractType,
        contractSubtype: dto.contractSubtype,
        buyerName: dto.buyer.name.trim(),
        buyerCreditCode: normaliseCreditCode(dto.buyer.creditCode),
        sellerName: dto.seller.name.trim(),
        sellerCreditCode: normaliseCreditCode(dto.seller.creditCode),
        signedOn: dto.signedOn,
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        totalAmount: dto.totalAmount,
        techAmount: dto.techAmount,
        paymentTerms: dto.paymentTerms.trim(),
        ...(given ? { terms } : {}),
        sourceNeedId: deal.needId,
        sourceAchievementId: deal.achievementId,
        sourceChallengeId: deal.challengeId,
        recordedBy: actor.userId,
        updatedAt: new Date(),
      },
      ['dealId'],
    );
    const schedule = (terms ? scheduleOf(terms, dto.signedOn) : []).map((item) => ({ dealId: deal.id, ...item }));
    if (!started) {
      await m.delete(ContractScheduleItem, { dealId: deal.id });
      if (schedule.length) await m.insert(ContractScheduleItem, schedule);
    }
    await m.insert(DealEvent, { dealId: deal.id, type: 'contract', actorId: actor.userId, detail: { contractName: dto.contractName.trim() } });
    await this.audit.record(
      {
        action: AuditAction.DealContractRecorded,
        actorId: actor.userId,
        actorEmail: actor.email,
        targetType: 'deal',
        targetId: deal.id,
        detail: { totalAmount: dto.totalAmount, techAmount: dto.techAmount, model: terms?.model ?? null, scheduleItems: schedule.length },
      },
      m,
    );
  }

  // ---- commission ---------------------------------------------------------------------------

  async proposeCommission(actor: AuthContext, id: string, dto: CommissionDto): Promise<DealView> {
    const deal = await this.brokerAccess(actor, id);
    const ok = dto.kind === 'percentage' ? dto.rate !== undefined && !dto.amount && Number(dto.rate) <= 100 : dto.amount !== undefined && !dto.rate;
    if (!ok) throw AppException.validation([{ field: dto.kind === 'percentage' ? 'rate' : 'amount', code: 'deal_commission_value' }]);
    if (deal.commissionStatus === 'approved') throw AppException.invalidState();
    await this.db.transaction(async (m) => {
      await m.update(
        Deal,
        { id },
        {
          commissionKind: dto.kind,
          commissionRate: dto.kind === 'percentage' ? (dto.rate as string) : null,
          commissionAmount: dto.kind === 'fixed' ? (dto.amount as string) : null,
          commissionStatus: 'proposed',
          commissionProposedBy: actor.userId,
          commissionDecidedBy: null,
          commissionDecidedAt: null,
          lastActivityAt: () => 'now()',
        },
      );
      await this.audit.record(
        {
          action: AuditAction.DealCommissionProposed,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'deal',
          targetId: id,
          detail: { kind: dto.kind, rate: dto.rate ?? null, amount: dto.amount ?? null },
        },
        m,
      );
    });
    return this.view(actor, id);
  }

  /** A platform admin confirms or rejects; never one who brokers the deal or proposed the terms. */
  async decideCommission(actor: AuthContext, id: string, decision: 'approve' | 'reject'): Promise<DealView> {
    const deal = await this.db.manager.findOneBy(Deal, { id });
    if (!deal) throw AppException.notFound();
    if (deal.leadBrokerId === actor.userId || deal.coBrokerIds.includes(actor.userId) || deal.commissionProposedBy === actor.userId) {
      await this.audit.record({ action: AuditAction.AccessDenied, result: 'denied', actorId: actor.userId, actorEmail: actor.email, targetType: 'deal.commission', targetId: id });
      throw new AppException(ErrorCode.OwnCommission, HttpStatus.FORBIDDEN);
    }
    await this.db.transaction(async (m) => {
      const res = await m.update(
        Deal,
        { id, commissionStatus: 'proposed' },
        { commissionStatus: decision === 'approve' ? 'approved' : 'rejected', commissionDecidedBy: actor.userId, commissionDecidedAt: () => 'now()' },
      );
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        { action: AuditAction.DealCommissionDecided, actorId: actor.userId, actorEmail: actor.email, targetType: 'deal', targetId: id, detail: { decision } },
        m,
      );
      await this.notifications.notify(m, {
        to: { userIds: [deal.leadBrokerId] },
        type: 'deal.commission',
        params: { title: deal.title, decision: decision === 'approve' ? '通过审批' : '被驳回', decisionEn: decision === 'approve' ? 'approved' : 'rejected' },
        link: `/deals/${id}`,
        dedupeKey: `deal-commission:${id}:${Date.now()}`,
      });
    });
    return this.view(actor, id);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Conditional update on the version read (and stage, when moving): 0 rows → 409, nothing written. */
  private async bump(m: EntityManager, id: string, version: number, set: Record<string, unknown>, fromStage?: DealStage): Promise<void> {
    const qb = m
      .createQueryBuilder()
      .update(Deal)
      .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()', lastActivityAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version });
    if (fromStage) qb.andWhere('stage = :fromStage', { fromStage });
    const res = await qb.execute();
    if (res.affected !== 1) throw AppException.conflict();
  }

  /** Any work on the deal counts as activity (it restarts the idle clock). */
  async touch(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE deal SET last_activity_at = now() WHERE id = $1`, [id]);
  }

  private async checkBrokers(ids: string[], lead: string): Promise<string[]> {
    const wanted = [...new Set(ids)].filter((i) => i !== lead);
    if (!wanted.length) return [];
    const brokers = await this.people.holdersOf(PlatformRole.Broker, wanted);
    if (brokers.size !== wanted.length) throw AppException.validation([{ field: 'coBrokerIds', code: 'deal_not_broker' }]);
    return wanted;
  }
}

export function commissionOf(d: Deal): CommissionView {
  return {
    kind: d.commissionKind,
    rate: d.commissionRate,
    amount: d.commissionAmount,
    status: d.commissionStatus,
    proposedBy: d.commissionProposedBy,
    decidedBy: d.commissionDecidedBy,
    decidedAt: d.commissionDecidedAt?.toISOString() ?? null,
  };
}

export function contractView(c: ContractRegistration): ContractView {
  return {
    dealId: c.dealId,
    contractNo: c.contractNo,
    contractName: c.contractName,
    contractType: c.contractType,
    contractSubtype: c.contractSubtype,
    buyer: { name: c.buyerName, creditCode: c.buyerCreditCode },
    seller: { name: c.sellerName, creditCode: c.sellerCreditCode },
    signedOn: c.signedOn,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    totalAmount: c.totalAmount,
    techAmount: c.techAmount,
    paymentTerms: c.paymentTerms,
    terms: c.terms ?? null,
    sourceNeedId: c.sourceNeedId,
    sourceAchievementId: c.sourceAchievementId,
    sourceChallengeId: c.sourceChallengeId,
    registrationNumber: c.registrationNumber,
    registeredOn: c.registeredOn,
    updatedAt: c.updatedAt.toISOString(),
  };
}
