import { INestApplicationContext } from '@nestjs/common';
import { addDays, beijingDate, PlatformRole, sumAmounts } from '@ztt/contracts';
import { ReportService } from '@ztt/read-model';
import ExcelJS from 'exceljs';
import { loadSpec, operationOf, responseSchema, validate } from '../harness/openapi-schema';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { ContractParties, contractWithTerms } from '../harness/contracts';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

/*
 * Issue 15, item 4, "the bureau sees it all": contracts signed through the API with structured terms,
 * payments recorded and confirmed, 先用后转 trials converted, returned and lapsed (by the fulfilment
 * scan on a real worker, which also marks late lines overdue), and 作价入股 contracts; then the
 * dashboard's fulfilment figures, their .xlsx exports, the quarterly report and the registration
 * sheet. Dates are set from today's Beijing date, so expected quarters are computed, not assumed.
 */

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let enterprise: TestUser;
let university: TestUser;
let broker: TestUser;
let needId: string;
let achId: string;
let parties: ContractParties;

const today = beijingDate();
const year = Number(today.slice(0, 4));
const quarterOfDay = (day: string) => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const quarter = quarterOfDay(today);

interface Signed {
  id: string;
  title: string;
  signedOn: string;
  total: string;
  model: string;
}
const signed: Signed[] = [];

/** A deal signed `daysAgo` with `terms` and a contract total of `total` 元, through the deal API. */
async function sign(title: string, terms: Record<string, unknown>, daysAgo: number, total: string): Promise<string> {
  const res = await api.call('POST', '/api/deals', { token: broker.token, body: { needId, achievementId: achId, title } });
  if (res.status !== 201) throw new Error(`open deal: ${res.status} ${res.text}`);
  await api.db.query(`UPDATE deal SET stage = 'negotiating' WHERE id = $1`, [res.body.id]);
  const signedOn = addDays(today, -daysAgo);
  const contract = { ...contractWithTerms(parties, terms, signedOn), contractName: title, totalAmount: total, techAmount: total };
  const moved = await api.call('POST', `/api/deals/${res.body.id}/stage`, { token: broker.token, body: { to: 'signed', version: res.body.version, contract } });
  if (moved.status !== 200) throw new Error(`sign deal: ${moved.status} ${moved.text}`);
  signed.push({ id: res.body.id, title, signedOn, total, model: terms.model as string });
  return res.body.id;
}

type Line = { id: string; kind: string; label: string; status: string };
const schedule = async (dealId: string) => (await api.call('GET', `/api/deals/${dealId}/fulfilment`, { token: broker.token })).body.schedule as Line[];
async function pay(dealId: string, label: string, amount: string, paidOn: string, confirm: { inventorShare?: string } | null): Promise<void> {
  const line = (await schedule(dealId)).find((l) => l.label === label) as Line;
  const p = await api.call('POST', `/api/deals/${dealId}/payments`, { token: enterprise.token, body: { scheduleItemId: line.id, amount, paidOn } });
  expect(p.status).toBe(201);
  if (confirm)
    expect((await api.call('POST', `/api/deals/${dealId}/payments/${p.body.id}/decision`, { token: university.token, body: { decision: 'confirm', ...confirm } })).status).toBe(
      200,
    );
}
const trial = (dealId: string, body: Record<string, unknown>) => api.call('POST', `/api/deals/${dealId}/trial`, { token: enterprise.token, body });
const dashboard = async (query = '') => {
  const res = await api.call('GET', `/api/admin/dashboard${query}`, { token: admin.token });
  expect(res.status).toBe(200);
  return res.body;
};

