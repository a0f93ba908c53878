import { addMonths } from './beijing-time';
import { ContractTerms, LicenceTerms, scheduleOf, termsProblems } from './contract-terms';
import { fieldMessage } from './i18n/error-messages';

const licence = (over: Partial<LicenceTerms> = {}): LicenceTerms => ({
  model: 'licence',
  kind: 'exclusive',
  field: '对虾养殖尾水处理',
  territory: '广东省',
  termMonths: 24,
  entryFee: '200000',
  stagedPayments: [],
  royalty: { rate: '5.5', base: 'sales', minimumAnnual: '100000.00', reportingPeriod: 'half_yearly' },
  ...over,
});

describe('addMonths', () => {
  it('keeps the day, and the last day of a shorter month', () => {
    expect(addMonths('2026-11-20', 3)).toBe('2027-02-20');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 0)).toBe('2026-12-15');
    expect(addMonths('2026-12-15', 14)).toBe('2028-02-15');
  });
});

describe('scheduleOf', () => {
  it('puts a transfer’s instalments on their dates, in date order, with exact amounts and default labels', () => {
    const s = scheduleOf(
      {
        model: 'transfer',
        price: '1000000.01',
        instalments: [
          { dueOn: '2027-06-30', amount: '500000.01', label: '验收后付款' },
          { dueOn: '2026-12-20', amount: '500000' },
        ],
      },
      '2026-11-20',
    );
    expect(s).toEqual([
      { seq: 1, kind: 'instalment', dueOn: '2026-12-20', amount: '500000.00', label: '第2期转让价款' },
      { seq: 2, kind: 'instalment', dueOn: '2027-06-30', amount: '500000.01', label: '验收后付款' },
    ]);
  });

  it('gives a licence its entry fee, milestone payments with their labels, half-yearly reports and the yearly minimum royalty', () => {
    const s = scheduleOf(licence({ stagedPayments: [{ milestone: '完成中试', dueOn: '2027-03-01', amount: '300000.50' }] }), '2026-11-20');
    expect(s.map((i) => [i.seq, i.kind, i.dueOn, i.amount, i.label])).toEqual([
      [1, 'entry_fee', '2026-11-20', '200000.00', '入门费'],
      [2, 'milestone_payment', '2027-03-01', '300000.50', '完成中试'],
      [3, 'royalty_report', '2027-05-20', null, '第1期提成报告（2026-11-20 至 2027-05-19）'],
      [4, 'royalty_report', '2027-11-20', null, '第2期提成报告（2027-05-20 至 2027-11-19）'],
      [5, 'minimum_royalty', '2027-11-20', '100000.00', '第1年度最低提成'],
      [6, 'royalty_report', '2028-05-20', null, '第3期提成报告（2027-11-20 至 2028-05-19）'],
      [7, 'royalty_report', '2028-11-20', null, '第4期提成报告（2028-05-20 至 2028-11-19）'],
      [8, 'minimum_royalty', '2028-11-20', '100000.00', '第2年度最低提成'],
    ]);
  });

  it('reports quarterly from the licence start, ends the last period with the term, and prorates a short last year by months', () => {
    const s = scheduleOf(
      licence({
        startsOn: '2027-01-31',
        termMonths: 16,
        entryFee: '0',
        entryFeeDueOn: undefined,
        royalty: { rate: '3', base: 'profit', minimumAnnual: '100000.01', reportingPeriod: 'quarterly' },
      }),
      '2026-12-01',
    );
    expect(s.filter((i) => i.kind === 'entry_fee')).toEqual([]);
    const reports = s.filter((i) => i.kind === 'royalty_report');
    expect(reports.map((i) => i.dueOn)).toEqual(['2027-04-30', '2027-07-31', '2027-10-31', '2028-01-31', '2028-04-30', '2028-05-31']);
    expect(reports[5]?.label).toBe('第6期提成报告（2028-04-30 至 2028-05-30）');
    const minimums = s.filter((i) => i.kind === 'minimum_royalty');
    // 100000.01 × 4 / 12 = 33333.3366… → 33333.34
    expect(minimums.map((i) => [i.dueOn, i.amount, i.label])).toEqual([
      ['2028-01-31', '100000.01', '第1年度最低提成'],
      ['2028-05-31', '33333.34', '第2年度最低提成（按4个月折算）'],
    ]);
  });

  it('reports yearly, and owes no minimum when it is zero or there is no royalty', () => {
    const yearly = scheduleOf(licence({ termMonths: 36, royalty: { rate: '10', base: 'sales', minimumAnnual: '0', reportingPeriod: 'yearly' } }), '2026-11-20');
    expect(yearly.filter((i) => i.kind === 'royalty_report').map((i) => i.dueOn)).toEqual(['2027-11-20', '2028-11-20', '2029-11-20']);
    expect(yearly.some((i) => i.kind === 'minimum_royalty')).toBe(false);
    expect(scheduleOf(licence({ royalty: null, entryFeeDueOn: '2026-12-01' }), '2026-11-20')).toEqual([
      { seq: 1, kind: 'entry_fee', dueOn: '2026-12-01', amount: '200000.00', label: '入门费' },
    ]);
  });

  it('marks a use-first trial’s fee, its end and the conversion deadline', () => {
    const terms: ContractTerms = {
      model: 'use_first',
      trialStartsOn: '2026-12-01',
      trialEndsOn: '2027-05-31',
      trialFee: '5000',
      conversionOptions: ['licence', 'transfer'],
      conversionDeadline: '2027-06-30',
      conversionPrice: '800000',
      onDecline: 'stop_use',
    };
    expect(scheduleOf(terms, '2026-11-20')).toEqual([
      { seq: 1, kind: 'trial_fee', dueOn: '2026-12-01', amount: '5000.00', label: '试用费' },
      { seq: 2, kind: 'trial_end', dueOn: '2027-05-31', amount: null, label: '试用期结束' },
      { seq: 3, kind: 'conversion_deadline', dueOn: '2027-06-30', amount: '800000.00', label: '转为许可或转让的截止日' },
    ]);
    expect(scheduleOf({ ...terms, trialFee: '0', conversionPrice: null, conversionOptions: ['transfer'] }, '2026-11-20').map((i) => [i.kind, i.amount, i.label])).toEqual([
      ['trial_end', null, '试用期结束'],
      ['conversion_deadline', null, '转为转让的截止日'],
    ]);
  });

  it('ends an equity lock-up the given months after signing, and has nothing without one', () => {
    const terms: ContractTerms = { model: 'equity', valuation: '30000000', valuedBy: '广东某资产评估有限公司', sharePercent: '15', holder: 'university', lockUpMonths: 36 };
    expect(scheduleOf(terms, '2026-11-30')).toEqual([{ seq: 1, kind: 'lock_up_end', dueOn: '2029-11-30', amount: null, label: '锁定期（36个月）届满' }]);
    expect(scheduleOf({ ...terms, lockUpMonths: 0 }, '2026-11-30')).toEqual([]);
  });
});

