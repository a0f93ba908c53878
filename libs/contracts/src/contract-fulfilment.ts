/**
 * Fulfilment of a contract after its signature (issue 15): payments recorded by the payer against
 * the schedule's lines and confirmed by the receiver, royalty reports submitted by the licensee and
 * accepted or disputed by the licensor, and the end of a 先用后转 trial. Shared by the server and
 * the web app. The payer is the deal's demand side (the enterprise), the receiver its supply side.
 */
import type { ScheduleItemView } from './contract-terms';
import { fromHundredths, hundredths } from './money';

export const PAYMENT_STATUSES = ['recorded', 'confirmed', 'rejected'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One payment against one schedule line. */
export interface PaymentView {
  id: string;
  scheduleItemId: string;
  /** the line's label, for lists */
  scheduleLabel: string;
  /** 元 */
  amount: string;
  paidOn: string;
  /** a document of the deal (kind other) with the proof: bank slip, invoice */
  proofDocumentId: string | null;
  proofFileName: string | null;
  status: PaymentStatus;
  recordedByName: string | null;
  recordedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  /** why the receiver rejected it */
  rejectReason: string | null;
  /** 奖酬: the part of this payment that goes to the inventors (recorded by the receiver on confirming) */
  inventorShare: string | null;
}

export interface RecordPaymentInput {
  scheduleItemId: string;
  amount: string;
  paidOn: string;
  proofDocumentId?: string;
}

export interface PaymentDecisionInput {
  decision: 'confirm' | 'reject';
  /** required to reject */
  reason?: string;
  /** 奖酬 of this payment, 元, at most the amount */
  inventorShare?: string;
}

export const ROYALTY_REPORT_STATUSES = ['submitted', 'accepted', 'disputed'] as const;
export type RoyaltyReportStatus = (typeof ROYALTY_REPORT_STATUSES)[number];

export interface RoyaltyReportView {
  id: string;
  scheduleItemId: string;
  scheduleLabel: string;
  /** sales or profit of the period, 元 */
  baseAmount: string;
  base: 'sales' | 'profit';
  /** percent, as in the terms */
  rate: string;
  /** baseAmount × rate, to the fen (half up) */
  royalty: string;
  note: string;
  status: RoyaltyReportStatus;
  submittedByName: string | null;
  submittedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  disputeReason: string | null;
}

export interface RoyaltyReportInput {
  scheduleItemId: string;
  baseAmount: string;
  note?: string;
}

export interface RoyaltyDecisionInput {
  decision: 'accept' | 'dispute';
  /** required to dispute */
  reason?: string;
}

/** How a 先用后转 trial ended: converted to a new contract, extended, returned, or lapsed at the deadline. */
export const TRIAL_OUTCOMES = ['converted', 'extended', 'returned', 'lapsed'] as const;
export type TrialOutcome = (typeof TRIAL_OUTCOMES)[number];

export type TrialDecisionInput =
  | { outcome: 'convert'; model: 'licence' | 'transfer'; note?: string }
  | { outcome: 'extend'; trialEndsOn: string; conversionDeadline: string; note?: string }
  | { outcome: 'return'; note?: string };

/** The state of a 先用后转 trial (null on other contracts). */
export interface TrialView {
  trialEndsOn: string;
  conversionDeadline: string;
  outcome: TrialOutcome | null;
  decidedAt: string | null;
  /** the licence or transfer deal opened on conversion */
  convertedDealId: string | null;
  note: string;
}

/** The fulfilment of a deal's contract at a glance: its schedule, payments, reports and trial. */
export interface FulfilmentView {
  schedule: ScheduleItemView[];
  payments: PaymentView[];
  royaltyReports: RoyaltyReportView[];
  trial: TrialView | null;
  /** what the caller may do: the payer side records payments and reports, the receiver confirms and accepts */
  can: { recordPayment: boolean; confirmPayment: boolean; reportRoyalty: boolean; decideRoyalty: boolean; decideTrial: boolean };
  /** the deal's achievement is a 职务科技成果: the receiver records the inventors' share of each payment */
  serviceInvention: boolean;
  /** 元 totals over the money lines */
  totals: { due: string; paid: string; overdue: string };
  /** the trial deal this contract converted from, if any */
  convertedFromDealId: string | null;
}

/** The royalty of a period: base × rate percent, to the fen, half up. Exact decimals, never floats. */
export function royaltyOf(baseAmount: string, ratePercent: string): string {
  const base = hundredths(baseAmount); // fen
  const rate = hundredths(ratePercent); // hundredths of a percent
  // fen × (rate/100)/100 → fen, rounded half up
  return fromHundredths((base * rate * 2n + 10_000n) / 20_000n);
}

/** What is still owed on a line: its amount less what is confirmed and what is pending. */
export function outstandingOf(amount: string | null, paid: string, pending: string): string {
  if (amount === null) return '0.00';
  const left = hundredths(amount) - hundredths(paid) - hundredths(pending);
  return fromHundredths(left > 0n ? left : 0n);
}

/** The sum of amounts, exactly ("0.00" for none). */
export function sumAmounts(amounts: string[]): string {
  return fromHundredths(amounts.reduce((s, a) => s + hundredths(a), 0n));
}
