import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/* Issue 15, after the signature: structured terms per transfer model and the fulfilment schedule generated from them. */

let api: TestApi;
let admin: TestUser;
let enterprise: TestUser;
let university: TestUser;
let outsider: TestUser;
let broker: TestUser;
let otherBroker: TestUser;
let entOrg: { id: string; creditCode: string };
let uniOrg: { id: string; creditCode: string };
let needId: string;
let achId: string;

function contractInput(terms?: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    contractNo: 'ZJ-2026-015',
    contractName: '对虾养殖尾水处理技术合同',
    contractType: 'transfer',
    contractSubtype: 'transfer.patent',
    buyer: { name: '湛江测试海洋科技有限公司', creditCode: entOrg.creditCode },
    seller: { name: '湛江海洋科技大学条款测试', creditCode: uniOrg.creditCode },
    signedOn: '2026-11-20',
    periodStart: '2026-12-01',
    periodEnd: '2029-11-30',
    totalAmount: '1000000.01',
    techAmount: '1000000.01',
    paymentTerms: '按合同条款分期支付',
    ...(terms === undefined ? {} : { terms }),
    ...overrides,
  };
}

async function openDeal(title: string): Promise<string> {
  const res = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title } });
  expect(res.status).toBe(201);
  return res.body.id;
}

const save = (id: string, body: Record<string, unknown>, headers?: Record<string, string>) => api.call('PUT', `/api/deals/${id}/contract`, { token: broker.token, body, headers });
const schedule = (id: string, user: TestUser = broker) => api.call('GET', `/api/deals/${id}/schedule`, { token: user.token });
const rows = (id: string) =>
  schedule(id).then((r) =>
    r.body.map((i: { seq: number; kind: string; dueOn: string; amount: string | null; label: string; status: string }) => [i.seq, i.kind, i.dueOn, i.amount, i.label, i.status]),
  );