async function readXlsx(path: string): Promise<(string | number)[][]> {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${admin.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: (string | number)[][] = [];
  wb.worksheets[0]?.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
  return rows;
}

const useFirst = (startsAgo: number, endsIn: number, deadlineIn: number) => ({
  model: 'use_first',
  trialStartsOn: addDays(today, -startsAgo),
  trialEndsOn: addDays(today, endsIn),
  trialFee: '0',
  conversionOptions: ['licence', 'transfer'],
  conversionDeadline: addDays(today, deadlineIn),
  conversionPrice: '800000.00',
  onDecline: 'stop_use',
});

let transferId: string;
let licenceId: string;
let equityId: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api, { displayName: '看板企业财务' });
  university = await registerUser(api, { displayName: '看板技术转移办公室' });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '看板履约经纪人' });
  const entOrg = await createOrg(api, enterprise, { verified: true });
  const uniOrg = await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江看板履约大学' } });
  parties = { buyer: { name: '湛江看板履约企业', creditCode: entOrg.creditCode }, seller: { name: '湛江看板履约大学', creditCode: uniOrg.creditCode } };
  // the need is a 海洋 (marine) need in 坡头 (potou): the contracts' industry and county
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg.id));
  achId = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg.id, { serviceInvention: false }));

  // 转让: the first instalment is 20 days late, 150,000 of it confirmed (105,000 to the inventors), 50,000 recorded but not confirmed.
  transferId = await sign(
    '看板转让合同',
    {
      model: 'transfer',
      price: '1000000.00',
      instalments: [
        { dueOn: addDays(today, -20), amount: '400000.00', label: '首期款' },
        { dueOn: addDays(today, 60), amount: '600000.00', label: '尾款' },
      ],
    },
    30,
    '1000000.00',
  );
  await pay(transferId, '首期款', '150000.00', addDays(today, -1), { inventorShare: '105000.00' });
  await pay(transferId, '首期款', '50000.00', today, null);
  // 许可: the entry fee is 10 days late, 20,000 of it confirmed today.
  licenceId = await sign(
    '看板许可合同',
    {
      model: 'licence',
      kind: 'exclusive',
      field: '对虾养殖尾水处理',
      territory: '广东省',
      termMonths: 36,
      entryFee: '50000.00',
      entryFeeDueOn: addDays(today, -10),
      stagedPayments: [{ milestone: '中试完成', dueOn: addDays(today, 90), amount: '100000.00' }],
      royalty: { rate: '3.5', base: 'sales', minimumAnnual: '20000.00', reportingPeriod: 'yearly' },
    },
    15,
    '300000.50',
  );
  await pay(licenceId, '入门费', '20000.00', today, {});
  // 先用后转: one converted, one returned, one past its deadline (the scan lapses it), one still running.
  const converted = await sign('看板试用甲', useFirst(40, 30, 60), 40, '0.00');
  expect((await trial(converted, { outcome: 'convert', model: 'transfer' })).status).toBe(200);
  const returned = await sign('看板试用乙', useFirst(40, 30, 60), 40, '0.00');
  expect((await trial(returned, { outcome: 'return' })).status).toBe(200);
  await sign('看板试用丙', useFirst(100, -50, -5), 100, '10000.00');
  await sign('看板试用丁', useFirst(5, 80, 120), 5, '0.00');
  // 作价入股
  equityId = await sign(
    '看板作价入股甲',
    {
      model: 'equity',
      valuation: '5000000.00',
      valuedBy: '广东某资产评估有限公司',
      sharePercent: '12.5',
      holder: 'holding_platform',
      holderName: '湛江成果转化持股平台',
      lockUpMonths: 24,
    },
    2,
    '5000000.00',
  );
  await sign('看板作价入股乙', { model: 'equity', valuation: '1234567.89', valuedBy: '协议作价', sharePercent: '3.33', holder: 'university', lockUpMonths: 0 }, 1, '1234567.89');

  // The fulfilment scan, on a real worker: late money lines become overdue, the passed deadline lapses its trial.
  worker = await startTestWorker(api, { DEALS_FULFILMENT_SCAN_MS: '300' });
  await eventually(
    'scan marked the lines',
    async () => {
      const r = await api.db.query(
        `SELECT (SELECT count(*)::int FROM contract_schedule_item WHERE status = 'overdue' AND kind IN ('instalment', 'entry_fee')) AS overdue,
                (SELECT count(*)::int FROM contract_registration WHERE trial_outcome = 'lapsed') AS lapsed`,
      );
      return r.rows[0].overdue === 2 && r.rows[0].lapsed === 1;
    },
    20_000,
  );
}, 90_000);
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('dashboard: contract fulfilment', () => {
  it('sets contracted value (by signing day) against confirmed payments and the inventors’ share, per quarter of the year', async () => {
    const d = await dashboard();
    // exactly the declared schema, now that there are figures to declare
    const spec = loadSpec();
    expect(validate(spec, responseSchema(operationOf(spec, 'GET', '/api/admin/dashboard'), 200) as object, d)).toEqual([]);
    const f = d.fulfilment;
    expect(f.year).toBe(year);
    expect(f.quarters.map((q: { quarter: string }) => q.quarter)).toEqual([1, 2, 3, 4].map((n) => `${year}Q${n}`));
    // Independently from what this test signed and paid.
    const payments = [
      { amount: '150000.00', share: '105000.00', paidOn: addDays(today, -1) },
      { amount: '20000.00', share: '0.00', paidOn: today },
    ];
    for (const q of f.quarters) {
      const mine = signed.filter((s) => quarterOfDay(s.signedOn) === q.quarter);
      const paid = payments.filter((p) => quarterOfDay(p.paidOn) === q.quarter);
      expect(q).toEqual({
        quarter: q.quarter,
        contracts: mine.length,
        contracted: sumAmounts(mine.map((s) => s.total)),
        received: sumAmounts(paid.map((p) => p.amount)),
        inventorShare: sumAmounts(paid.map((p) => p.share)),
      });
    }
    const all = f.quarters.reduce((n: number, q: { contracts: number }) => n + q.contracts, 0);
    expect(all).toBe(signed.filter((s) => s.signedOn.startsWith(String(year))).length);
    // the recorded but unconfirmed 50,000 is not received
    expect(sumAmounts(f.quarters.map((q: { received: string }) => q.received))).toBe(sumAmounts(payments.filter((p) => p.paidOn.startsWith(String(year))).map((p) => p.amount)));
  });

  it('counts the overdue money lines with what is still owed (less confirmed payments only), longest overdue first', async () => {
    const { overdue } = (await dashboard()).fulfilment;
    expect(overdue).toEqual({
      count: 2,
      // 400,000 − 150,000 confirmed (the 50,000 awaiting confirmation is still owed) + 50,000 − 20,000
      outstanding: '280000.00',
      lines: [
        { dealId: transferId, dealTitle: '看板转让合同', label: '首期款', dueOn: addDays(today, -20), outstanding: '250000.00' },
        { dealId: licenceId, dealTitle: '看板许可合同', label: '入门费', dueOn: addDays(today, -10), outstanding: '30000.00' },
      ],
    });
  });

  it('counts the 先用后转 trials by outcome, with the conversion rate over the decided ones', async () => {
    const { trials } = (await dashboard()).fulfilment;
    expect(trials).toEqual({ started: 4, converted: 1, returned: 1, lapsed: 1, running: 1, conversionRate: 33.3 });
    // the deal opened on conversion is not signed: it is not a contract yet
    expect((await dashboard()).fulfilment.byModel.find((m: { model: string }) => m.model === 'transfer').contracts).toBe(1);
  });

  it('lists the 作价入股 contracts with their valuations added up, and the contracts per transfer model', async () => {
    const f = (await dashboard()).fulfilment;
    expect(f.equity.count).toBe(2);
    expect(f.equity.valuation).toBe('6234567.89');
    expect(f.equity.deals).toEqual([
      {
        dealId: signed.find((s) => s.title === '看板作价入股乙')?.id,
        dealTitle: '看板作价入股乙',
        signedOn: addDays(today, -1),
        valuation: '1234567.89',
        sharePercent: '3.33',
        holder: 'university',
        holderName: null,
        valuedBy: '协议作价',
      },
      {
        dealId: equityId,
        dealTitle: '看板作价入股甲',
        signedOn: addDays(today, -2),
        valuation: '5000000.00',
        sharePercent: '12.50',
        holder: 'holding_platform',
        holderName: '湛江成果转化持股平台',
        valuedBy: '广东某资产评估有限公司',
      },
    ]);
    const expected = ['transfer', 'licence', 'use_first', 'equity'].map((model) => {
      const mine = signed.filter((s) => s.model === model);
      return { model, contracts: mine.length, value: sumAmounts(mine.map((s) => s.total)) };
    });
    expect(f.byModel).toEqual(expected);
    expect(expected.map((e) => e.contracts)).toEqual([1, 1, 4, 2]);
  });

  it('applies the industry and county filters, and the chosen quarter’s year', async () => {
    const same = (await dashboard('?industry=marine&region=potou')).fulfilment;
    expect(same.overdue.count).toBe(2);
    expect(same.trials.started).toBe(4);
    const other = (await dashboard('?region=xuwen')).fulfilment;
    expect(other.overdue).toEqual({ count: 0, outstanding: '0.00', lines: [] });
    expect(other.trials).toEqual({ started: 0, converted: 0, returned: 0, lapsed: 0, running: 0, conversionRate: null });
    expect(other.equity).toEqual({ count: 0, valuation: '0.00', deals: [] });
    expect(other.quarters.every((q: { contracts: number; received: string }) => q.contracts === 0 && q.received === '0.00')).toBe(true);
    const inYear = (await dashboard(`?quarter=${quarter}`)).fulfilment;
    expect(inYear.period).toBe(year);
    expect(inYear.equity.count).toBe(signed.filter((s) => s.model === 'equity' && s.signedOn.startsWith(String(year))).length);
    const longAgo = (await dashboard('?quarter=2001Q1')).fulfilment;
    expect(longAgo.trials.started).toBe(0);
    expect(longAgo.quarters.map((q: { quarter: string }) => q.quarter)).toEqual(['2001Q1', '2001Q2', '2001Q3', '2001Q4']);
  });
});

