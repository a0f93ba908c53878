import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  AuditAction,
  beijingDate,
  DealStage,
  ErrorCode,
  FulfilmentView,
  fromHundredths,
  hundredths,
  outstandingOf,
  sumAmounts,
  PAYABLE_SCHEDULE_KINDS,
  PaymentView,
  royaltyOf,
  RoyaltyReportView,
  UseFirstTerms,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueReader } from '@ztt/catalogue';
import { PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, isUniqueViolation } from '@ztt/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { DealAccess } from './deal-access';
import { ContractPayment, RoyaltyReport } from './contract-payment.entity';
import { ContractScheduleItem } from './contract-schedule-item.entity';
import { ContractRegistration, Deal, DealDocument, DealEvent } from './deal.entity';
import { DealsService } from './deals.service';
import { PaymentDecisionDto, RecordPaymentDto, RoyaltyDecisionDto, RoyaltyReportDto, TrialDecisionDto } from './dto/contract-fulfilment.dto';
import { fulfilmentAudience } from './fulfilment-audience';
import { paymentView, royaltyView, scheduleItemView, trialView } from './fulfilment-views';

/** A contract is in force, and followed here, once the deal is signed. */
const IN_FORCE: readonly DealStage[] = [DealStage.Signed, DealStage.Registered, DealStage.Fulfilled];
/** An accepted royalty is paid within this many days. */
export const ROYALTY_PAYMENT_DAYS = 30;

/**
 * The fulfilment of a signed contract: the payer (the demand side, or the deal's brokers for it)
 * records payments against the schedule's money lines and submits royalty reports; the receiver
 * (members of the supply side) confirms or rejects payments, recording the inventors' share, and
 * accepts or disputes reports; a 先用后转 trial ends in a conversion (a new deal), an extension or a
 * return. Every step is one transaction with its audit record and notifications.
 */
