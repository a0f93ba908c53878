/**
 * Structured contract terms per transfer model (转让 / 许可 / 先用后转 / 作价入股), chosen when the
 * contract is recorded, and the fulfilment schedule generated from them. Amounts are 元 as exact
 * decimal strings; dates are Beijing calendar days (YYYY-MM-DD). Pure: the server and the web app
 * share the rules and the schedule.
 */
import { addDays, addMonths } from './beijing-time';
import { compareDecimals, fromHundredths, hundredths } from './money';

export const TRANSFER_MODELS = ['transfer', 'licence', 'use_first', 'equity'] as const;
export type TransferModel = (typeof TRANSFER_MODELS)[number];

/** 独占 / 排他 / 普通许可 */
export const LICENCE_KINDS = ['exclusive', 'sole', 'ordinary'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
/** 提成基数：销售额 / 利润 */
export const ROYALTY_BASES = ['sales', 'profit'] as const;
export type RoyaltyBase = (typeof ROYALTY_BASES)[number];
export const REPORTING_PERIODS = ['quarterly', 'half_yearly', 'yearly'] as const;
export type ReportingPeriod = (typeof REPORTING_PERIODS)[number];
export const REPORTING_PERIOD_MONTHS: Record<ReportingPeriod, number> = { quarterly: 3, half_yearly: 6, yearly: 12 };
/** 先用后转: what the trial may turn into */
export const CONVERSION_OPTIONS = ['licence', 'transfer'] as const;
export type ConversionOption = (typeof CONVERSION_OPTIONS)[number];
/** 先用后转: if the user declines to convert — stop using it, go on under an ordinary paid licence, or as the note says */
export const DECLINE_OUTCOMES = ['stop_use', 'paid_licence', 'other'] as const;
export type DeclineOutcome = (typeof DECLINE_OUTCOMES)[number];
/** 作价入股: who holds the shares — the university itself or its 持股平台 */
export const EQUITY_HOLDERS = ['university', 'holding_platform'] as const;
export type EquityHolder = (typeof EQUITY_HOLDERS)[number];

export interface Instalment {
  dueOn: string;
  /** 元 */
  amount: string;
  label?: string;
}

/** 转让: the price, paid in instalments that add up to it exactly. */
export interface TransferTerms {
  model: 'transfer';
  price: string;
  instalments: Instalment[];
}

export interface StagedPayment {
  milestone: string;
  dueOn: string;
  amount: string;
}

export interface RoyaltyTerms {
  /** percent, 0–100 with at most two decimals ("5.5") */
  rate: string;
  base: RoyaltyBase;
  /** 元 a licence year; "0" for none */
  minimumAnnual: string;
  reportingPeriod: ReportingPeriod;
}

/** 许可: kind, field and territory, term, entry fee, milestone payments, and a running royalty. */
export interface LicenceTerms {
  model: 'licence';
  kind: LicenceKind;
  field: string;
  territory: string;
  /** the licence term starts on this day (the signing day when left out) */
  startsOn?: string;
  termMonths: number;
  /** 入门费, may be "0" */
  entryFee: string;
  /** the signing day when left out */
  entryFeeDueOn?: string;
  stagedPayments: StagedPayment[];
  royalty?: RoyaltyTerms | null;
}

/** 先用后转: a trial at zero or a low fee, then a licence or a transfer by the deadline. */
export interface UseFirstTerms {
  model: 'use_first';
  trialStartsOn: string;
  trialEndsOn: string;
  /** 试用费, may be "0"; due when the trial starts */
  trialFee: string;
  conversionOptions: ConversionOption[];
  conversionDeadline: string;
  /** the agreed price of the conversion, when known */
  conversionPrice?: string | null;
  onDecline: DeclineOutcome;
  declineNote?: string;
}

/** 作价入股: the valuation and who made it, the share, its holder, and the lock-up. */
export interface EquityTerms {
  model: 'equity';
  valuation: string;
  valuedBy: string;
  /** percent, above 0 and below 100, at most two decimals */
  sharePercent: string;
  holder: EquityHolder;
  /** the 持股平台's name, when it holds the shares */
  holderName?: string;
  /** months from signing the shares may not be sold; 0 for none */
  lockUpMonths: number;
}

export type ContractTerms = TransferTerms | LicenceTerms | UseFirstTerms | EquityTerms;

export const SCHEDULE_ITEM_KINDS = [
  'instalment',
  'entry_fee',
  'milestone_payment',
  'minimum_royalty',
  'royalty_report',
  'trial_fee',
  'trial_end',
  'conversion_deadline',
  'lock_up_end',
  'royalty_payment',
] as const;
export type ScheduleItemKind = (typeof SCHEDULE_ITEM_KINDS)[number];
/**
 * due: not yet settled, not yet late; overdue: its day has passed unsettled (the fulfilment scan);
 * paid: a money line the receiver confirmed in full; done: a report accepted, a minimum royalty
 * met by the royalties, a trial ended, a conversion decided, a lock-up over; lapsed: a conversion
 * deadline passed with no decision (the trial ends as its terms say on decline).
 */
export const SCHEDULE_ITEM_STATUSES = ['due', 'overdue', 'paid', 'done', 'lapsed'] as const;
export type ScheduleItemStatus = (typeof SCHEDULE_ITEM_STATUSES)[number];
/** Lines that call for money from the payer (the demand side); recorded payments are held against them. */
export const PAYABLE_SCHEDULE_KINDS: readonly ScheduleItemKind[] = ['instalment', 'entry_fee', 'milestone_payment', 'minimum_royalty', 'trial_fee', 'royalty_payment'];

/** One line of the fulfilment schedule as scheduleOf makes it. */
export interface ScheduleItemDraft {
  seq: number;
  kind: ScheduleItemKind;
  dueOn: string;
  /** 元; null where the amount is not known in advance (a royalty report, a deadline) */
  amount: string | null;
  label: string;
}

export interface ScheduleItemView extends ScheduleItemDraft {
  id: string;
  status: ScheduleItemStatus;
  /** 元 confirmed by the receiver against this line ("0.00" for lines without money) */
  paidAmount: string;
  /** 元 recorded by the payer, not yet confirmed */
  pendingAmount: string;
  /** the day it was paid in full, the report accepted, or the deadline decided */
  settledOn: string | null;
}

type Draft = Omit<ScheduleItemDraft, 'seq'>;

/**
 * The fulfilment schedule of a contract signed on `signedOn`: instalments, the entry fee, milestone
 * payments, the minimum royalty of each licence year (a shorter last year by its months), a royalty
 * report after each reporting period, the trial's end and conversion deadline, the end of a
 * lock-up. Ordered by due date (then as generated), numbered from 1.
 */
export function scheduleOf(terms: ContractTerms, signedOn: string): ScheduleItemDraft[] {
  const out: Draft[] = [];
  const positive = (a: string) => hundredths(a) > 0n;
  switch (terms.model) {
    case 'transfer':
      terms.instalments.forEach((i, n) =>
        out.push({ kind: 'instalment', dueOn: i.dueOn, amount: fromHundredths(hundredths(i.amount)), label: i.label?.trim() || `第${n + 1}期转让价款` }),
      );
      break;
    case 'licence': {
      const start = terms.startsOn ?? signedOn;
      const end = addMonths(start, terms.termMonths);
      if (positive(terms.entryFee)) out.push({ kind: 'entry_fee', dueOn: terms.entryFeeDueOn ?? signedOn, amount: fromHundredths(hundredths(terms.entryFee)), label: '入门费' });
      for (const p of terms.stagedPayments) out.push({ kind: 'milestone_payment', dueOn: p.dueOn, amount: fromHundredths(hundredths(p.amount)), label: p.milestone.trim() });
      const royalty = terms.royalty;
      if (royalty) {
        const step = REPORTING_PERIOD_MONTHS[royalty.reportingPeriod];
        for (let k = 1; (k - 1) * step < terms.termMonths; k++) {
          const from = addMonths(start, (k - 1) * step);
          const to = k * step >= terms.termMonths ? end : addMonths(start, k * step);
          out.push({ kind: 'royalty_report', dueOn: to, amount: null, label: `第${k}期提成报告（${from} 至 ${addDays(to, -1)}）` });
        }
        if (positive(royalty.minimumAnnual)) {
          const yearly = hundredths(royalty.minimumAnnual);
          for (let y = 1; (y - 1) * 12 < terms.termMonths; y++) {
            const months = Math.min(12, terms.termMonths - (y - 1) * 12);
            // a shorter last year owes its share by whole months, to the fen (half up)
            const amount = months === 12 ? yearly : (yearly * BigInt(months) * 2n + 12n) / 24n;
            out.push({
              kind: 'minimum_royalty',
              dueOn: months === 12 ? addMonths(start, y * 12) : end,
              amount: fromHundredths(amount),
              label: months === 12 ? `第${y}年度最低提成` : `第${y}年度最低提成（按${months}个月折算）`,
            });
          }
        }
      }
      break;
    }
    case 'use_first':
      if (positive(terms.trialFee)) out.push({ kind: 'trial_fee', dueOn: terms.trialStartsOn, amount: fromHundredths(hundredths(terms.trialFee)), label: '试用费' });
      out.push({ kind: 'trial_end', dueOn: terms.trialEndsOn, amount: null, label: '试用期结束' });
      out.push({
        kind: 'conversion_deadline',
        dueOn: terms.conversionDeadline,
        amount: terms.conversionPrice ? fromHundredths(hundredths(terms.conversionPrice)) : null,
        label: `转为${terms.conversionOptions.map((o) => (o === 'licence' ? '许可' : '转让')).join('或')}的截止日`,
      });
      break;
    case 'equity':
      if (terms.lockUpMonths > 0) out.push({ kind: 'lock_up_end', dueOn: addMonths(signedOn, terms.lockUpMonths), amount: null, label: `锁定期（${terms.lockUpMonths}个月）届满` });
      break;
  }
  return out
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.dueOn < b.d.dueOn ? -1 : a.d.dueOn > b.d.dueOn ? 1 : a.i - b.i))
    .map(({ d }, i) => ({ seq: i + 1, ...d }));
}

