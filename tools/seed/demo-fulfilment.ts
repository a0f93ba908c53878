import {
  addDays,
  ContractTerms,
  fromHundredths,
  hundredths,
  PAYABLE_SCHEDULE_KINDS,
  royaltyOf,
  ScheduleItemDraft,
  ScheduleItemKind,
  ScheduleItemStatus,
  scheduleOf,
} from '@ztt/contracts';

/** An accepted royalty falls due this many days after acceptance (ContractFulfilmentService.ROYALTY_PAYMENT_DAYS). */
const ROYALTY_PAYMENT_DAYS = 30;

/** What happened so far under a demo contract, in days relative to the lines' due days. */
export interface DemoFulfilmentScript {
  /** money lines paid in full and confirmed by the receiver */
  payments?: { kind: ScheduleItemKind; nth?: number; paidDaysAfterDue: number; confirmedDaysAfterPaid: number; inventorShare: string | null }[];
  /** royalty reports submitted and accepted */
  royaltyReports?: { nth?: number; baseAmount: string; submittedDaysAfterDue: number; acceptedDaysAfterDue: number; note: string }[];
  /** a 先用后转 trial converted, this many days before today */
  trialConverted?: { model: 'licence' | 'transfer'; daysAgo: number; note: string };
}

export interface PlannedItem extends ScheduleItemDraft {
  status: ScheduleItemStatus;
  settledOn: string | null;
}

export interface PlannedPayment {
  seq: number;
  amount: string;
  paidOn: string;
  confirmedOn: string;
  inventorShare: string | null;
}

export interface PlannedReport {
  seq: number;
  baseAmount: string;
  rate: string;
  royalty: string;
  note: string;
  submittedOn: string;
  acceptedOn: string;
}

export interface FulfilmentPlan {
  items: PlannedItem[];
  payments: PlannedPayment[];
  reports: PlannedReport[];
  trial: { model: 'licence' | 'transfer'; decidedOn: string; note: string } | null;
}

const ACTIONABLE: readonly ScheduleItemKind[] = [...PAYABLE_SCHEDULE_KINDS, 'royalty_report'];

/**
 * The fulfilment record a contract signed on `signedOn` has by `today` after `script`, in the
 * states the fulfilment service and scan would have left: the schedule from `scheduleOf`; a line
 * paid in full is 'paid' on its payment day; an accepted report is 'done', adds its royalty as a
 * 'royalty_payment' line due ROYALTY_PAYMENT_DAYS later and lowers that licence year's minimum
 * royalty; a conversion settles the trial's lines; then, as the daily scan does, unsettled lines
 * past due are 'overdue' and a trial's end or lock-up's end that passed is 'done'.
 */
export function planFulfilment(terms: ContractTerms, signedOn: string, today: string, script: DemoFulfilmentScript = {}): FulfilmentPlan {
  const items: PlannedItem[] = scheduleOf(terms, signedOn).map((d) => ({ ...d, status: 'due', settledOn: null }));
  const nthOf = (kind: ScheduleItemKind, nth = 1): PlannedItem => {
    const item = items.filter((i) => i.kind === kind)[nth - 1];
    if (!item) throw new Error(`no ${kind} #${nth} in the schedule`);
    return item;
  };
  const notAfterToday = (date: string, what: string) => {
    if (date > today || date < signedOn) throw new Error(`${what} ${date} is outside ${signedOn}..${today}`);
    return date;
  };

  const payments: PlannedPayment[] = [];
  for (const p of script.payments ?? []) {
    const item = nthOf(p.kind, p.nth);
    const paidOn = notAfterToday(addDays(item.dueOn, p.paidDaysAfterDue), 'paid on');
    payments.push({
      seq: item.seq,
      amount: item.amount as string,
      paidOn,
      confirmedOn: notAfterToday(addDays(paidOn, p.confirmedDaysAfterPaid), 'confirmed on'),
      inventorShare: p.inventorShare,
    });
    item.status = 'paid';
    item.settledOn = paidOn;
  }

  const reports: PlannedReport[] = [];
  const rate = terms.model === 'licence' ? terms.royalty?.rate : undefined;
  for (const r of script.royaltyReports ?? []) {
    if (!rate) throw new Error('royalty reports need a licence with a royalty');
    const item = nthOf('royalty_report', r.nth);
    const acceptedOn = notAfterToday(addDays(item.dueOn, r.acceptedDaysAfterDue), 'accepted on');
    const royalty = royaltyOf(r.baseAmount, rate);
    reports.push({ seq: item.seq, baseAmount: r.baseAmount, rate, royalty, note: r.note, submittedOn: addDays(item.dueOn, r.submittedDaysAfterDue), acceptedOn });
    item.status = 'done';
    item.settledOn = acceptedOn;
    if (hundredths(royalty) > 0n) {
      items.push({
        seq: Math.max(...items.map((i) => i.seq)) + 1,
        kind: 'royalty_payment',
        dueOn: addDays(acceptedOn, ROYALTY_PAYMENT_DAYS),
        amount: royalty,
        label: `${item.label.replace(/（.*$/, '')}应付提成`,
        status: 'due',
        settledOn: null,
      });
      // counts towards the first minimum royalty due on or after the report (nothing is paid on it yet)
      const minimum = items
        .filter((i) => i.kind === 'minimum_royalty' && i.dueOn >= item.dueOn && (i.status === 'due' || i.status === 'overdue'))
        .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
      if (minimum?.amount) {
        const lowered = hundredths(minimum.amount) - hundredths(royalty);
        const amount = lowered > 0n ? lowered : 0n;
        minimum.label = `${minimum.label}（已由提成抵扣 ${fromHundredths(hundredths(minimum.amount) - amount)} 元）`;
        minimum.amount = fromHundredths(amount);
        if (amount === 0n) {
          minimum.status = 'done';
          minimum.settledOn = acceptedOn;
        }
      }
    }
  }

  let trial: FulfilmentPlan['trial'] = null;
  if (script.trialConverted) {
    const decidedOn = notAfterToday(addDays(today, -script.trialConverted.daysAgo), 'converted on');
    for (const i of items) {
      if (i.kind !== 'trial_end' && i.kind !== 'conversion_deadline') continue;
      if (i.status !== 'due') continue;
      // the scan passed the trial's end on its day; the decision settles what is left
      const passed = i.kind === 'trial_end' && i.dueOn <= decidedOn;
      i.status = 'done';
      i.settledOn = passed ? i.dueOn : decidedOn;
    }
    trial = { model: script.trialConverted.model, decidedOn, note: script.trialConverted.note };
  }

  // The daily scan up to today.
  for (const i of items) {
    if (i.status !== 'due') continue;
    if (ACTIONABLE.includes(i.kind) && i.dueOn < today) i.status = 'overdue';
    else if ((i.kind === 'trial_end' || i.kind === 'lock_up_end') && i.dueOn <= today) {
      i.status = 'done';
      i.settledOn = i.dueOn;
    } else if (i.kind === 'conversion_deadline' && i.dueOn < today) {
      i.status = 'lapsed';
      i.settledOn = i.dueOn;
    }
  }
  return { items, payments, reports, trial };
}