@Injectable()
export class ContractFulfilmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deals: DealsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
  ) {}

  // ---- reading ------------------------------------------------------------------------------

  async view(actor: AuthContext, dealId: string): Promise<FulfilmentView> {
    const access = await this.deals.access(actor, dealId);
    const { deal } = access;
    const m = this.db.manager;
    const [items, payments, reports, contract] = await Promise.all([
      m.find(ContractScheduleItem, { where: { dealId }, order: { dueOn: 'ASC', seq: 'ASC' } }),
      m.find(ContractPayment, { where: { dealId }, order: { recordedAt: 'ASC' } }),
      m.find(RoyaltyReport, { where: { dealId }, order: { submittedAt: 'ASC' } }),
      m.findOneBy(ContractRegistration, { dealId }),
    ]);
    const inForce = IN_FORCE.includes(deal.stage) && !!contract;
    const payer = access.role === 'broker' || access.sides.includes('demand');
    const receiver = access.sides.includes('supply');
    const labels = new Map(items.map((i) => [i.id, i.label]));
    const names = await this.people.names([...payments.flatMap((p) => [p.recordedBy, p.decidedBy]), ...reports.flatMap((r) => [r.submittedBy, r.decidedBy])]);
    const docs = payments.some((p) => p.proofDocumentId)
      ? new Map((await m.findBy(DealDocument, { id: In(payments.map((p) => p.proofDocumentId).filter(Boolean)) })).map((d) => [d.id, d.fileName]))
      : new Map<string, string>();
    const schedule = items.map((i) => scheduleItemView(i, payments));
    const money = schedule.filter((i) => i.amount !== null && PAYABLE_SCHEDULE_KINDS.includes(i.kind));
    const serviceInvention = deal.achievementId ? !!(await this.catalogue.serviceInvention(deal.achievementId))?.serviceInvention : false;
    const useFirst = contract?.terms?.model === 'use_first';
    return {
      schedule,
      payments: payments.map((p) => paymentView(p, labels, names, docs)),
      royaltyReports: reports.map((r) => royaltyView(r, labels, names)),
      trial: useFirst && contract ? trialView(contract) : null,
      can: {
        recordPayment: inForce && payer,
        confirmPayment: inForce && receiver,
        reportRoyalty: inForce && payer && contract?.terms?.model === 'licence' && !!contract.terms.royalty,
        decideRoyalty: inForce && receiver,
        decideTrial: inForce && payer && useFirst && (contract?.trialOutcome === null || contract?.trialOutcome === 'extended'),
      },
      serviceInvention,
      totals: {
        due: sumAmounts(money.map((i) => i.amount as string)),
        paid: sumAmounts(money.map((i) => i.paidAmount)),
        overdue: sumAmounts(money.filter((i) => i.status === 'overdue').map((i) => outstandingOf(i.amount, i.paidAmount, '0'))),
      },
      convertedFromDealId: deal.convertedFromDealId,
    };
  }

  // ---- payments -----------------------------------------------------------------------------

  /** The payer records a payment against a money line: at most what is left on it, paid on or after signing and not in the future. */
  async recordPayment(actor: AuthContext, dealId: string, dto: RecordPaymentDto): Promise<PaymentView> {
    const access = await this.deals.access(actor, dealId);
    this.requirePayer(access);
    const contract = await this.inForce(access.deal);
    const id = await this.db.transaction(async (m) => {
      const item = await this.lockItem(m, dealId, dto.scheduleItemId);
      if (!item.amount || !PAYABLE_SCHEDULE_KINDS.includes(item.kind) || item.status === 'paid')
        throw AppException.validation([{ field: 'scheduleItemId', code: 'payment_not_payable' }]);
      const problems = [];
      if (dto.paidOn > beijingDate()) problems.push({ field: 'paidOn', code: 'payment_date_future' });
      if (dto.paidOn < contract.signedOn) problems.push({ field: 'paidOn', code: 'payment_date_before_signing', params: { signedOn: contract.signedOn } });
      const held = await m.findBy(ContractPayment, { scheduleItemId: item.id, status: In(['recorded', 'confirmed']) });
      const outstanding = outstandingOf(
        item.amount,
        sumAmounts(held.filter((p) => p.status === 'confirmed').map((p) => p.amount)),
        sumAmounts(held.filter((p) => p.status === 'recorded').map((p) => p.amount)),
      );
      if (hundredths(dto.amount) > hundredths(outstanding)) problems.push({ field: 'amount', code: 'payment_exceeds_outstanding', params: { outstanding } });
      if (dto.proofDocumentId && !(await m.existsBy(DealDocument, { id: dto.proofDocumentId, dealId }))) problems.push({ field: 'proofDocumentId', code: 'payment_proof_unknown' });
      if (problems.length) throw AppException.validation(problems);
      const saved = await m.save(
        m.create(ContractPayment, {
          dealId,
          scheduleItemId: item.id,
          amount: dto.amount,
          paidOn: dto.paidOn,
          proofDocumentId: dto.proofDocumentId ?? null,
          recordedBy: actor.userId,
        }),
      );
      await this.trail(m, actor, access.deal, AuditAction.DealPaymentRecorded, 'payment', { paymentId: saved.id, item: item.label, amount: dto.amount, paidOn: dto.paidOn });
      await this.notifyParties(m, access.deal, ['supply'], {
        type: 'deal.payment_recorded',
        params: { title: access.deal.title, item: item.label, amount: dto.amount, paidOn: dto.paidOn },
        dedupeKey: `payment-recorded:${saved.id}`,
      });
      return saved.id;
    });
    return this.paymentOf(dealId, id);
  }

  /** The receiver confirms (with the inventors' share, 奖酬) or rejects (with a reason) a recorded payment; a line paid in full is settled. */
  async decidePayment(actor: AuthContext, dealId: string, paymentId: string, dto: PaymentDecisionDto): Promise<PaymentView> {
    const access = await this.deals.access(actor, dealId);
    this.requireReceiver(access);
    await this.inForce(access.deal);
    await this.db.transaction(async (m) => {
      const payment = await m.findOne(ContractPayment, { where: { id: paymentId, dealId }, lock: { mode: 'pessimistic_write' } });
      if (!payment) throw AppException.notFound();
      if (payment.status !== 'recorded') throw AppException.conflict(ErrorCode.AlreadyDecided);
      const item = await this.lockItem(m, dealId, payment.scheduleItemId);
      if (dto.decision === 'reject') {
        if (!dto.reason?.trim()) throw AppException.validation([{ field: 'reason', code: 'payment_reject_reason_required' }]);
        await m.update(ContractPayment, payment.id, { status: 'rejected', decidedBy: actor.userId, decidedAt: new Date(), rejectReason: dto.reason.trim() });
      } else {
        if (dto.inventorShare && hundredths(dto.inventorShare) > hundredths(payment.amount))
          throw AppException.validation([{ field: 'inventorShare', code: 'payment_inventor_share' }]);
        await m.update(ContractPayment, payment.id, { status: 'confirmed', decidedBy: actor.userId, decidedAt: new Date(), inventorShare: dto.inventorShare ?? null });
        await this.settleIfPaid(m, item);
      }
      const confirmed = dto.decision === 'confirm';
      await this.trail(m, actor, access.deal, confirmed ? AuditAction.DealPaymentConfirmed : AuditAction.DealPaymentRejected, 'payment', {
        paymentId,
        item: item.label,
        amount: payment.amount,
        inventorShare: confirmed ? (dto.inventorShare ?? null) : null,
        reason: confirmed ? null : (dto.reason?.trim() ?? null),
      });
      await this.notifyParties(m, access.deal, ['demand'], {
        type: 'deal.payment_decided',
        params: {
          title: access.deal.title,
          item: item.label,
          amount: payment.amount,
          decision: confirmed ? '确认收到' : `退回（${dto.reason?.trim()}）`,
          decisionEn: confirmed ? 'confirmed' : `sent back (${dto.reason?.trim()})`,
        },
        dedupeKey: `payment-decided:${paymentId}`,
      });
    });
    return this.paymentOf(dealId, paymentId);
  }

  // ---- royalty reports ----------------------------------------------------------------------

  /** The licensee reports the period's sales (or profit); the royalty is computed from the contract's rate. */
  async reportRoyalty(actor: AuthContext, dealId: string, dto: RoyaltyReportDto): Promise<RoyaltyReportView> {
    const access = await this.deals.access(actor, dealId);
    this.requirePayer(access);
    const contract = await this.inForce(access.deal);
    const royalty = contract.terms?.model === 'licence' ? contract.terms.royalty : null;
    if (!royalty) throw AppException.validation([{ field: 'scheduleItemId', code: 'royalty_no_rate' }]);
    const id = await this.db
      .transaction(async (m) => {
        const item = await this.lockItem(m, dealId, dto.scheduleItemId);
        if (item.kind !== 'royalty_report') throw AppException.validation([{ field: 'scheduleItemId', code: 'royalty_not_report' }]);
        if (item.status === 'done') throw AppException.validation([{ field: 'scheduleItemId', code: 'royalty_already_reported' }]);
        const amount = royaltyOf(dto.baseAmount, royalty.rate);
        const saved = await m.save(
          m.create(RoyaltyReport, {
            dealId,
            scheduleItemId: item.id,
            baseAmount: dto.baseAmount,
            base: royalty.base,
            rate: royalty.rate,
            royalty: amount,
            note: dto.note?.trim() ?? '',
            submittedBy: actor.userId,
          }),
        );
        await this.trail(m, actor, access.deal, AuditAction.DealRoyaltyReported, 'royalty', { reportId: saved.id, item: item.label, baseAmount: dto.baseAmount, royalty: amount });
        await this.notifyParties(m, access.deal, ['supply'], {
          type: 'deal.royalty_reported',
          params: { title: access.deal.title, item: item.label, royalty: amount },
          dedupeKey: `royalty-reported:${saved.id}`,
        });
        return saved.id;
      })
      .catch((e: unknown) => {
        // a second live report for the period (the partial unique index) lost the race
        if (isUniqueViolation(e)) throw AppException.validation([{ field: 'scheduleItemId', code: 'royalty_already_reported' }]);
        throw e;
      });
    return this.reportOf(dealId, id);
  }

  /**
   * The licensor accepts a report — the period is done, the royalty falls due within
   * ROYALTY_PAYMENT_DAYS as a new money line, and counts towards that licence year's minimum
   * royalty — or disputes it with a reason, and the licensee reports again.
   */
  async decideRoyalty(actor: AuthContext, dealId: string, reportId: string, dto: RoyaltyDecisionDto): Promise<RoyaltyReportView> {
    const access = await this.deals.access(actor, dealId);
    this.requireReceiver(access);
    await this.inForce(access.deal);
    await this.db.transaction(async (m) => {
      const report = await m.findOne(RoyaltyReport, { where: { id: reportId, dealId }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw AppException.notFound();
      if (report.status !== 'submitted') throw AppException.conflict(ErrorCode.AlreadyDecided);
      const item = await this.lockItem(m, dealId, report.scheduleItemId);
      const today = beijingDate();
      if (dto.decision === 'dispute') {
        if (!dto.reason?.trim()) throw AppException.validation([{ field: 'reason', code: 'royalty_dispute_reason_required' }]);
        await m.update(RoyaltyReport, report.id, { status: 'disputed', decidedBy: actor.userId, decidedAt: new Date(), disputeReason: dto.reason.trim() });
      } else {
        await m.update(RoyaltyReport, report.id, { status: 'accepted', decidedBy: actor.userId, decidedAt: new Date() });
        await m.update(ContractScheduleItem, item.id, { status: 'done', settledOn: today });
        if (hundredths(report.royalty) > 0n) {
          const { next } = (await m.query(`SELECT coalesce(max(seq), 0) + 1 AS next FROM contract_schedule_item WHERE deal_id = $1`, [dealId]))[0] as { next: number };
          await m.insert(ContractScheduleItem, {
            dealId,
            seq: next,
            kind: 'royalty_payment',
            dueOn: addDays(today, ROYALTY_PAYMENT_DAYS),
            amount: report.royalty,
            label: `${item.label.replace(/（.*$/, '')}应付提成`,
          });
          await this.creditMinimum(m, dealId, item.dueOn, report.royalty);
        }
      }
      const accepted = dto.decision === 'accept';
      await this.trail(m, actor, access.deal, accepted ? AuditAction.DealRoyaltyAccepted : AuditAction.DealRoyaltyDisputed, 'royalty', {
        reportId,
        item: item.label,
        royalty: report.royalty,
        reason: accepted ? null : (dto.reason?.trim() ?? null),
      });
      await this.notifyParties(m, access.deal, ['demand'], {
        type: 'deal.royalty_decided',
        params: {
          title: access.deal.title,
          item: item.label,
          decision: accepted ? '被接受' : `被提出异议（${dto.reason?.trim()}）`,
          decisionEn: accepted ? 'accepted' : `disputed (${dto.reason?.trim()})`,
        },
        dedupeKey: `royalty-decided:${reportId}`,
      });
    });
    return this.reportOf(dealId, reportId);
  }

  /**
   * Royalties accepted in a licence year count towards its minimum: the year's minimum-royalty line
   * (the first one due on or after the report) is lowered by them, never below what is already
   * paid or recorded on it, and is settled when nothing is left.
   */
  private async creditMinimum(m: EntityManager, dealId: string, reportDue: string, royalty: string): Promise<void> {
    const minimum = await m
      .createQueryBuilder(ContractScheduleItem, 'i')
      .setLock('pessimistic_write')
      .where('i.dealId = :dealId AND i.kind = :kind AND i.dueOn >= :reportDue AND i.status IN (:...open)', { dealId, kind: 'minimum_royalty', reportDue, open: ['due', 'overdue'] })
      .orderBy('i.dueOn', 'ASC')
      .getOne();
    if (!minimum?.amount) return;
    const held = await m.findBy(ContractPayment, { scheduleItemId: minimum.id, status: In(['recorded', 'confirmed']) });
    const floor = held.reduce((s, p) => s + hundredths(p.amount), 0n);
    const lowered = hundredths(minimum.amount) - hundredths(royalty);
    const amount = fromHundredths(lowered > floor ? lowered : floor);
    const credited = hundredths(minimum.amount) - hundredths(amount);
    if (credited <= 0n) return;
    await m.update(ContractScheduleItem, minimum.id, { amount, label: `${minimum.label}（已由提成抵扣 ${fromHundredths(credited)} 元）` });
    await this.settleIfPaid(m, { ...minimum, amount });
  }

  // ---- 先用后转 trial -----------------------------------------------------------------------

  /** The user converts the trial into a licence or transfer (a new deal, linked), extends it with new dates, or returns it. */
  async decideTrial(actor: AuthContext, dealId: string, dto: TrialDecisionDto): Promise<FulfilmentView> {
    const access = await this.deals.access(actor, dealId);
    this.requirePayer(access);
    await this.inForce(access.deal);
    await this.db.transaction(async (m) => {
      const contract = await m.findOne(ContractRegistration, { where: { dealId }, lock: { mode: 'pessimistic_write' } });
      const terms = contract?.terms;
      if (!contract || terms?.model !== 'use_first') throw AppException.validation([{ field: 'outcome', code: 'trial_not_use_first' }]);
      if (contract.trialOutcome && contract.trialOutcome !== 'extended') throw AppException.conflict(ErrorCode.AlreadyDecided);
      const today = beijingDate();
      const note = dto.note?.trim() ?? '';
      let convertedDealId: string | null = null;
      if (dto.outcome === 'extend') {
        const { trialEndsOn, conversionDeadline } = dto;
        if (
          !trialEndsOn ||
          !conversionDeadline ||
          trialEndsOn <= terms.trialEndsOn ||
          conversionDeadline <= trialEndsOn ||
          conversionDeadline < terms.conversionDeadline ||
          trialEndsOn < today
        )
          throw AppException.validation([{ field: 'conversionDeadline', code: 'trial_extend_order' }]);
        const extended: UseFirstTerms = { ...terms, trialEndsOn, conversionDeadline };
        await m.update(ContractRegistration, { dealId }, { terms: extended, trialOutcome: 'extended', trialDecidedAt: new Date(), trialNote: note, updatedAt: new Date() });
        for (const [kind, dueOn] of [
          ['trial_end', trialEndsOn],
          ['conversion_deadline', conversionDeadline],
        ] as const)
          await m.update(ContractScheduleItem, { dealId, kind }, { dueOn, status: 'due', settledOn: null, remindedAt: null, overdueNotifiedAt: null });
      } else {
        if (dto.outcome === 'convert') {
          if (!dto.model || !terms.conversionOptions.includes(dto.model)) throw AppException.validation([{ field: 'model', code: 'trial_conversion_option' }]);
          convertedDealId = await this.deals.openConversion(m, actor, access.deal, dto.model);
        }
        await m.update(
          ContractRegistration,
          { dealId },
          { trialOutcome: dto.outcome === 'convert' ? 'converted' : 'returned', trialDecidedAt: new Date(), trialNote: note, convertedDealId, updatedAt: new Date() },
        );
        await m.update(ContractScheduleItem, { dealId, kind: In(['trial_end', 'conversion_deadline']), status: In(['due', 'overdue']) }, { status: 'done', settledOn: today });
      }
      const action = { convert: AuditAction.DealTrialConverted, extend: AuditAction.DealTrialExtended, return: AuditAction.DealTrialReturned }[dto.outcome];
      await this.trail(m, actor, access.deal, action, 'trial', {
        outcome: dto.outcome,
        model: dto.outcome === 'convert' ? (dto.model ?? null) : null,
        convertedDealId,
        trialEndsOn: dto.outcome === 'extend' ? (dto.trialEndsOn ?? null) : null,
        conversionDeadline: dto.outcome === 'extend' ? (dto.conversionDeadline ?? null) : null,
      });
      const said = {
        convert: [
          `转为${dto.model === 'transfer' ? '技术转让' : '技术许可'}，已开启新的对接`,
          `converted to a ${dto.model === 'transfer' ? 'transfer' : 'licence'}, with a new deal`,
        ],
        extend: [`试用期延长至 ${dto.trialEndsOn}，转化截止日 ${dto.conversionDeadline}`, `extended to ${dto.trialEndsOn}, deadline ${dto.conversionDeadline}`],
        return: ['用户不转化，退回成果', 'returned: the user does not convert'],
      }[dto.outcome];
      await this.notifyParties(m, access.deal, ['demand', 'supply'], {
        type: 'deal.trial_decided',
        params: { title: access.deal.title, outcome: said[0] as string, outcomeEn: said[1] as string },
        dedupeKey: `trial-decided:${dealId}:${dto.outcome}:${dto.trialEndsOn ?? ''}`,
      });
    });
    return this.view(actor, dealId);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private requirePayer(a: DealAccess): void {
    if (a.role !== 'broker' && !a.sides.includes('demand')) throw AppException.forbidden();
  }

  private requireReceiver(a: DealAccess): void {
    if (!a.sides.includes('supply')) throw AppException.forbidden();
  }

  private async inForce(deal: Deal): Promise<ContractRegistration> {
    if (deal.kind === 'financing') throw AppException.conflict(ErrorCode.NotForFinancingDeal);
    const contract = IN_FORCE.includes(deal.stage) ? await this.db.manager.findOneBy(ContractRegistration, { dealId: deal.id }) : null;
    if (!contract) throw AppException.conflict(ErrorCode.ContractNotInForce);
    return contract;
  }

  private async lockItem(m: EntityManager, dealId: string, itemId: string): Promise<ContractScheduleItem> {
    const item = await m.findOne(ContractScheduleItem, { where: { id: itemId, dealId }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw AppException.validation([{ field: 'scheduleItemId', code: 'invalid' }]);
    return item;
  }

  /** A money line whose confirmed payments cover its amount is paid, on the day of its last payment. */
  private async settleIfPaid(m: EntityManager, item: Pick<ContractScheduleItem, 'id' | 'amount' | 'status'>): Promise<void> {
    if (item.amount === null || item.status === 'paid') return;
    const [{ paid, last }] = (await m.query(
      `SELECT coalesce(sum(amount), 0)::text AS paid, to_char(max(paid_on), 'YYYY-MM-DD') AS last FROM contract_payment WHERE schedule_item_id = $1 AND status = 'confirmed'`,
      [item.id],
    )) as [{ paid: string; last: string | null }];
    if (hundredths(paid) < hundredths(item.amount)) return;
    await m.update(ContractScheduleItem, item.id, { status: hundredths(item.amount) === 0n && !last ? 'done' : 'paid', settledOn: last ?? beijingDate() });
  }

  private async trail(m: EntityManager, actor: AuthContext, deal: Deal, action: AuditAction, kind: string, detail: Record<string, string | null>): Promise<void> {
    await this.deals.touch(m, deal.id);
    await m.insert(DealEvent, { dealId: deal.id, type: 'fulfilment', actorId: actor.userId, detail: { kind, action, ...detail } });
    await this.audit.record({ action, actorId: actor.userId, actorEmail: actor.email, targetType: 'deal', targetId: deal.id, detail }, m);
  }

  private async notifyParties(
    m: EntityManager,
    deal: Deal,
    sides: ('demand' | 'supply')[],
    n: { type: Parameters<NotificationsService['notify']>[1]['type']; params: Record<string, string>; dedupeKey: string },
  ): Promise<void> {
    for (const to of fulfilmentAudience(deal, sides)) await this.notifications.notify(m, { ...n, to, link: `/deals/${deal.id}?tab=fulfilment` });
  }

  private async paymentOf(dealId: string, id: string): Promise<PaymentView> {
    const p = await this.db.manager.findOneByOrFail(ContractPayment, { id, dealId });
    const item = await this.db.manager.findOneByOrFail(ContractScheduleItem, { id: p.scheduleItemId });
    const names = await this.people.names([p.recordedBy, p.decidedBy]);
    const doc = p.proofDocumentId ? await this.db.manager.findOneBy(DealDocument, { id: p.proofDocumentId }) : null;
    return paymentView(p, new Map([[item.id, item.label]]), names, new Map(doc ? [[doc.id, doc.fileName]] : []));
  }

  private async reportOf(dealId: string, id: string): Promise<RoyaltyReportView> {
    const r = await this.db.manager.findOneByOrFail(RoyaltyReport, { id, dealId });
    const item = await this.db.manager.findOneByOrFail(ContractScheduleItem, { id: r.scheduleItemId });
    return royaltyView(r, new Map([[item.id, item.label]]), await this.people.names([r.submittedBy, r.decidedBy]));
  }
}
