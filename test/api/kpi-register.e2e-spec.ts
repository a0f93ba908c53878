import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromHundredths, hundredths, KpiActualView, kpiExpected, KpiIndicatorView, KpiRegister, PlatformRole, quarterOf } from '@ztt/contracts';
import { ReportService } from '@ztt/read-model';
import { createOrg, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';
import { PDF, uploadFile } from '../harness/world';

/*
 * The KPI register (规划指标, issue 17): the plan's indicators, yearly targets and county
 * allocations set by a platform admin, actuals entered with evidence (a correction supersedes),
 * computed actuals worked out from the platform's records, the status against the straight line
 * from the 2025 baseline to the 2030 target, and the quarterly report's KPI table.
 */

let api: TestApi;
let admin: TestUser;
let member: TestUser;
let demandOrg: string;
let supplyOrg: string;
let broker: TestUser;
const quarter = quarterOf(new Date());
const year = Number(quarter.slice(0, 4));
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function register(query = ''): Promise<KpiRegister> {
  const res = await api.call<KpiRegister>('GET', `/api/admin/kpis?quarter=${quarter}${query}`, { token: admin.token });
  expect(res.status).toBe(200);
  return res.body;
}
async function indicator(code: string, query = ''): Promise<KpiIndicatorView> {
  const found = (await register(query)).indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}
const enter = (code: string, fields: string, token = admin.token, file: Buffer | null = PDF) =>
  file
    ? uploadFile(api, token, `/api/admin/kpis/${code}/actuals?${fields}`, file, '高企认定名单.pdf')
    : api.call('POST', `/api/admin/kpis/${code}/actuals?${fields}`, { token, body: {} });

/** A registered technology contract of `total` 元, registered today, bought by the demand organisation (in 坡头区). */
async function registerContract(total: string): Promise<void> {
  const deal = await api.db.query(`INSERT INTO deal (title, demand_org_id, supply_org_id, lead_broker_id, stage) VALUES ('指标对接', $1, $2, $3, 'registered') RETURNING id`, [
    demandOrg,
    supplyOrg,
    broker.id,
  ]);
  await api.db.query(
    `INSERT INTO contract_registration (deal_id, contract_name, contract_type, contract_subtype, buyer_name, buyer_credit_code, seller_name, seller_credit_code,
       signed_on, period_start, period_end, total_amount, tech_amount, payment_terms, registration_number, registered_on)
     VALUES ($1, '技术开发合同', 'dev', 'dev.commissioned', '甲方', '91440800MA00000001', '乙方', '12440000MA00000002', $2, $2, $2, $3, $3, '一次付清', $4, $2)`,
    [deal.rows[0].id, today, total, `KPI-${Date.now()}-${Math.random()}`],
  );
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  member = await registerUser(api);
  broker = await registerUser(api, { roles: [PlatformRole.Broker] });
  demandOrg = (await createOrg(api, member, { verified: true, input: { region: 'potou' } })).id;
  supplyOrg = (await createOrg(api, await registerUser(api), { verified: true, input: { type: 'university', name: '指标测试大学', region: 'chikan' } })).id;
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('the plan’s indicators', () => {
  it('lists every indicator of the plan with its unit, 2025 baseline, 2030 target, kind, source and whether the platform computes it', async () => {
    const r = await register();
    expect(r.quarter).toBe(quarter);
    const byCode = new Map(r.indicators.map((i) => [i.code, i]));
    expect([...byCode.keys()]).toEqual([
      'contract-value',
      'high-tech-enterprises',
      'tech-smes',
      'pilot-platforms',
      'tech-brokers',
      'enterprise-participation',
      'enterprise-led',
      'county-coverage',
    ]);
    expect(byCode.get('contract-value')).toMatchObject({ name: '技术合同认定登记金额', unit: 'yuan', target2030: '200000000.00', computed: true, measure: 'annual' });
    expect(byCode.get('high-tech-enterprises')).toMatchObject({ name: '高新技术企业数', target2030: '500.00', computed: false, kind: 'expected' });
    expect(byCode.get('pilot-platforms')).toMatchObject({ target2030: '3.00', target2030Max: '5.00', computed: false });
    expect(byCode.get('enterprise-participation')).toMatchObject({ unit: 'percent', target2030: '70.00', kind: 'constraint', computed: true });
    expect(byCode.get('enterprise-led')).toMatchObject({ target2030: '50.00', computed: true });
    expect(byCode.get('tech-brokers')?.source).toBe('平台在职技术经纪人');
  });

  it('refuses a caller without the admin role, and a signed-out one, and changes nothing', async () => {
    expect((await api.call('GET', '/api/admin/kpis', { token: member.token })).status).toBe(403);
    expect((await api.call('GET', '/api/admin/kpis')).status).toBe(401);
    expect((await api.call('PUT', '/api/admin/kpis/tech-smes/targets/2026', { token: broker.token, body: { target: '140', allocations: [] } })).status).toBe(403);
    expect((await enter('tech-smes', `quarter=${quarter}&value=150`, member.token)).status).toBe(403);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM kpi_year_target WHERE code = 'tech-smes'`)).rows[0].n).toBe(0);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM kpi_actual`)).rows[0].n).toBe(0);
  });
});