/** A field problem of the terms: the field's path inside the contract body, and a FIELD_MESSAGES code. */
export interface TermsProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * The rules across fields that the shape alone cannot say, for terms whose fields are each well
 * formed: instalments add up to the price exactly, nothing falls due before signing, the royalty
 * rate and share are percentages, the trial ends after it starts and the conversion deadline after
 * the trial, the valuation is above zero. Fields are named from the contract body (`terms.…`).
 */
export function termsProblems(terms: ContractTerms, signedOn: string): TermsProblem[] {
  const out: TermsProblem[] = [];
  const notBeforeSigning = (field: string, date: string | undefined) => {
    if (date && date < signedOn) out.push({ field, code: 'terms_due_before_signing', params: { signedOn } });
  };
  switch (terms.model) {
    case 'transfer': {
      const sum = terms.instalments.reduce((s, i) => s + hundredths(i.amount), 0n);
      if (sum !== hundredths(terms.price))
        out.push({ field: 'terms.instalments', code: 'terms_instalments_sum', params: { sum: fromHundredths(sum), price: fromHundredths(hundredths(terms.price)) } });
      terms.instalments.forEach((i, n) => notBeforeSigning(`terms.instalments.${n}.dueOn`, i.dueOn));
      break;
    }
    case 'licence':
      notBeforeSigning('terms.entryFeeDueOn', terms.entryFeeDueOn);
      terms.stagedPayments.forEach((p, n) => notBeforeSigning(`terms.stagedPayments.${n}.dueOn`, p.dueOn));
      if (terms.royalty && compareDecimals(terms.royalty.rate, '100') > 0) out.push({ field: 'terms.royalty.rate', code: 'terms_royalty_rate' });
      break;
    case 'use_first':
      if (terms.trialEndsOn <= terms.trialStartsOn) out.push({ field: 'terms.trialEndsOn', code: 'terms_trial_order' });
      if (terms.conversionDeadline <= terms.trialEndsOn) out.push({ field: 'terms.conversionDeadline', code: 'terms_conversion_deadline_order' });
      if (terms.onDecline === 'other' && !terms.declineNote?.trim()) out.push({ field: 'terms.declineNote', code: 'terms_decline_note_required' });
      break;
    case 'equity':
      if (hundredths(terms.valuation) === 0n) out.push({ field: 'terms.valuation', code: 'terms_valuation_positive' });
      if (hundredths(terms.sharePercent) === 0n || compareDecimals(terms.sharePercent, '100') >= 0) out.push({ field: 'terms.sharePercent', code: 'terms_share_percent' });
      if (terms.holder === 'holding_platform' && !terms.holderName?.trim()) out.push({ field: 'terms.holderName', code: 'terms_holder_name_required' });
      break;
  }
  return out;
}