describe('dashboard: fulfilment exports (.xlsx)', () => {
  it('exports contracted against received with the API’s exact amounts and Chinese headers', async () => {
    const d = await dashboard(`?quarter=${quarter}`);
    const rows = await readXlsx(`/api/admin/dashboard/export/fulfilment?quarter=${quarter}`);
    expect(rows[0]).toEqual(['季度', '签订合同数', '合同金额（元）', '实际到账（元）', '其中奖酬（元）']);
    expect(rows.slice(1)).toEqual(
      d.fulfilment.quarters.map((q: { quarter: string; contracts: number; contracted: string; received: string; inventorShare: string }) => [
        q.quarter,
        q.contracts,
        q.contracted,
        q.received,
        q.inventorShare,
      ]),
    );
  });

  it('exports the overdue lines, the trials, the equity contracts and the models', async () => {
    const overdue = await readXlsx('/api/admin/dashboard/export/overdue');
    expect(overdue).toEqual([
      ['对接', '履约事项', '到期日', '未付金额（元）'],
      ['看板转让合同', '首期款', addDays(today, -20), '250000.00'],
      ['看板许可合同', '入门费', addDays(today, -10), '30000.00'],
      ['合计', '2 项', '', '280000.00'],
    ]);
    const trials = await readXlsx('/api/admin/dashboard/export/trials');
    expect(trials).toEqual([
      ['期间', '试用合同', '已转化', '已退回', '逾期未决', '试用中', '转化率%'],
      ['全部', 4, 1, 1, 1, 1, 33.3],
    ]);
    const equity = await readXlsx('/api/admin/dashboard/export/equity');
    expect(equity[0]).toEqual(['对接', '签订日期', '作价金额（元）', '持股比例%', '持股方', '评估机构或作价方式']);
    expect(equity).toContainEqual(['看板作价入股甲', addDays(today, -2), '5000000.00', '12.50', '持股平台（湛江成果转化持股平台）', '广东某资产评估有限公司']);
    expect(equity[equity.length - 1]).toEqual(['合计', '2 项', '6234567.89', '', '', '']);
    const models = await readXlsx('/api/admin/dashboard/export/models');
    expect(models.map((r) => [r[0], r[1]])).toEqual([
      ['转化方式', '合同数'],
      ['转让', 1],
      ['许可', 1],
      ['先用后转', 4],
      ['作价入股', 2],
    ]);
    expect(models[2]?.[2]).toBe('300000.50');
    const audit = await api.db.query(`SELECT array_agg(target_id ORDER BY id) AS charts FROM audit_log WHERE action = 'data.exported' AND target_type = 'dashboard'`);
    expect(audit.rows[0].charts).toEqual(expect.arrayContaining(['overdue', 'trials', 'equity', 'models']));
  });
});

