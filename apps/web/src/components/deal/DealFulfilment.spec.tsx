// The 履约 tab of the deal page: the schedule, payments recorded and confirmed, royalty reports, and the 先用后转 trial.
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import type { ContractTerms, ContractView, DealStage, DealView, FulfilmentView, PaymentView, RoyaltyReportView, ScheduleItemView, TrialDecisionInput } from '@ztt/contracts';
import { Call, dealView, failure, FakeServer, Rendered, renderPage, signOut } from '../../../test/page';
import { DealPage } from '../../pages/DealPage';
import { DealFulfilment } from './DealFulfilment';

const routes = { '/deals/:id': <DealPage /> };

const deal = (overrides: Partial<DealView> = {}): DealView =>
  dealView({
    title: '对虾水质监测系统技术许可',
    stage: 'signed' as DealStage,
    version: 3,
    viewerRole: 'party',
    matchId: null,
    needId: null,
    needTitle: null,
    achievementId: null,
    achievementTitle: null,
    coBrokers: [],
    expectedValue: '500000',
    cooperationMode: null,
    nextStep: '',
    nextStepDue: null,
    createdAt: '2026-02-01T08:00:00.000Z',
    ...overrides,
  });

function line(overrides: Partial<ScheduleItemView> & Pick<ScheduleItemView, 'seq' | 'kind' | 'label'>): ScheduleItemView {
  return { id: `si-${overrides.seq}`, dueOn: '2026-04-01', amount: null, status: 'due', paidAmount: '0.00', pendingAmount: '0.00', settledOn: null, ...overrides };
}

/** A licence: an entry fee half paid and overdue, a milestone payment to come, and a first royalty report. */
const licenceSchedule = (): ScheduleItemView[] => [
  line({ seq: 1, kind: 'entry_fee', label: '入门费', dueOn: '2026-03-01', amount: '300000.00', paidAmount: '100000.00', status: 'overdue' }),
  line({ seq: 2, kind: 'milestone_payment', label: '中试完成', dueOn: '2026-09-01', amount: '200000.00' }),
  line({ seq: 3, kind: 'royalty_report', label: '第1期提成报告（2026-03-01 至 2026-05-31）', dueOn: '2026-06-01' }),
];

const NOBODY: FulfilmentView['can'] = { recordPayment: false, confirmPayment: false, reportRoyalty: false, decideRoyalty: false, decideTrial: false };

function view(overrides: Partial<FulfilmentView> = {}): FulfilmentView {
  return {
    schedule: licenceSchedule(),
    payments: [],
    royaltyReports: [],
    trial: null,
    can: NOBODY,
    serviceInvention: false,
    totals: { due: '500000.00', paid: '100000.00', overdue: '200000.00' },
    convertedFromDealId: null,
    ...overrides,
  };
}

function payment(overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    id: 'pay-1',
    scheduleItemId: 'si-1',
    scheduleLabel: '入门费',
    amount: '200000.00',
    paidOn: '2026-03-05',
    proofDocumentId: null,
    proofFileName: null,
    status: 'recorded',
    recordedByName: '李娜',
    recordedAt: '2026-03-05T08:00:00.000Z',
    decidedByName: null,
    decidedAt: null,
    rejectReason: null,
    inventorShare: null,
    ...overrides,
  };
}

function report(overrides: Partial<RoyaltyReportView> = {}): RoyaltyReportView {
  return {
    id: 'rep-1',
    scheduleItemId: 'si-3',
    scheduleLabel: '第1期提成报告（2026-03-01 至 2026-05-31）',
    baseAmount: '800000.00',
    base: 'sales',
    rate: '5.5',
    royalty: '44000.00',
    note: '',
    status: 'submitted',
    submittedByName: '李娜',
    submittedAt: '2026-06-01T08:00:00.000Z',
    decidedByName: null,
    decidedAt: null,
    disputeReason: null,
    ...overrides,
  };
}

const licenceTerms: ContractTerms = {
  model: 'licence',
  kind: 'exclusive',
  field: '对虾养殖',
  territory: '广东省',
  termMonths: 36,
  entryFee: '300000',
  stagedPayments: [{ milestone: '中试完成', dueOn: '2026-09-01', amount: '200000' }],
  royalty: { rate: '5.5', base: 'sales', minimumAnnual: '0', reportingPeriod: 'quarterly' },
};

const contract = (terms: ContractTerms | null) => ({ dealId: 'deal-1', contractName: '技术许可合同', signedOn: '2026-03-01', terms }) as unknown as ContractView;

