import { ContractPayment, RoyaltyReport } from './contract-payment.entity';
import { ContractScheduleItem } from './contract-schedule-item.entity';
import { ContractRegistration } from './deal.entity';
import { PaymentView, RoyaltyReportView, ScheduleItemView, sumAmounts, TrialView, UseFirstTerms } from '@ztt/contracts';

/** How the fulfilment's rows are shown: a schedule line with what is confirmed and pending against it, a payment, a royalty report, a trial. */
export function scheduleItemView(i: ContractScheduleItem, payments: ContractPayment[] = []): ScheduleItemView {
  const mine = payments.filter((p) => p.scheduleItemId === i.id);
  return {
    id: i.id,
    seq: i.seq,
    kind: i.kind,
    dueOn: i.dueOn,
    amount: i.amount,
    label: i.label,
    status: i.status,
    paidAmount: sumAmounts(mine.filter((p) => p.status === 'confirmed').map((p) => p.amount)),
    pendingAmount: sumAmounts(mine.filter((p) => p.status === 'recorded').map((p) => p.amount)),
    settledOn: i.settledOn,
  };
}

const who = (names: Map<string, string>, id: string | null) => (id && names.get(id)) || null;

export function paymentView(p: ContractPayment, labels: Map<string, string>, names: Map<string, string>, docs: Map<string, string>): PaymentView {
  return {
    id: p.id,
    scheduleItemId: p.scheduleItemId,
    scheduleLabel: labels.get(p.scheduleItemId) ?? '',
    amount: p.amount,
    paidOn: p.paidOn,
    proofDocumentId: p.proofDocumentId,
    proofFileName: (p.proofDocumentId && docs.get(p.proofDocumentId)) || null,
    status: p.status,
    recordedByName: who(names, p.recordedBy),
    recordedAt: p.recordedAt.toISOString(),
    decidedByName: who(names, p.decidedBy),
    decidedAt: p.decidedAt?.toISOString() ?? null,
    rejectReason: p.rejectReason,
    inventorShare: p.inventorShare,
  };
}

export function royaltyView(r: RoyaltyReport, labels: Map<string, string>, names: Map<string, string>): RoyaltyReportView {
  return {
    id: r.id,
    scheduleItemId: r.scheduleItemId,
    scheduleLabel: labels.get(r.scheduleItemId) ?? '',
    baseAmount: r.baseAmount,
    base: r.base,
    rate: r.rate,
    royalty: r.royalty,
    note: r.note,
    status: r.status,
    submittedByName: who(names, r.submittedBy),
    submittedAt: r.submittedAt.toISOString(),
    decidedByName: who(names, r.decidedBy),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    disputeReason: r.disputeReason,
  };
}

export function trialView(c: ContractRegistration): TrialView {
  const t = c.terms as UseFirstTerms;
  return {
    trialEndsOn: t.trialEndsOn,
    conversionDeadline: t.conversionDeadline,
    outcome: c.trialOutcome,
    decidedAt: c.trialDecidedAt?.toISOString() ?? null,
    convertedDealId: c.convertedDealId,
    note: c.trialNote,
  };
}
