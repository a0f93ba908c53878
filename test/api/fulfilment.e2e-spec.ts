import { addDays, beijingDate, PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { contractWithTerms, signedDealWithTerms } from '../harness/contracts';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * Issue 15, fulfilment after the signature: the payer records payments against the schedule and the
 * receiver confirms them (with the inventors' share); the licensee reports royalties and the
 * licensor accepts or disputes them; a 先用后转 trial converts, extends or returns. Dates are set
 * from today's Beijing date, so the schedule is in the past or future as each test needs.
 */

let api: TestApi;
let admin: TestUser;
let enterprise: TestUser; // the demand side: pays
let university: TestUser; // the supply side: receives
let broker: TestUser;
let outsider: TestUser;
let entOrg: { id: string; creditCode: string };
let uniOrg: { id: string; creditCode: string };
let needId: string;
let achId: string;

const today = beijingDate();
const PDF = Buffer.from('%PDF-1.4\n% payment proof\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const parties = () => ({ buyer: { name: '湛江履约测试企业', creditCode: entOrg.creditCode }, seller: { name: '湛江履约测试大学', creditCode: uniOrg.creditCode } });
const signedDeal = (terms: unknown, daysAgo = 30, title = '履约测试') =>
  signedDealWithTerms(api, broker, { needId, achievementId: achId, title, parties: parties() }, terms, daysAgo);

const fulfilment = (user: TestUser, dealId: string) => api.call('GET', `/api/deals/${dealId}/fulfilment`, { token: user.token });
const pay = (user: TestUser, dealId: string, body: Record<string, unknown>) => api.call('POST', `/api/deals/${dealId}/payments`, { token: user.token, body });
const decidePayment = (user: TestUser, dealId: string, id: string, body: Record<string, unknown>) =>
  api.call('POST', `/api/deals/${dealId}/payments/${id}/decision`, { token: user.token, body });
const report = (user: TestUser, dealId: string, body: Record<string, unknown>) => api.call('POST', `/api/deals/${dealId}/royalty-reports`, { token: user.token, body });
const decideReport = (user: TestUser, dealId: string, id: string, body: Record<string, unknown>) =>
  api.call('POST', `/api/deals/${dealId}/royalty-reports/${id}/decision`, { token: user.token, body });
const trial = (user: TestUser, dealId: string, body: Record<string, unknown>) => api.call('POST', `/api/deals/${dealId}/trial`, { token: user.token, body });
const audits = async (dealId: string) =>
  (await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'deal.%' ORDER BY id`, [dealId])).rows.map((r) => r.action as string);
type Line = { id: string; seq: number; kind: string; label: string; amount: string | null; status: string; paidAmount: string; pendingAmount: string; settledOn: string | null };
const line = (view: { schedule: Line[] }, kind: string, n = 0) => view.schedule.filter((l) => l.kind === kind)[n] as Line;

async function uploadProof(user: TestUser, dealId: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), '银行回单.pdf');
  const res = await fetch(`${api.url}/api/deals/${dealId}/documents?kind=payment_proof`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
  return { status: res.status, body: (await res.json()) as { id: string; shared: boolean; kind: string } };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api, { displayName: '企业财务' });
  university = await registerUser(api, { displayName: '技术转移办公室' });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '履约经纪人' });
  outsider = await registerUser(api);
  entOrg = await createOrg(api, enterprise, { verified: true });
  uniOrg = await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江履约测试大学' } });
  await createOrg(api, outsider, { verified: true, input: { name: '湛江无关企业' } });
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id, { serviceInvention: false }));
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('payments against the schedule', () => {
  const transfer = () => ({
    model: 'transfer',
    price: '1000000.00',
    instalments: [
      { dueOn: addDays(today, -20), amount: '400000.00', label: '首期款' },
      { dueOn: addDays(today, 60), amount: '600000.00', label: '尾款' },
    ],
  });

  it('the payer records a payment with its proof, the receiver confirms it with the inventors’ share, and the line is paid', async () => {
    const dealId = await signedDeal(transfer());
    const before = (await fulfilment(enterprise, dealId)).body;
    expect(before.can).toMatchObject({ recordPayment: true, confirmPayment: false, decideTrial: false });
    expect(before.totals).toEqual({ due: '1000000.00', paid: '0.00', overdue: '0.00' });
    const first = line(before, 'instalment');

    const proof = await uploadProof(enterprise, dealId);
    expect(proof.status).toBe(201);
    expect(proof.body).toMatchObject({ kind: 'payment_proof', shared: true });
    const part = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '150000.00', paidOn: addDays(today, -1), proofDocumentId: proof.body.id });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ amount: '150000.00', status: 'recorded', scheduleLabel: '首期款', proofFileName: '银行回单.pdf', recordedByName: '企业财务' });

    const pending = (await fulfilment(university, dealId)).body;
    expect(pending.can).toMatchObject({ recordPayment: false, confirmPayment: true });
    expect(line(pending, 'instalment')).toMatchObject({ paidAmount: '0.00', pendingAmount: '150000.00', status: 'due' });
    const notified = await api.db.query(
      `SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.type = 'deal.payment_recorded' AND u.email = $1`,
      [university.email],
    );
    expect(notified.rows[0].n).toBe(1);

    const confirmed = await decidePayment(university, dealId, part.body.id, { decision: 'confirm', inventorShare: '105000.00' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', inventorShare: '105000.00', decidedByName: '技术转移办公室' });
    const rest = await pay(broker, dealId, { scheduleItemId: first.id, amount: '250000.00', paidOn: today });
    expect(rest.status).toBe(201);
    expect((await decidePayment(university, dealId, rest.body.id, { decision: 'confirm' })).status).toBe(200);

    const after = (await fulfilment(admin, dealId)).body;
    expect(line(after, 'instalment')).toMatchObject({ status: 'paid', paidAmount: '400000.00', pendingAmount: '0.00', settledOn: today });
    expect(line(after, 'instalment', 1)).toMatchObject({ status: 'due', paidAmount: '0.00' });
    expect(after.totals).toEqual({ due: '1000000.00', paid: '400000.00', overdue: '0.00' });
    expect(after.payments.map((p: { amount: string; status: string }) => [p.amount, p.status])).toEqual([
      ['150000.00', 'confirmed'],
      ['250000.00', 'confirmed'],
    ]);
    expect(await audits(dealId)).toEqual(expect.arrayContaining(['deal.payment_recorded', 'deal.payment_confirmed']));
    // nothing is left on a paid line
    const more = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: today });
    expect(more.status).toBe(400);
    expect(more.body.error.details[0]).toMatchObject({ field: 'scheduleItemId', message: '该履约事项无需付款' });
  });

  it('refuses, in Chinese and changing nothing: more than is left, a future date, a date before signing, and a proof from another deal', async () => {
    const dealId = await signedDeal(transfer(), 30);
    const otherDeal = await signedDeal(transfer(), 30, '另一个对接');
    const proof = await uploadProof(enterprise, otherDeal);
    const first = line((await fulfilment(enterprise, dealId)).body, 'instalment');
    await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '300000.00', paidOn: today });

    const tooMuch = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '100000.01', paidOn: today });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details).toEqual([expect.objectContaining({ field: 'amount', message: '付款金额超过该事项尚未付清的金额（100000.00 元）' })]);
    const bad = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: addDays(today, 1), proofDocumentId: proof.body.id });
    expect(bad.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message])).toEqual([
      ['paidOn', '付款日期不能晚于今天'],
      ['proofDocumentId', '付款凭证应为本对接中上传的文件'],
    ]);
    const early = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: addDays(today, -31) });
    expect(early.body.error.details[0]).toMatchObject({ field: 'paidOn', message: `付款日期不能早于合同签订日期（${addDays(today, -30)}）` });
    const notMoney = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '1,000', paidOn: today });
    expect(notMoney.status).toBe(400);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM contract_payment WHERE deal_id = $1`, [dealId])).rows[0].n).toBe(1);
  });

  it('a rejected payment needs a reason, frees its amount, and a decision cannot be taken twice', async () => {
    const dealId = await signedDeal(transfer());
    const first = line((await fulfilment(enterprise, dealId)).body, 'instalment');
    const p = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '400000.00', paidOn: today });
    const noReason = await decidePayment(university, dealId, p.body.id, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ field: 'reason', message: '退回时请说明原因' });
    const share = await decidePayment(university, dealId, p.body.id, { decision: 'confirm', inventorShare: '400000.01' });
    expect(share.body.error.details[0]).toMatchObject({ field: 'inventorShare', message: '奖酬金额不能超过本次付款金额' });
    const rejected = await decidePayment(university, dealId, p.body.id, { decision: 'reject', reason: '未查到到账记录' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '未查到到账记录' });
    const again = await decidePayment(university, dealId, p.body.id, { decision: 'confirm' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_DECIDED', message: '该事项已处理，不能重复操作' });
    // the whole line can be recorded again
    expect((await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '400000.00', paidOn: today })).status).toBe(201);
    expect(await audits(dealId)).toEqual(expect.arrayContaining(['deal.payment_rejected']));
  });

  it('holds the access rules: the receiver does not record, the payer does not confirm, an outsider gets 404, and nothing before signing', async () => {
    const dealId = await signedDeal(transfer());
    const first = line((await fulfilment(broker, dealId)).body, 'instalment');
    expect((await pay(university, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: today })).status).toBe(403);
    const p = await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: today });
    expect((await decidePayment(enterprise, dealId, p.body.id, { decision: 'confirm' })).status).toBe(403);
    expect((await decidePayment(broker, dealId, p.body.id, { decision: 'confirm' })).status).toBe(403);
    expect((await fulfilment(outsider, dealId)).status).toBe(404);
    expect((await pay(outsider, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: today })).status).toBe(404);
    expect((await uploadProof(university, dealId)).status).toBe(403);

    const open = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title: '未签约' } });
    const early = await pay(broker, open.body.id, { scheduleItemId: first.id, amount: '1.00', paidOn: today });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'CONTRACT_NOT_IN_FORCE', message: '合同签约后才能登记履约情况' });
  });

  it('keeps the schedule once fulfilment has started: terms that would change it are refused, other fields may change', async () => {
    const terms = transfer();
    const dealId = await signedDeal(terms);
    const first = line((await fulfilment(enterprise, dealId)).body, 'instalment');
    await pay(enterprise, dealId, { scheduleItemId: first.id, amount: '1.00', paidOn: today });
    const input = contractWithTerms(parties(), terms, addDays(today, -30));
    const changed = await api.call('PUT', `/api/deals/${dealId}/contract`, {
      token: broker.token,
      body: { ...input, terms: { ...terms, instalments: [{ dueOn: today, amount: '1000000.00' }] } },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({ code: 'CONTRACT_FULFILMENT_STARTED' });
    const renamed = await api.call('PUT', `/api/deals/${dealId}/contract`, { token: broker.token, body: { ...input, contractNo: 'ZJ-2026-LY-2' } });
    expect(renamed.status).toBe(200);
    expect(line((await fulfilment(enterprise, dealId)).body, 'instalment')).toMatchObject({ id: first.id, pendingAmount: '1.00' });
  });
});