/** A server holding one signed deal and its fulfilment; `answer` may change the fulfilment on each write. */
function fulfilmentServer(
  start: FulfilmentView,
  terms: ContractTerms | null = licenceTerms,
  dealOverrides: Partial<DealView> = {},
): { server: FakeServer; set: (v: FulfilmentView) => void } {
  let current = start;
  const server = new FakeServer()
    .on('GET', '/deals/deal-1', deal(dealOverrides))
    .on('GET', '/deals/deal-1/timeline', [])
    .on('GET', '/deals/deal-1/documents', [])
    .on('GET', '/deals/deal-1/messages', [])
    .on('GET', '/deals/deal-1/contract', contract(terms))
    .on('GET', '/deals/deal-1/fulfilment', () => current);
  return { server, set: (v) => (current = v) };
}

/** The tab's content alone, for a signed deal seen by one of its parties (the tab itself is tested on the deal page below). */
async function openTab(server: FakeServer): Promise<Rendered> {
  const page = renderPage({ at: '/deals/deal-1', routes: { '/deals/:id': <DealFulfilment deal={deal()} /> }, server });
  await screen.findByTestId('fulfilment-schedule');
  return page;
}

const dialog = async () => within(await screen.findByRole('dialog'));

/** Replaces a field's text as a person pasting it would (typing each character re-renders the whole form). */
async function fill(page: Rendered, field: HTMLElement, text: string): Promise<void> {
  await page.user.clear(field);
  await page.user.click(field);
  await page.user.paste(text);
}

