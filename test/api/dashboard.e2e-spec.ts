import { PlatformRole } from '@ztt/contracts';
import ExcelJS from 'exceljs';
import { createOrg, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let broker: TestUser;
let enterpriseOrg: string;
let universityOrg: string;
const now = new Date(Date.now() + 8 * 3_600_000);
const year = now.getUTCFullYear();
const quarter = `${year}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
const today = now.toISOString().slice(0, 10);

async function insertItem(table: 'tech_need' | 'achievement', o: { chains: string[]; region: string; trl: number; status?: string }): Promise<string> {
  const extra = table === 'tech_need' ? { col: 'category', val: 'core' } : { col: 'maturity_stage', val: 'pilot' };
  const industries = [...new Set(o.chains.map((c) => c.split('.')[0]))];
  const res = await api.db.query(
    `INSERT INTO ${table} (owner_org_id, title, summary, chains, industries, region, trl, contact_name, status, published_at, ${extra.col})
     VALUES ($1, '看板测试', '看板测试摘要', $2, $3, $4, $5, '联系人', $6, CASE WHEN $6 = 'published' THEN now() END, $7) RETURNING id`,
    [table === 'tech_need' ? enterpriseOrg : universityOrg, o.chains, industries, o.region, o.trl, o.status ?? 'published', extra.val],
  );
  return res.rows[0].id;
}

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

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '看板经纪人' });
  const ent = await registerUser(api);
  const uni = await registerUser(api);
  enterpriseOrg = (await createOrg(api, ent, { verified: true })).id;
  universityOrg = (await createOrg(api, uni, { verified: true, input: { type: 'university', name: '看板测试大学' } })).id;

  // Catalogue: published needs and achievements across chains, counties and TRLs, plus a draft that never counts.
  const needs = [
    await insertItem('tech_need', { chains: ['marine.ranching'], region: 'potou', trl: 6 }),
    await insertItem('tech_need', { chains: ['marine.ranching', 'food.processing'], region: 'potou', trl: 4 }),
    await insertItem('tech_need', { chains: ['steel.recycling'], region: 'zetdz', trl: 7 }),
    await insertItem('tech_need', { chains: ['energy.wind'], region: 'xuwen', trl: 5 }),
  ];
  // Matches count whatever the need's status is now.
  needs.push(await insertItem('tech_need', { chains: ['marine.ranching'], region: 'potou', trl: 6, status: 'draft' }));
  const achs = [
    await insertItem('achievement', { chains: ['marine.ranching'], region: 'mazhang', trl: 7 }),
    await insertItem('achievement', { chains: ['steel.recycling'], region: 'zetdz', trl: 8 }),
  ];

  // Ten matches this quarter: 2 proposed, 1 dismissed, 2 seen, 2 contacted, 3 became deals.
  const statuses = ['proposed', 'proposed', 'dismissed', 'seen', 'seen', 'contacted', 'contacted', 'deal', 'deal', 'deal'];
  const pairs = needs.flatMap((n) => achs.map((a) => [n, a]));
  const matchIds: string[] = [];
  for (const [i, status] of statuses.entries()) {
    const [n, a] = pairs[i] as [string, string];
    const r = await api.db.query(
      `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, status, dismiss_reason, source, broker_id)
       VALUES ($1, $2, 0.5, '{}', '{}', '测试', $3, $4, 'publication', $5) RETURNING id`,
      [n, a, status, status === 'dismissed' ? 'irrelevant' : null, broker.id],
    );
    matchIds.push(r.rows[0].id);
  }
  const deal = async (matchId: string, stage: string, events: string[]) => {
    const r = await api.db.query(`INSERT INTO deal (title, match_id, demand_org_id, supply_org_id, lead_broker_id, stage) VALUES ('看板对接', $1, $2, $3, $4, $5) RETURNING id`, [
      matchId,
      enterpriseOrg,
      universityOrg,
      broker.id,
      stage,
    ]);
    for (const to of events) await api.db.query(`INSERT INTO deal_event (deal_id, type, to_stage) VALUES ($1, 'stage', $2)`, [r.rows[0].id, to]);
    return r.rows[0].id as string;
  };
  await deal(matchIds[7] as string, 'negotiating', ['contacted', 'negotiating']);
  await deal(matchIds[8] as string, 'signed', ['signed']);
  const registered = await deal(matchIds[9] as string, 'registered', ['signed', 'registered']);
  const contract = async (dealId: string, on: string, total: string, tech: string, no: string) =>
    api.db.query(
      `INSERT INTO contract_registration (deal_id, contract_name, contract_type, contract_subtype, buyer_name, buyer_credit_code, seller_name, seller_credit_code,
         signed_on, period_start, period_end, total_amount, tech_amount, payment_terms, registration_number, registered_on)
       VALUES ($1, '技术开发合同', 'dev', 'dev.commissioned', '甲方', '91440800MA00000001', '乙方', '12440000MA00000002', $2, $2, $2, $3, $4, '一次付清', $5, $2)`,
      [dealId, on, total, tech, no],
    );
  await contract(registered, today, '1234567.89', '1000000.00', `DASH-${Date.now()}`);
  // Registered earlier in the year, from a deal outside the funnel.
  const early = (
    await api.db.query(`INSERT INTO deal (title, demand_org_id, supply_org_id, lead_broker_id, stage) VALUES ('早先的对接', $1, $2, $3, 'registered') RETURNING id`, [
      enterpriseOrg,
      universityOrg,
      broker.id,
    ])
  ).rows[0].id;
  await contract(early, `${year}-01-15`, '100.10', '100.10', `DASH-EARLY-${Date.now()}`);
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('dashboard figures', () => {
  it('counts published needs and achievements by industry, county and TRL as the database does', async () => {
    const res = await api.call('GET', '/api/admin/dashboard', { token: admin.token });
    expect(res.status).toBe(200);
    const ind = (await api.db.query(`SELECT i AS key, count(*)::int AS n FROM tech_need, unnest(industries) i WHERE status = 'published' GROUP BY i`)).rows;
    for (const r of ind) expect(res.body.byIndustry.find((x: { key: string }) => x.key === r.key).needs).toBe(r.n);
    expect(res.body.byIndustry.map((x: { key: string }) => x.key).slice(0, 5)).toEqual(['petrochem', 'steel', 'energy', 'food', 'marine']);
    expect(res.body.byIndustry.find((x: { key: string }) => x.key === 'marine')).toEqual({ key: 'marine', needs: 2, achievements: 1, challenges: 0 });
    expect(res.body.byRegion.find((x: { key: string }) => x.key === 'potou')).toMatchObject({ needs: 2, achievements: 0 });
    expect(res.body.byTrl.find((x: { key: string }) => x.key === '7')).toMatchObject({ needs: 1, achievements: 1 });
    const cell = res.body.heatmap.find((c: { chain: string; region: string }) => c.chain === 'marine.ranching' && c.region === 'potou');
    expect(cell).toEqual({ chain: 'marine.ranching', region: 'potou', needs: 2, achievements: 0, gap: 2 });
  });

  it('filters by industry and county', async () => {
    const res = await api.call('GET', '/api/admin/dashboard?industry=steel&region=zetdz', { token: admin.token });
    expect(res.body.byIndustry).toEqual([{ key: 'steel', needs: 1, achievements: 1, challenges: 0 }]);
    expect(res.body.heatmap.every((c: { chain: string }) => c.chain.startsWith('steel.'))).toBe(true);
    const bad = await api.call('GET', '/api/admin/dashboard?region=atlantis', { token: admin.token });
    expect(bad.status).toBe(400);
  });

  it('computes the matching funnel and its conversion rates from the seeded matches and deals', async () => {
    const res = await api.call('GET', `/api/admin/dashboard?quarter=${quarter}`, { token: admin.token });
    const q = res.body.funnel.find((f: { quarter: string }) => f.quarter === quarter);
    // Independently: statuses and deal stages straight from the tables.
    const m = (await api.db.query(`SELECT status, count(*)::int AS n FROM match GROUP BY status`)).rows as { status: string; n: number }[];
    const by = Object.fromEntries(m.map((r) => [r.status, r.n]));
    const deals = (await api.db.query(`SELECT count(*)::int AS n FROM deal WHERE match_id IS NOT NULL`)).rows[0].n;
    const signed = (
      await api.db.query(`SELECT count(DISTINCT d.id)::int AS n FROM deal d JOIN deal_event e ON e.deal_id = d.id WHERE d.match_id IS NOT NULL AND e.to_stage = 'signed'`)
    ).rows[0].n;
    const registered = (await api.db.query(`SELECT count(*)::int AS n FROM deal WHERE match_id IS NOT NULL AND stage = 'registered'`)).rows[0].n;
    const seen = (by.seen ?? 0) + (by.contacted ?? 0) + (by.deal ?? 0);
    const contacted = (by.contacted ?? 0) + (by.deal ?? 0);
    expect(q).toMatchObject({ matches: 10, seen, contacted, deals, signed, registered });
    expect([seen, contacted, deals, signed, registered]).toEqual([7, 5, 3, 2, 1]);
    expect(q.rates).toEqual({ seen: 70, contacted: 71.4, deals: 60, signed: 66.7, registered: 50 });
    expect(res.body.funnel).toHaveLength(4);
  });

  it('sums registered contract value per quarter, cumulative, against the target the admin sets', async () => {
    const bad = await api.call('PUT', '/api/admin/dashboard/contract-target', { token: admin.token, body: { year, amount: '-5' } });
    expect(bad.status).toBe(400);
    const set = await api.call('PUT', '/api/admin/dashboard/contract-target', { token: admin.token, body: { year, amount: '50000000.00' } });
    expect(set.status).toBe(200);
    const res = await api.call('GET', `/api/admin/dashboard?quarter=${quarter}`, { token: admin.token });
    const cv = res.body.contractValue;
    expect(cv.target).toBe('50000000.00');
    const q1 = cv.quarters[0];
    const mine = cv.quarters.find((x: { quarter: string }) => x.quarter === quarter);
    if (quarter.endsWith('Q1')) {
      expect(mine).toMatchObject({ contracts: 2, value: '1234667.99', cumulative: '1234667.99' });
    } else {
      expect(q1).toMatchObject({ contracts: 1, value: '100.10', techValue: '100.10' });
      expect(mine).toMatchObject({ contracts: 1, value: '1234567.89', techValue: '1000000.00', cumulative: '1234667.99' });
    }
    const independent = (await api.db.query(`SELECT sum(total_amount)::text AS s FROM contract_registration WHERE extract(year FROM registered_on) = $1`, [year])).rows[0].s;
    expect(cv.quarters[3].cumulative).toBe(independent);
  });

  it('counts only the contracts of the chosen industry or county (through the deal’s need, else its demand side)', async () => {
    const total = async (filter: string) => {
      const res = await api.call('GET', `/api/admin/dashboard?quarter=${quarter}&${filter}`, { token: admin.token });
      expect(res.status).toBe(200);
      const cv = res.body.contractValue;
      return { contracts: cv.quarters.reduce((n: number, q: { contracts: number }) => n + q.contracts, 0), value: cv.quarters[3].cumulative, target: cv.target };
    };
    // The registered deal came from a match on a 海洋 need in 坡头; the early one has no need, its demand side is in 霞山.
    expect(await total('industry=marine')).toEqual({ contracts: 1, value: '1234567.89', target: '50000000.00' });
    expect(await total('industry=steel')).toEqual({ contracts: 0, value: '0.00', target: '50000000.00' });
    expect(await total('region=potou')).toEqual({ contracts: 1, value: '1234567.89', target: '50000000.00' });
    expect(await total('region=xiashan')).toEqual({ contracts: 1, value: '100.10', target: '50000000.00' });
    expect(await total('industry=marine&region=xiashan')).toEqual({ contracts: 0, value: '0.00', target: '50000000.00' });
  });

  it('shows each broker’s figures', async () => {
    const res = await api.call('GET', '/api/admin/dashboard', { token: admin.token });
    expect(res.body.brokers).toEqual([{ brokerId: broker.id, name: '看板经纪人', matches: 10, contacted: 5, deals: 4, signed: 3, registered: 2, value: '1234667.99' }]);
  });
});

describe('.xlsx export', () => {
  it('opens and holds the same funnel numbers as the API', async () => {
    const api1 = await api.call('GET', `/api/admin/dashboard?quarter=${quarter}`, { token: admin.token });
    const rows = await readXlsx(`/api/admin/dashboard/export/funnel?quarter=${quarter}`);
    expect(rows[0]?.slice(0, 7)).toEqual(['季度', '匹配', '已查看', '已联系', '进入对接', '已签约', '已登记']);
    const line = rows.find((r) => r[0] === quarter) as (string | number)[];
    const f = api1.body.funnel.find((x: { quarter: string }) => x.quarter === quarter);
    expect(line).toEqual([
      quarter,
      f.matches,
      f.seen,
      f.contacted,
      f.deals,
      f.signed,
      f.registered,
      f.rates.seen,
      f.rates.contacted,
      f.rates.deals,
      f.rates.signed,
      f.rates.registered,
    ]);
  });

  it('exports contract value with exact amounts and the industry counts', async () => {
    const api1 = await api.call('GET', `/api/admin/dashboard?quarter=${quarter}`, { token: admin.token });
    const cv = await readXlsx(`/api/admin/dashboard/export/contract-value?quarter=${quarter}`);
    expect(cv.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual(
      api1.body.contractValue.quarters.map((q: { quarter: string; contracts: number; value: string; cumulative: string }) => [q.quarter, q.contracts, q.value, q.cumulative]),
    );
    const ind = await readXlsx('/api/admin/dashboard/export/industry');
    const all = await api.call('GET', '/api/admin/dashboard', { token: admin.token });
    expect(ind.find((r) => r[0] === '蓝色海洋')).toEqual(['蓝色海洋', 2, 1, 0]);
    expect(ind.length - 1).toBe(all.body.byIndustry.length);
    const audit = await api.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'data.exported' AND target_type = 'dashboard'`);
    expect(audit.rows[0].n).toBe(3);
  });

  it('answers 400 for an unknown chart', async () => {
    expect((await api.call('GET', '/api/admin/dashboard/export/secrets', { token: admin.token })).status).toBe(400);
  });
});

describe('public statistics', () => {
  it('answers anonymously with counts and no amounts', async () => {
    const res = await api.call('GET', '/api/public/stats');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ needs: 4, achievements: 2, challenges: 0, registeredContracts: 2 });
    expect(res.text).not.toContain('1234567.89');
    expect(res.body.byRegion.map((r: { key: string }) => r.key).sort()).toEqual(['mazhang', 'potou', 'xuwen', 'zetdz']);
  });
});