describe('termsProblems', () => {
  const codes = (t: ContractTerms, signedOn = '2026-11-20') => termsProblems(t, signedOn).map((p) => `${p.field}:${p.code}`);

  it('wants instalments that add up to the price to the fen, none before signing', () => {
    const ok: ContractTerms = {
      model: 'transfer',
      price: '100.01',
      instalments: [
        { dueOn: '2026-11-20', amount: '50' },
        { dueOn: '2026-12-20', amount: '50.01' },
      ],
    };
    expect(codes(ok)).toEqual([]);
    const off = termsProblems(
      {
        ...ok,
        price: '100.02',
        instalments: [
          { dueOn: '2026-11-19', amount: '50' },
          { dueOn: '2026-12-20', amount: '50.01' },
        ],
      },
      '2026-11-20',
    );
    expect(off.map((p) => `${p.field}:${p.code}`)).toEqual(['terms.instalments:terms_instalments_sum', 'terms.instalments.0.dueOn:terms_due_before_signing']);
    expect(fieldMessage(off[0]?.code as string, 'zh-CN', off[0]?.params)).toBe('各期付款之和（100.01 元）应等于转让价款（100.02 元）');
    expect(fieldMessage(off[1]?.code as string, 'zh-CN', off[1]?.params)).toBe('付款日期不能早于签订日期（2026-11-20）');
  });

  it('keeps a licence’s royalty rate within 100% and its payments after signing', () => {
    expect(codes(licence())).toEqual([]);
    expect(codes(licence({ royalty: { rate: '100', base: 'sales', minimumAnnual: '0', reportingPeriod: 'yearly' } }))).toEqual([]);
    expect(
      codes(
        licence({
          entryFeeDueOn: '2026-01-01',
          stagedPayments: [{ milestone: '中试', dueOn: '2026-11-01', amount: '1' }],
          royalty: { rate: '100.01', base: 'sales', minimumAnnual: '0', reportingPeriod: 'yearly' },
        }),
      ),
    ).toEqual(['terms.entryFeeDueOn:terms_due_before_signing', 'terms.stagedPayments.0.dueOn:terms_due_before_signing', 'terms.royalty.rate:terms_royalty_rate']);
  });

  it('wants a use-first trial to end after it starts, the deadline after the trial, and a note for “other”', () => {
    const t: ContractTerms = {
      model: 'use_first',
      trialStartsOn: '2026-12-01',
      trialEndsOn: '2026-12-01',
      trialFee: '0',
      conversionOptions: ['licence'],
      conversionDeadline: '2026-12-01',
      onDecline: 'other',
    };
    expect(codes(t)).toEqual(['terms.trialEndsOn:terms_trial_order', 'terms.conversionDeadline:terms_conversion_deadline_order', 'terms.declineNote:terms_decline_note_required']);
    expect(codes({ ...t, trialEndsOn: '2027-05-31', conversionDeadline: '2027-06-01', declineNote: '转为普通许可' })).toEqual([]);
  });

  it('wants an equity valuation above zero, a share strictly between 0 and 100%, and the platform’s name', () => {
    const t: ContractTerms = { model: 'equity', valuation: '0.00', valuedBy: '评估机构', sharePercent: '100', holder: 'holding_platform', lockUpMonths: 0 };
    expect(codes(t)).toEqual(['terms.valuation:terms_valuation_positive', 'terms.sharePercent:terms_share_percent', 'terms.holderName:terms_holder_name_required']);
    expect(codes({ ...t, sharePercent: '0' }).includes('terms.sharePercent:terms_share_percent')).toBe(true);
    expect(codes({ ...t, valuation: '0.01', sharePercent: '99.99', holderName: '某大学资产经营有限公司' })).toEqual([]);
  });
});