const count = async (table: string, dealId: string) => (await api.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE deal_id = $1`, [dealId])).rows[0].n as number;

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  outsider = await registerUser(api);
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '条款经纪人' });
  otherBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '别的经纪人' });
  entOrg = await createOrg(api, enterprise, { verified: true });
  uniOrg = await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学条款测试' } });
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id));
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('terms per transfer model, and the schedule generated from them', () => {
  it('转让: records the price and instalments, returns the terms, and schedules each instalment on its date with its exact amount', async () => {
    const id = await openDeal('转让条款测试');
    const terms = {
      model: 'transfer',
      price: '1000000.01',
      instalments: [
        { dueOn: '2026-12-20', amount: '500000.00', label: '签约后首付' },
        { dueOn: '2027-06-30', amount: '500000.01' },
      ],
    };
    const res = await save(id, contractInput(terms));
    expect(res.status).toBe(200);
    expect(res.body.terms).toEqual(terms);
    expect(res.body.paymentTerms).toBe('按合同条款分期支付');
    expect((await api.call('GET', `/api/deals/${id}/contract`, { token: enterprise.token })).body.terms).toEqual(terms);
    expect(await rows(id)).toEqual([
      [1, 'instalment', '2026-12-20', '500000.00', '签约后首付', 'due'],
      [2, 'instalment', '2027-06-30', '500000.01', '第2期转让价款', 'due'],
    ]);
    const stored = await api.db.query(`SELECT amount::text AS a, pg_typeof(amount)::text AS t FROM contract_schedule_item WHERE deal_id = $1 ORDER BY seq`, [id]);
    expect(stored.rows).toEqual([
      { a: '500000.00', t: 'numeric' },
      { a: '500000.01', t: 'numeric' },
    ]);
    const audit = await api.db.query(`SELECT detail FROM audit_log WHERE action = 'deal.contract_recorded' AND target_id = $1`, [id]);
    expect(audit.rows.map((r) => r.detail)).toEqual([expect.objectContaining({ model: 'transfer', scheduleItems: 2 })]);
  });

  it('许可: schedules the entry fee, milestone payments with their labels, a royalty report each half year and the minimum royalty each licence year', async () => {
    const id = await openDeal('许可条款测试');
    const terms = {
      model: 'licence',
      kind: 'exclusive',
      field: '对虾养殖尾水处理',
      territory: '广东省',
      termMonths: 18,
      entryFee: '200000',
      entryFeeDueOn: '2026-12-01',
      stagedPayments: [{ milestone: '完成中试', dueOn: '2027-03-01', amount: '300000.50' }],
      royalty: { rate: '5.5', base: 'sales', minimumAnnual: '100000.00', reportingPeriod: 'half_yearly' },
    };
    const res = await save(id, contractInput(terms, { contractType: 'license', contractSubtype: 'license.patent' }));
    expect(res.status).toBe(200);
    expect(res.body.terms).toMatchObject({ model: 'licence', kind: 'exclusive', royalty: { rate: '5.5', base: 'sales' } });
    expect(await rows(id)).toEqual([
      [1, 'entry_fee', '2026-12-01', '200000.00', '入门费', 'due'],
      [2, 'milestone_payment', '2027-03-01', '300000.50', '完成中试', 'due'],
      [3, 'royalty_report', '2027-05-20', null, '第1期提成报告（2026-11-20 至 2027-05-19）', 'due'],
      [4, 'royalty_report', '2027-11-20', null, '第2期提成报告（2027-05-20 至 2027-11-19）', 'due'],
      [5, 'minimum_royalty', '2027-11-20', '100000.00', '第1年度最低提成', 'due'],
      [6, 'royalty_report', '2028-05-20', null, '第3期提成报告（2027-11-20 至 2028-05-19）', 'due'],
      [7, 'minimum_royalty', '2028-05-20', '50000.00', '第2年度最低提成（按6个月折算）', 'due'],
    ]);
  });

  it('先用后转: schedules the trial fee, the end of the trial and the conversion deadline', async () => {
    const id = await openDeal('先用后转条款测试');
    const terms = {
      model: 'use_first',
      trialStartsOn: '2026-12-01',
      trialEndsOn: '2027-05-31',
      trialFee: '5000',
      conversionOptions: ['licence', 'transfer'],
      conversionDeadline: '2027-06-30',
      onDecline: 'stop_use',
    };
    expect((await save(id, contractInput(terms))).status).toBe(200);
    expect(await rows(id)).toEqual([
      [1, 'trial_fee', '2026-12-01', '5000.00', '试用费', 'due'],
      [2, 'trial_end', '2027-05-31', null, '试用期结束', 'due'],
      [3, 'conversion_deadline', '2027-06-30', null, '转为许可或转让的截止日', 'due'],
    ]);
  });

  it('作价入股: records valuation, share and holder, schedules the end of the lock-up, and follows a new signing date when saved again without terms', async () => {
    const id = await openDeal('作价入股条款测试');
    const terms = {
      model: 'equity',
      valuation: '30000000.00',
      valuedBy: '广东某资产评估有限公司',
      sharePercent: '15.5',
      holder: 'holding_platform',
      holderName: '某大学资产经营有限公司',
      lockUpMonths: 36,
    };
    expect((await save(id, contractInput(terms))).status).toBe(200);
    expect(await rows(id)).toEqual([[1, 'lock_up_end', '2029-11-20', null, '锁定期（36个月）届满', 'due']]);
    // terms left out stay as they are; the schedule follows the new signing date
    const again = await save(id, contractInput(undefined, { signedOn: '2026-11-30' }));
    expect(again.status).toBe(200);
    expect(again.body.terms).toEqual(terms);
    expect(await rows(id)).toEqual([[1, 'lock_up_end', '2029-11-30', null, '锁定期（36个月）届满', 'due']]);
    // null clears them, and the schedule with them
    const cleared = await save(id, contractInput(null));
    expect(cleared.body.terms).toBeNull();
    expect((await schedule(id)).body).toEqual([]);
  });

  it('keeps a contract without terms as before: terms null, an empty schedule, and the registration sheet still downloads', async () => {
    const id = await openDeal('无条款合同测试');
    const res = await save(id, contractInput());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ terms: null, totalAmount: '1000000.01', paymentTerms: '按合同条款分期支付' });
    expect((await schedule(id)).body).toEqual([]);
    expect((await save(id, contractInput({ model: 'transfer', price: '10', instalments: [{ dueOn: '2026-12-01', amount: '10' }] }))).status).toBe(200);
    const sheet = await fetch(`${api.url}/api/deals/${id}/contract/sheet`, { headers: { authorization: `Bearer ${broker.token}` } });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('invalid terms', () => {
  it('answers 400 in Chinese naming the field when instalments do not add up to the price, and changes nothing', async () => {
    const id = await openDeal('分期不符测试');
    const bad = await save(
      id,
      contractInput({
        model: 'transfer',
        price: '1000000.01',
        instalments: [
          { dueOn: '2026-12-20', amount: '500000' },
          { dueOn: '2026-11-01', amount: '500000' },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('提交的内容有误，请检查后重试');
    expect(bad.body.error.details).toEqual([
      { field: 'terms.instalments', code: 'terms_instalments_sum', message: '各期付款之和（1000000.00 元）应等于转让价款（1000000.01 元）' },
      { field: 'terms.instalments.1.dueOn', code: 'terms_due_before_signing', message: '付款日期不能早于签订日期（2026-11-20）' },
    ]);
    const en = await save(id, contractInput({ model: 'transfer', price: '10', instalments: [{ dueOn: '2026-12-20', amount: '5' }] }), { 'accept-language': 'en' });
    expect(en.body.error.details[0].message).toBe('The instalments (5.00 yuan) must add up to the price (10.00 yuan)');
    expect(await count('contract_registration', id)).toBe(0);
    expect(await count('contract_schedule_item', id)).toBe(0);
  });

  it('refuses a malformed licence, trial or share field by field, in Chinese, and keeps the saved terms and schedule', async () => {
    const id = await openDeal('条款校验测试');
    const good = {
      model: 'use_first',
      trialStartsOn: '2026-12-01',
      trialEndsOn: '2027-05-31',
      trialFee: '0',
      conversionOptions: ['transfer'],
      conversionDeadline: '2027-06-30',
      onDecline: 'stop_use',
    };
    expect((await save(id, contractInput(good))).status).toBe(200);
    const before = await rows(id);

    const licence = await save(
      id,
      contractInput({
        model: 'licence',
        kind: 'shared',
        field: '水产',
        territory: '全国',
        termMonths: 0,
        entryFee: '0',
        stagedPayments: [],
        royalty: { rate: '5.555', base: 'revenue', minimumAnnual: '1', reportingPeriod: 'yearly' },
      }),
    );
    expect(licence.status).toBe(400);
    const msg = (field: string) => licence.body.error.details.find((d: { field: string }) => d.field === field)?.message;
    expect(msg('terms.kind')).toBe('取值不在允许范围内');
    expect(msg('terms.termMonths')).toBe('不能小于 1');
    expect(msg('terms.royalty.rate')).toBe('比例应为百分数，最多两位小数');
    expect(msg('terms.royalty.base')).toBe('取值不在允许范围内');

    const rate = await save(
      id,
      contractInput({
        model: 'licence',
        kind: 'ordinary',
        field: '水产',
        territory: '全国',
        termMonths: 12,
        entryFee: '0',
        stagedPayments: [],
        royalty: { rate: '100.5', base: 'profit', minimumAnnual: '0', reportingPeriod: 'yearly' },
      }),
    );
    expect(rate.body.error.details).toEqual([{ field: 'terms.royalty.rate', code: 'terms_royalty_rate', message: '提成比例应在 0–100% 之间，最多两位小数' }]);

    const trial = await save(id, contractInput({ ...good, trialEndsOn: '2026-11-30', conversionDeadline: '2026-11-30' }));
    expect(trial.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message])).toEqual([
      ['terms.trialEndsOn', '试用期结束日期应晚于开始日期'],
      ['terms.conversionDeadline', '转化截止日期应晚于试用期结束日期'],
    ]);

    const equity = await save(id, contractInput({ model: 'equity', valuation: '0', valuedBy: '评估机构', sharePercent: '100', holder: 'university', lockUpMonths: 12 }));
    expect(equity.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message])).toEqual([
      ['terms.valuation', '作价金额应大于 0'],
      ['terms.sharePercent', '持股比例应大于 0、小于 100%'],
    ]);

    const model = await save(id, contractInput({ model: 'gift' }));
    expect(model.status).toBe(400);
    expect(model.body.error.details).toEqual([{ field: 'terms.model', code: 'isIn', message: '取值不在允许范围内' }]);

    expect((await api.call('GET', `/api/deals/${id}/contract`, { token: broker.token })).body.terms).toEqual(good);
    expect(await rows(id)).toEqual(before);
  });
});

describe('who sees the schedule, and when it can change', () => {
  let id: string;
  beforeAll(async () => {
    id = await openDeal('履约计划可见性测试');
    expect((await save(id, contractInput({ model: 'transfer', price: '100', instalments: [{ dueOn: '2026-12-01', amount: '100' }] }))).status).toBe(200);
  });

  it('shows it to both parties, the broker and admins; a stranger and another broker get 404 as for a missing deal', async () => {
    for (const user of [broker, enterprise, university, admin]) expect((await schedule(id, user)).status).toBe(200);
    for (const user of [outsider, otherBroker]) {
      const res = await schedule(id, user);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await api.call('GET', '/api/deals/00000000-0000-4000-8000-000000000000/schedule', { token: broker.token })).status).toBe(404);
  });

  it('a party cannot write the terms, and a registered contract keeps its terms and schedule', async () => {
    const byParty = await api.call('PUT', `/api/deals/${id}/contract`, {
      token: enterprise.token,
      body: contractInput({ model: 'transfer', price: '1', instalments: [{ dueOn: '2026-12-01', amount: '1' }] }),
    });
    expect(byParty.status).toBe(404);
    await api.db.query(`UPDATE deal SET stage = 'registered' WHERE id = $1`, [id]);
    const res = await save(id, contractInput({ model: 'transfer', price: '1', instalments: [{ dueOn: '2026-12-01', amount: '1' }] }));
    expect(res.status).toBe(409);
    expect(await rows(id)).toEqual([[1, 'instalment', '2026-12-01', '100.00', '第1期转让价款', 'due']]);
  });
});