describe('the fulfilment tab (DealFulfilment)', () => {
  let page: Rendered | undefined;
  afterEach(() => {
    signOut(page);
    page = undefined;
  });

  it('shows the totals and the schedule, with an overdue line marked 已逾期 and highlighted', async () => {
    const { server } = fulfilmentServer(view());
    page = await openTab(server);

    expect(within(screen.getByTestId('totals-due')).getByText('¥500,000.00')).toBeTruthy();
    expect(within(screen.getByTestId('totals-paid')).getByText('¥100,000.00')).toBeTruthy();
    expect(within(screen.getByTestId('totals-overdue')).getByText('¥200,000.00')).toBeTruthy();
    expect(screen.getByTestId('schedule-status-1').textContent).toBe('已逾期');
    expect(screen.getByTestId('schedule-status-2').textContent).toBe('待履行');
    const overdue = screen.getByTestId('schedule-row-1');
    expect(overdue.className).toContain('fulfilment-overdue');
    expect(within(overdue).getByText('入门费')).toBeTruthy();
    expect(within(overdue).getByText('¥300,000.00')).toBeTruthy();
    expect(within(overdue).getByText('¥100,000.00')).toBeTruthy();
    expect(screen.getByTestId('schedule-row-2').className).not.toContain('fulfilment-overdue');
    // This reader may do nothing here.
    expect(screen.queryByTestId('record-payment-1')).toBeNull();
    expect(screen.queryByTestId('report-royalty-3')).toBeNull();
  });

  it('records a payment against a line: the amount defaults to what is outstanding, and the body is exactly what was entered', async () => {
    const { server, set } = fulfilmentServer(view({ can: { ...NOBODY, recordPayment: true, reportRoyalty: true } }));
    server.on('POST', '/deals/deal-1/payments', (call: Call) => {
      const body = call.body as { scheduleItemId: string; amount: string; paidOn: string };
      const saved = payment({ amount: body.amount, paidOn: body.paidOn });
      set(view({ payments: [saved], schedule: licenceSchedule().map((i) => (i.seq === 1 ? { ...i, pendingAmount: '150000.00' } : i)) }));
      return saved;
    });
    page = await openTab(server);

    // Nothing is outstanding on a report line: no payment there.
    expect(screen.queryByTestId('record-payment-3')).toBeNull();
    await page.user.click(screen.getByTestId('record-payment-1'));
    const form = await dialog();
    const amount = form.getByTestId('payment-amount') as HTMLInputElement;
    expect(amount.value).toBe('200000.00');
    await fill(page, amount, '150000');
    const date = form.getByTestId('payment-date');
    await fill(page, date, '2026-03-10');
    await page.user.keyboard('{Enter}');
    await page.user.click(form.getByTestId('payment-submit'));

    expect(await screen.findByText('付款已登记，等待对方确认')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/payments').map((c) => c.body)).toEqual([{ scheduleItemId: 'si-1', amount: '150000', paidOn: '2026-03-10' }]);
    await waitFor(() => expect(within(screen.getByTestId('fulfilment-payments')).getByText('待确认')).toBeTruthy());
    expect(within(screen.getByTestId('schedule-row-1')).getByText('¥150,000.00')).toBeTruthy();
  });

  it('uploads the proof as a payment_proof document first, and records the payment with its id', async () => {
    const { server } = fulfilmentServer(view({ can: { ...NOBODY, recordPayment: true } }));
    const upload = `/deals/deal-1/documents?${new URLSearchParams({ kind: 'payment_proof', title: '付款凭证：中试完成' })}`;
    server.on('POST', upload, { id: 'doc-9', fileName: '回单.pdf' });
    server.on('POST', '/deals/deal-1/payments', (call: Call) => payment(call.body as Partial<PaymentView>));
    page = await openTab(server);

    await page.user.click(screen.getByTestId('record-payment-2'));
    const form = await dialog();
    const input = form.getByTestId('payment-proof').closest('.ant-upload')?.querySelector('input[type=file]') as HTMLInputElement;
    await page.user.upload(input, new File(['%PDF'], '回单.pdf', { type: 'application/pdf' }));
    await page.user.click(form.getByTestId('payment-submit'));

    await waitFor(() => expect(server.sent('POST', '/deals/deal-1/payments')).toHaveLength(1));
    expect(server.sent('POST', upload)).toHaveLength(1);
    const sent = server.sent('POST', '/deals/deal-1/payments')[0]?.body as Record<string, string>;
    expect(sent).toEqual({ scheduleItemId: 'si-2', amount: '200000.00', paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), proofDocumentId: 'doc-9' });
  });

  it("lets the receiver confirm a payment with the inventors' share on a service invention, shown in the 奖酬 column", async () => {
    const { server, set } = fulfilmentServer(view({ payments: [payment()], serviceInvention: true, can: { ...NOBODY, confirmPayment: true } }));
    server.on('POST', '/deals/deal-1/payments/pay-1/decision', (call: Call) => {
      const { inventorShare } = call.body as { inventorShare: string };
      const confirmed = payment({ status: 'confirmed', inventorShare, decidedByName: '王强' });
      set(view({ payments: [confirmed], serviceInvention: true, can: { ...NOBODY, confirmPayment: true } }));
      return confirmed;
    });
    page = await openTab(server);

    await page.user.click(screen.getByTestId('confirm-payment-pay-1'));
    const form = await dialog();
    await page.user.click(form.getByTestId('payment-confirm-submit'));
    expect(await form.findByText('请填写奖酬金额（元），没有则填 0')).toBeTruthy();
    await fill(page, form.getByTestId('payment-inventor-share'), '250000');
    await page.user.click(form.getByTestId('payment-confirm-submit'));
    expect(await form.findByText('奖酬不能超过本笔付款金额')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/payments/pay-1/decision')).toEqual([]);

    await fill(page, form.getByTestId('payment-inventor-share'), '100000');
    await page.user.click(form.getByTestId('payment-confirm-submit'));

    await waitFor(() => expect(screen.getByTestId('payment-inventor-share-pay-1').textContent).toBe('¥100,000.00'));
    expect(server.sent('POST', '/deals/deal-1/payments/pay-1/decision').map((c) => c.body)).toEqual([{ decision: 'confirm', inventorShare: '100000' }]);
    expect(screen.getByTestId('payment-status-pay-1').textContent).toBe('已确认');
    expect(screen.queryByTestId('confirm-payment-pay-1')).toBeNull();
  });

  it('confirms at once, without asking for a share, when the achievement is not a service invention', async () => {
    const { server } = fulfilmentServer(view({ payments: [payment()], can: { ...NOBODY, confirmPayment: true } }));
    server.on('POST', '/deals/deal-1/payments/pay-1/decision', payment({ status: 'confirmed' }));
    page = await openTab(server);

    await page.user.click(screen.getByTestId('confirm-payment-pay-1'));

    expect(await screen.findByText('已确认收款')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/payments/pay-1/decision').map((c) => c.body)).toEqual([{ decision: 'confirm' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('returns a payment only with a reason', async () => {
    const { server, set } = fulfilmentServer(view({ payments: [payment()], can: { ...NOBODY, confirmPayment: true } }));
    server.on('POST', '/deals/deal-1/payments/pay-1/decision', (call: Call) => {
      const { reason } = call.body as { reason: string };
      const rejected = payment({ status: 'rejected', rejectReason: reason });
      set(view({ payments: [rejected], can: { ...NOBODY, confirmPayment: true } }));
      return rejected;
    });
    page = await openTab(server);

    await page.user.click(screen.getByTestId('reject-payment-pay-1'));
    const form = await dialog();
    await page.user.click(form.getByTestId('payment-reject-submit'));
    expect(await form.findByText('请填写退回理由')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/payments/pay-1/decision')).toEqual([]);

    await fill(page, form.getByTestId('payment-reject-reason'), '未收到该笔款项');
    await page.user.click(form.getByTestId('payment-reject-submit'));

    expect(await screen.findByText('退回理由：未收到该笔款项')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/payments/pay-1/decision').map((c) => c.body)).toEqual([{ decision: 'reject', reason: '未收到该笔款项' }]);
    expect(screen.getByTestId('payment-status-pay-1').textContent).toBe('已退回');
  });

  it('shows the royalty at the contract rate as the base is typed, and submits the base amount', async () => {
    const { server, set } = fulfilmentServer(view({ can: { ...NOBODY, recordPayment: true, reportRoyalty: true } }));
    server.on('POST', '/deals/deal-1/royalty-reports', (call: Call) => {
      const { baseAmount } = call.body as { baseAmount: string };
      const saved = report({ baseAmount, royalty: '67901.23' });
      set(view({ royaltyReports: [saved], can: { ...NOBODY, recordPayment: true, reportRoyalty: true } }));
      return saved;
    });
    page = await openTab(server);

    await page.user.click(screen.getByTestId('report-royalty-3'));
    const form = await dialog();
    expect(form.getByText('5.5% × 销售额')).toBeTruthy();
    expect(form.getByTestId('royalty-computed').textContent).toBe('—');
    await fill(page, form.getByTestId('royalty-base'), '1234567.89');
    // 1,234,567.89 × 5.5% = 67,901.23395 → to the fen
    await waitFor(() => expect(form.getByTestId('royalty-computed').textContent).toBe('¥67,901.23'));
    await fill(page, form.getByTestId('royalty-base'), '1000');
    await waitFor(() => expect(form.getByTestId('royalty-computed').textContent).toBe('¥55.00'));
    await fill(page, form.getByTestId('royalty-base'), '1234567.89');
    await page.user.click(form.getByTestId('royalty-submit'));

    expect(await screen.findByText('提成报告已提交')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/royalty-reports').map((c) => c.body)).toEqual([{ scheduleItemId: 'si-3', baseAmount: '1234567.89' }]);
    // Reported: no second report for the same period.
    await waitFor(() => expect(screen.queryByTestId('report-royalty-3')).toBeNull());
    expect(within(screen.getByTestId('fulfilment-royalties')).getByText('¥67,901.23')).toBeTruthy();
  });

  it('accepts a royalty report, and disputes one only with a reason', async () => {
    const { server } = fulfilmentServer(view({ royaltyReports: [report()], can: { ...NOBODY, decideRoyalty: true } }));
    server.on('POST', '/deals/deal-1/royalty-reports/rep-1/decision', (call: Call) => {
      const { decision, reason } = call.body as { decision: 'accept' | 'dispute'; reason?: string };
      return report({ status: decision === 'accept' ? 'accepted' : 'disputed', disputeReason: reason ?? null });
    });
    page = await openTab(server);

    await page.user.click(screen.getByTestId('dispute-royalty-rep-1'));
    const form = await dialog();
    await page.user.click(form.getByTestId('royalty-dispute-submit'));
    expect(await form.findByText('请填写异议理由')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/royalty-reports/rep-1/decision')).toEqual([]);

    await fill(page, form.getByTestId('royalty-dispute-reason'), '销售额与发票合计不符');
    await page.user.click(form.getByTestId('royalty-dispute-submit'));
    expect(await screen.findByText('已提出异议')).toBeTruthy();

    await page.user.click(screen.getByTestId('accept-royalty-rep-1'));
    expect(await screen.findByText('已接受提成报告')).toBeTruthy();
    expect(server.sent('POST', '/deals/deal-1/royalty-reports/rep-1/decision').map((c) => c.body)).toEqual([
      { decision: 'dispute', reason: '销售额与发票合计不符' },
      { decision: 'accept' },
    ]);
  });

  it('converts a 先用后转 trial to a licence and links to the new deal', async () => {
    const useFirst: ContractTerms = {
      model: 'use_first',
      trialStartsOn: '2026-03-01',
      trialEndsOn: '2026-09-01',
      trialFee: '0',
      conversionOptions: ['licence', 'transfer'],
      conversionDeadline: '2026-10-01',
      onDecline: 'stop_use',
    };
    const trialLines = [
      line({ seq: 1, kind: 'trial_end', label: '试用期结束', dueOn: '2026-09-01' }),
      line({ seq: 2, kind: 'conversion_deadline', label: '转为许可或转让的截止日', dueOn: '2026-10-01' }),
    ];
    const trial = { trialEndsOn: '2026-09-01', conversionDeadline: '2026-10-01', outcome: null, decidedAt: null, convertedDealId: null, note: '' };
    const start = view({ schedule: trialLines, trial, can: { ...NOBODY, decideTrial: true }, totals: { due: '0.00', paid: '0.00', overdue: '0.00' } });
    const { server, set } = fulfilmentServer(start, useFirst);
    server.on('POST', '/deals/deal-1/trial', (call: Call) => {
      const body = call.body as TrialDecisionInput;
      const converted = {
        ...start,
        trial: { ...trial, outcome: 'converted' as const, decidedAt: '2026-08-20T08:00:00.000Z', convertedDealId: body.outcome === 'convert' ? 'deal-9' : null },
      };
      set(converted);
      return converted;
    });
    page = await openTab(server);

    const card = within(screen.getByTestId('fulfilment-trial'));
    expect(card.getByTestId('trial-ends-on').textContent).toBe('2026-09-01');
    expect(card.getByTestId('trial-deadline').textContent).toBe('2026-10-01');
    expect(card.getByTestId('trial-outcome').textContent).toBe('待决定');
    await page.user.click(card.getByTestId('trial-convert-licence'));
    await page.user.click(await screen.findByTestId('trial-convert-licence-confirm'));

    const link = await screen.findByTestId('trial-converted-link');
    expect(link.getAttribute('href')).toBe('/deals/deal-9');
    expect(server.sent('POST', '/deals/deal-1/trial').map((c) => c.body)).toEqual([{ outcome: 'convert', model: 'licence' }]);
    expect(screen.getByTestId('trial-outcome').textContent).toBe('已转化');
    expect(screen.queryByTestId('trial-convert-licence')).toBeNull();
  });

  it("shows the server's Chinese message when it refuses a payment, and keeps the dialog open", async () => {
    const { server } = fulfilmentServer(view({ can: { ...NOBODY, recordPayment: true } }));
    server.on(
      'POST',
      '/deals/deal-1/payments',
      failure(422, 'VALIDATION', '付款金额超过该事项尚未支付的金额', [{ field: 'amount', code: 'too_much', message: '超过尚未支付的金额' }]),
    );
    page = await openTab(server);

    await page.user.click(screen.getByTestId('record-payment-1'));
    const form = await dialog();
    await page.user.click(form.getByTestId('payment-submit'));

    expect(await screen.findByText('付款金额超过该事项尚未支付的金额')).toBeTruthy();
    expect(await form.findByText('超过尚未支付的金额')).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(server.sent('GET', '/deals/deal-1/fulfilment')).toHaveLength(1);
  });

  it('says there is no schedule when the contract has no structured terms, and links a converted deal to its trial', async () => {
    const { server } = fulfilmentServer(view({ schedule: [], totals: { due: '0.00', paid: '0.00', overdue: '0.00' }, convertedFromDealId: 'deal-0' }), null);
    page = renderPage({ at: '/deals/deal-1', routes, server });
    await page.user.click(await screen.findByRole('tab', { name: '履约' }));

    expect(await screen.findByText('该合同未填写结构化条款，暂无履约计划。')).toBeTruthy();
    expect(screen.getByTestId('converted-from-link').getAttribute('href')).toBe('/deals/deal-0');
    expect(screen.queryByTestId('fulfilment-schedule')).toBeNull();
  });

  it('offers the tab to every viewer once the contract is signed, and not before', async () => {
    const { server } = fulfilmentServer(view(), licenceTerms, { stage: 'negotiating' as DealStage, viewerRole: 'broker' });
    page = renderPage({ at: '/deals/deal-1', routes, server });
    await screen.findByTestId('deal-title');
    expect(screen.queryByRole('tab', { name: '履约' })).toBeNull();
    signOut(page);
    page.unmount();

    const registered = fulfilmentServer(view(), licenceTerms, { stage: 'registered' as DealStage, viewerRole: 'party' });
    page = renderPage({ at: '/deals/deal-1', routes, server: registered.server });
    expect(await screen.findByRole('tab', { name: '履约' })).toBeTruthy();
  });
});