describe('yearly targets and county allocations', () => {
  it('are set by a platform admin, shown in the register (by county too) and audited', async () => {
    const res = await api.call('PUT', `/api/admin/kpis/high-tech-enterprises/targets/${year}`, {
      token: admin.token,
      body: {
        target: '404',
        allocations: [
          { region: 'chikan', target: '60' },
          { region: 'xuwen', target: '20.5' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const ind = await indicator('high-tech-enterprises');
    expect(ind.yearTarget).toBe('404.00');
    expect(ind.allocations).toEqual([
      { region: 'chikan', target: '60.00' },
      { region: 'xuwen', target: '20.50' },
    ]);
    expect((await indicator('high-tech-enterprises', '&region=chikan')).county).toEqual({ region: 'chikan', allocation: '60.00', actual: null });
    const audit = await api.db.query(`SELECT actor_id, target_id, detail FROM audit_log WHERE action = 'kpi.target_set'`);
    expect(audit.rows).toEqual([{ actor_id: admin.id, target_id: `high-tech-enterprises:${year}`, detail: { target: '404', allocations: ['chikan=60', 'xuwen=20.5'] } }]);
  });

  it('refuse bad input with a Chinese message and leave the target as it was', async () => {
    const put = (path: string, body: unknown) => api.call('PUT', path, { token: admin.token, body });
    const negative = await put(`/api/admin/kpis/high-tech-enterprises/targets/${year}`, { target: '-5', allocations: [] });
    expect(negative.status).toBe(400);
    expect(negative.body.error.message).toBe('提交的内容有误，请检查后重试');
    expect(negative.body.error.details.map((d: { field: string }) => d.field)).toEqual(['target']);
    const outside = await put(`/api/admin/kpis/high-tech-enterprises/targets/${year}`, { target: '410', allocations: [{ region: 'gba', target: '1' }] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].message).toBe('取值不在允许范围内');
    expect((await put('/api/admin/kpis/high-tech-enterprises/targets/2031', { target: '410', allocations: [] })).status).toBe(400);
    expect((await put(`/api/admin/kpis/no-such-indicator/targets/${year}`, { target: '410', allocations: [] })).status).toBe(404);
    const share = await put(`/api/admin/kpis/enterprise-led/targets/${year}`, { target: '120', allocations: [] });
    expect(share.status).toBe(400);
    expect(share.body.error.details[0].message).toBe('不能大于 100');
    const ind = await indicator('high-tech-enterprises');
    expect(ind.yearTarget).toBe('404.00');
    expect(ind.allocations).toHaveLength(2);
  });
});

describe('entered actuals', () => {
  it('are entered per quarter with an evidence file, and a correction supersedes the entry while history keeps both', async () => {
    const first = await enter('high-tech-enterprises', `quarter=${quarter}&value=395`);
    expect(first.status).toBe(201);
    expect((await indicator('high-tech-enterprises')).actual).toBe('395.00');
    const fixed = await enter('high-tech-enterprises', `quarter=${quarter}&value=398&note=${encodeURIComponent('按认定名单更正')}`);
    expect(fixed.status).toBe(201);
    const ind = await indicator('high-tech-enterprises');
    expect(ind).toMatchObject({ actual: '398.00', actualQuarter: quarter });
    expect(ind.track.find((p) => p.quarter === quarter)?.actual).toBe('398.00');

    const history = await api.call<KpiActualView[]>('GET', '/api/admin/kpis/high-tech-enterprises/actuals', { token: admin.token });
    expect(history.body.map((a) => [a.value, a.note, a.supersededAt === null])).toEqual([
      ['398.00', '按认定名单更正', true],
      ['395.00', '', false],
    ]);
    expect(history.body[0]?.evidenceName).toBe('高企认定名单.pdf');
    const old = await api.db.query(`SELECT superseded_by FROM kpi_actual WHERE id = $1`, [first.body.id]);
    expect(old.rows[0].superseded_by).toBe(fixed.body.id);

    const file = await fetch(`${api.url}/api/admin/kpi-actuals/${fixed.body.id}/evidence`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${api.url}/api/admin/kpi-actuals/${fixed.body.id}/evidence`, { headers: { authorization: `Bearer ${member.token}` } })).status).toBe(403);

    const audit = await api.db.query(
      `SELECT target_id, detail->>'value' AS value, detail->>'supersedes' AS supersedes FROM audit_log WHERE action = 'kpi.actual_entered' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { target_id: first.body.id, value: '395', supersedes: null },
      { target_id: fixed.body.id, value: '398', supersedes: first.body.id },
    ]);
  });

  it('are entered per county, shown against the county’s allocation', async () => {
    expect((await enter('high-tech-enterprises', `quarter=${quarter}&value=57&region=chikan`)).status).toBe(201);
    expect((await indicator('high-tech-enterprises', '&region=chikan')).county).toEqual({ region: 'chikan', allocation: '60.00', actual: '57.00' });
    // the city's own figure stays the city's
    expect((await indicator('high-tech-enterprises')).actual).toBe('398.00');
  });

  it('refuse a computed indicator, a quarter not begun, a missing file or a bad value with a Chinese message, and store nothing', async () => {
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM kpi_actual`)).rows[0].n;
    const computed = await enter('contract-value', `quarter=${quarter}&value=1`);
    expect(computed.status).toBe(409);
    expect(computed.body.error).toMatchObject({ code: 'KPI_COMPUTED', message: '该指标由平台根据业务数据自动计算，不能手工填报' });
    const future = await enter('tech-smes', 'quarter=2030Q4&value=150');
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('KPI_QUARTER_NOT_STARTED');
    expect(future.body.error.message).toBe('只能填报规划期内已开始的季度（2026 年第一季度至今）');
    expect((await enter('tech-smes', 'quarter=2025Q4&value=150')).body.error.code).toBe('KPI_QUARTER_NOT_STARTED');
    const noFile = await enter('tech-smes', `quarter=${quarter}&value=150`, admin.token, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details[0]).toMatchObject({ field: 'file', message: '此项必填' });
    const bad = await enter('tech-smes', `quarter=${quarter}&value=${encodeURIComponent('一百五十')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['value']);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM kpi_actual`)).rows[0].n).toBe(before);
  });
});

describe('computed actuals and the status against the straight line', () => {
  it('takes the contract value from registered contracts (the dashboard’s figure), by county too, and judges it against the line', async () => {
    const expected = kpiExpected('150000000', '200000000', quarter, 'annual');
    const base = await indicator('contract-value');
    expect(base.expected).toBe(expected);
    expect(base.actual).toBe('0.00');
    expect(base.status).toBe('behind');

    // Half the expected value: behind.
    const half = fromHundredths(hundredths(expected) / 2n);
    await registerContract(half);
    let cv = await indicator('contract-value', '&region=potou');
    expect(cv).toMatchObject({ actual: half, status: 'behind' });
    expect(cv.county).toEqual({ region: 'potou', allocation: null, actual: half });
    const dashboard = await api.call<{ contractValue: { quarters: { quarter: string; cumulative: string }[] } }>('GET', `/api/admin/dashboard?quarter=${quarter}`, {
      token: admin.token,
    });
    expect(dashboard.body.contractValue.quarters.find((q) => q.quarter === quarter)?.cumulative).toBe(cv.actual);

    // Up to the expected value: on track.
    await registerContract(fromHundredths(hundredths(expected) - hundredths(half)));
    cv = await indicator('contract-value');
    expect(cv).toMatchObject({ actual: expected, status: 'on_track' });

    // A tenth more: ahead.
    await registerContract(fromHundredths(hundredths(expected) / 10n));
    expect((await indicator('contract-value')).status).toBe('ahead');
    // Another county's figure does not move.
    expect((await indicator('contract-value', '&region=xuwen')).county?.actual).toBe('0.00');
  });

  it('counts the certified, active brokers: a new broker counts once certified, an expired certificate or a disabled account does not', async () => {
    const before = Number((await indicator('tech-brokers')).actual);
    const extra = await registerUser(api, { roles: [PlatformRole.Broker] });
    expect(Number((await indicator('tech-brokers')).actual)).toBe(before);
    const certify = (expiresOn: string) =>
      api.call('PUT', `/api/admin/brokers/${extra.id}/certification`, {
        token: admin.token,
        body: { level: 'junior', certificateNo: 'ZJ-KPI-0001', issuedOn: `${year}-01-01`, expiresOn },
      });
    expect((await certify(`${year + 3}-12-31`)).status).toBe(200);
    expect(Number((await indicator('tech-brokers')).actual)).toBe(before + 1);
    expect((await certify(`${year}-01-02`)).status).toBe(200);
    expect(Number((await indicator('tech-brokers')).actual)).toBe(before);
    expect((await certify(`${year + 3}-12-31`)).status).toBe(200);
    await api.db.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [extra.id]);
    expect(Number((await indicator('tech-brokers')).actual)).toBe(before);
  });
});

describe('the quarterly report', () => {
  it('carries the KPI table: indicator, unit, baseline, the year’s target, the actual and its status', async () => {
    const outcome = await api.app.get(ReportService).run(quarter);
    expect(outcome.status).toBe('success');
    const res = await fetch(`${api.url}/api/admin/reports/${quarter}/pdf`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'kpi-report-'));
    try {
      const file = join(dir, 'report.pdf');
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      // pdftotext (poppler-utils) reads the text back out of the glyphs; -layout keeps each table row on one line.
      const { stdout } = await promisify(execFile)('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
      expect(stdout).toContain(`规划指标完成情况（截至 ${quarter} 末）`);
      const line = (name: string) => stdout.split('\n').find((l) => l.includes(name)) ?? '';
      expect(line('高新技术企业数').split(/\s+/).filter(Boolean)).toEqual(['高新技术企业数', '家', '380', '404', '398', expect.stringMatching(/^(超前|正常|滞后)（[\d.]+）$/)]);
      expect(line('技术合同认定登记金额')).toContain('万元');
      expect(line('技术合同认定登记金额')).toContain('超前');
      expect(line('概念验证和中试平台数')).toContain('无数据');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