describe('royalty reports', () => {
  const licence = () => ({
    model: 'licence',
    kind: 'ordinary',
    field: '对虾养殖',
    territory: '湛江市',
    termMonths: 24,
    entryFee: '0',
    stagedPayments: [],
    royalty: { rate: '3.5', base: 'sales', minimumAnnual: '100000.00', reportingPeriod: 'half_yearly' },
  });

  it('computes the royalty exactly; a dispute needs a reason and the licensee reports again; an accepted report is done, falls due as a payment and counts towards the year’s minimum', async () => {
    const dealId = await signedDeal(licence(), 200);
    const view = (await fulfilment(enterprise, dealId)).body;
    expect(view.can).toMatchObject({ reportRoyalty: true, decideRoyalty: false });
    const period = line(view, 'royalty_report');
    expect(period.label).toMatch(/^第1期提成报告/);

    const wrongLine = await report(enterprise, dealId, { scheduleItemId: line(view, 'minimum_royalty').id, baseAmount: '1.00' });
    expect(wrongLine.body.error.details[0]).toMatchObject({ field: 'scheduleItemId', message: '请选择一期提成报告' });

    const first = await report(enterprise, dealId, { scheduleItemId: period.id, baseAmount: '1234567.89', note: '上半年销售额' });
    expect(first.status).toBe(201);
    // 1,234,567.89 × 3.5% = 43,209.87615 → 43,209.88
    expect(first.body).toMatchObject({ royalty: '43209.88', rate: '3.50', base: 'sales', status: 'submitted' });
    const twice = await report(enterprise, dealId, { scheduleItemId: period.id, baseAmount: '1.00' });
    expect(twice.body.error.details[0]).toMatchObject({ message: '该期提成报告已提交，等待对方确认或已被接受' });

    expect((await decideReport(enterprise, dealId, first.body.id, { decision: 'accept' })).status).toBe(403);
    const noReason = await decideReport(university, dealId, first.body.id, { decision: 'dispute' });
    expect(noReason.body.error.details[0]).toMatchObject({ field: 'reason', message: '提出异议时请说明原因' });
    const disputed = await decideReport(university, dealId, first.body.id, { decision: 'dispute', reason: '销售额与发票不符' });
    expect(disputed.body).toMatchObject({ status: 'disputed', disputeReason: '销售额与发票不符' });

    const second = await report(enterprise, dealId, { scheduleItemId: period.id, baseAmount: '2000000.00' });
    expect(second.body.royalty).toBe('70000.00');
    const accepted = await decideReport(university, dealId, second.body.id, { decision: 'accept' });
    expect(accepted.body).toMatchObject({ status: 'accepted' });

    const after = (await fulfilment(enterprise, dealId)).body;
    expect(line(after, 'royalty_report')).toMatchObject({ status: 'done', settledOn: today });
    expect(line(after, 'royalty_payment')).toMatchObject({ amount: '70000.00', status: 'due', label: '第1期提成报告应付提成', seq: after.schedule.length });
    expect(line(after, 'minimum_royalty')).toMatchObject({ amount: '30000.00', label: '第1年度最低提成（已由提成抵扣 70000.00 元）' });
    expect(after.royaltyReports.map((r: { status: string }) => r.status)).toEqual(['disputed', 'accepted']);
    expect(await audits(dealId)).toEqual(expect.arrayContaining(['deal.royalty_reported', 'deal.royalty_disputed', 'deal.royalty_accepted']));
  });
});