describe('quarterly report', () => {
  it('freezes the quarter’s fulfilment figures with the PDF', async () => {
    const outcome = await api.app.get(ReportService).run(quarter);
    expect(outcome.status).toBe('success');
    const row = (await api.db.query(`SELECT figures FROM quarterly_report WHERE quarter = $1`, [quarter])).rows[0];
    const f = row.figures.dashboard.fulfilment;
    const live = (await dashboard(`?quarter=${quarter}`)).fulfilment;
    expect(f.quarters).toEqual(live.quarters);
    expect(f.overdue).toEqual(live.overdue);
    expect(f.trials).toEqual(live.trials);
    expect(f.equity.valuation).toBe(live.equity.valuation);
    const pdf = await fetch(`${api.url}/api/admin/reports/${quarter}/pdf`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

describe('registration sheet', () => {
  async function sheet(dealId: string): Promise<{ pairs: Map<string, string>; rows: string[][] }> {
    const res = await fetch(`${api.url}/api/deals/${dealId}/contract/sheet`, { headers: { authorization: `Bearer ${broker.token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    (wb.worksheets[0] as ExcelJS.Worksheet).eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return { pairs: new Map(rows.map((r) => [r[0] as string, r[1] ?? ''])), rows };
  }

  it('carries the licence terms and the schedule lines with their state', async () => {
    const { pairs, rows } = await sheet(licenceId);
    expect(pairs.get('合同名称')).toBe('看板许可合同');
    expect(pairs.get('转化方式')).toBe('许可');
    expect(pairs.get('许可方式')).toBe('独占许可');
    expect(pairs.get('许可实施领域')).toBe('对虾养殖尾水处理');
    expect(pairs.get('许可地域')).toBe('广东省');
    expect(pairs.get('许可期限（月）')).toBe('36');
    expect(pairs.get('入门费（元）')).toBe('50000.00');
    expect(pairs.get('提成比例（%）')).toBe('3.5');
    expect(pairs.get('提成基数')).toBe('销售额');
    expect(pairs.get('年度最低提成（元）')).toBe('20000.00');
    expect(pairs.get('里程碑付款')).toBe(`中试完成：${addDays(today, 90)} 100000.00 元`);
    const header = rows.findIndex((r) => r[0] === '事项');
    expect(rows[header]).toEqual(['事项', '到期日', '金额（元）', '类型', '状态']);
    const lines = rows.slice(header + 1);
    const fee = lines.find((r) => r[0]?.endsWith('. 入门费'));
    expect(fee).toEqual([expect.stringMatching(/^\d+\. 入门费$/), addDays(today, -10), '50000.00', '入门费', '已逾期']);
    expect(lines.length).toBe((await schedule(licenceId)).length);
  });

  it('carries the transfer’s price and instalments, and the equity terms', async () => {
    const t = (await sheet(transferId)).pairs;
    expect(t.get('转化方式')).toBe('转让');
    expect(t.get('转让价款（元）')).toBe('1000000.00');
    expect(t.get('分期付款')).toBe(`第1期 ${addDays(today, -20)} 400000.00 元（首期款）；第2期 ${addDays(today, 60)} 600000.00 元（尾款）`);
    const e = (await sheet(equityId)).pairs;
    expect(e.get('转化方式')).toBe('作价入股');
    expect(e.get('作价金额（元）')).toBe('5000000.00');
    expect(e.get('持股比例（%）')).toBe('12.5');
    expect(e.get('持股方')).toBe('持股平台（湛江成果转化持股平台）');
    expect(e.get('评估机构或作价方式')).toBe('广东某资产评估有限公司');
    expect(e.get('锁定期（月）')).toBe('24');
  });

  it('carries the 先用后转 trial dates, conversion options and deadline, and how the trial ended', async () => {
    const id = signed.find((s) => s.title === '看板试用丙')?.id as string;
    const u = (await sheet(id)).pairs;
    expect(u.get('转化方式')).toBe('先用后转');
    expect(u.get('试用期开始')).toBe(addDays(today, -100));
    expect(u.get('试用期结束')).toBe(addDays(today, -50));
    expect(u.get('可转为')).toBe('许可、转让');
    expect(u.get('转化截止日期')).toBe(addDays(today, -5));
    expect(u.get('约定的转化价款（元）')).toBe('800000.00');
    expect(u.get('不转化时')).toBe('停止使用');
    expect(u.get('试用结果')).toBe('转化截止日已过，未作决定');
  });
});