describe('先用后转 trial', () => {
  const useFirst = () => ({
    model: 'use_first',
    trialStartsOn: addDays(today, -60),
    trialEndsOn: addDays(today, 30),
    trialFee: '0',
    conversionOptions: ['licence'],
    conversionDeadline: addDays(today, 60),
    conversionPrice: '800000.00',
    onDecline: 'stop_use',
  });

  it('converts to a licence: a new deal between the same parties, linked to the trial, at 商务谈判; the trial is decided once', async () => {
    const dealId = await signedDeal(useFirst(), 60, '先用后转试用');
    const before = (await fulfilment(enterprise, dealId)).body;
    expect(before.trial).toMatchObject({ outcome: null, trialEndsOn: addDays(today, 30), conversionDeadline: addDays(today, 60) });
    expect(before.can.decideTrial).toBe(true);
    expect((await fulfilment(university, dealId)).body.can.decideTrial).toBe(false);

    const notOffered = await trial(enterprise, dealId, { outcome: 'convert', model: 'transfer' });
    expect(notOffered.body.error.details[0]).toMatchObject({ field: 'model', message: '合同约定的转化方式不包括该方式' });
    const converted = await trial(enterprise, dealId, { outcome: 'convert', model: 'licence', note: '试用效果良好' });
    expect(converted.status).toBe(200);
    expect(converted.body.trial).toMatchObject({ outcome: 'converted', note: '试用效果良好' });
    expect(line(converted.body, 'conversion_deadline')).toMatchObject({ status: 'done', settledOn: today });
    const newId = converted.body.trial.convertedDealId as string;

    const fresh = await api.call('GET', `/api/deals/${newId}`, { token: enterprise.token });
    expect(fresh.body).toMatchObject({ stage: 'negotiating', cooperationMode: 'license', title: '先用后转试用（转为许可）' });
    expect((await fulfilment(university, newId)).body.convertedFromDealId).toBe(dealId);
    const again = await trial(enterprise, dealId, { outcome: 'return' });
    expect(again.status).toBe(409);
    expect(await audits(dealId)).toEqual(expect.arrayContaining(['deal.trial_converted']));
  });

  it('extends with later dates (refusing earlier ones), then returns', async () => {
    const dealId = await signedDeal(useFirst(), 60, '先用后转延期');
    const earlier = await trial(broker, dealId, { outcome: 'extend', trialEndsOn: addDays(today, 20), conversionDeadline: addDays(today, 90) });
    expect(earlier.body.error.details[0]).toMatchObject({ field: 'conversionDeadline' });
    const extended = await trial(broker, dealId, { outcome: 'extend', trialEndsOn: addDays(today, 90), conversionDeadline: addDays(today, 120) });
    expect(extended.status).toBe(200);
    expect(extended.body.trial).toMatchObject({ outcome: 'extended', trialEndsOn: addDays(today, 90), conversionDeadline: addDays(today, 120) });
    expect(line(extended.body, 'conversion_deadline')).toMatchObject({ status: 'due' });
    const contract = await api.call('GET', `/api/deals/${dealId}/contract`, { token: broker.token });
    expect(contract.body.terms).toMatchObject({ trialEndsOn: addDays(today, 90), conversionDeadline: addDays(today, 120) });

    const returned = await trial(enterprise, dealId, { outcome: 'return' });
    expect(returned.body.trial.outcome).toBe('returned');
    expect(returned.body.schedule.filter((l: Line) => ['trial_end', 'conversion_deadline'].includes(l.kind)).map((l: Line) => l.status)).toEqual(['done', 'done']);
    expect(await audits(dealId)).toEqual(expect.arrayContaining(['deal.trial_extended', 'deal.trial_returned']));
  });

  it('is not for other contracts', async () => {
    const dealId = await signedDeal({ model: 'transfer', price: '10.00', instalments: [{ dueOn: today, amount: '10.00' }] });
    const res = await trial(enterprise, dealId, { outcome: 'return' });
    expect(res.body.error.details[0]).toMatchObject({ message: '只有“先用后转”合同有试用期' });
  });
});
