import { TestUser } from '../harness/builders';
import { LiveRoute, liveRoutes } from '../harness/routes';
import { startTestApi, TestApi } from '../harness/test-app';
import { buildWorld, fill, Params, PDF, snapshotTables, uploadFile, World, worldParams } from '../harness/world';

/*
 * docs/security.md #1, generalised: every route with a path parameter, read from the LIVE route table,
 * called by outsiders — a member of an uninvolved organisation C and a broker Y who was handed
 * nothing — with the ids of A's, B's and broker X's records. Policy (docs/domain.md): another party's
 * record looks exactly like a missing one (404); routes behind a platform role answer 403 to
 * callers without it (function-level, before any lookup); public reads are public by design.
 */

let api: TestApi;
let w: World;
beforeAll(async () => {
  api = await startTestApi();
  w = await buildWorld(api);
}, 120_000);
afterAll(() => api?.close());

/** Routes open to any signed-in caller on a published record, by design (docs/domain.md): checked apart, with their effect. */
const OPEN_BY_DESIGN = new Set([
  'POST /api/orgs/:id/join-requests', // anyone may ask to join an organisation; its admins decide
  'POST /api/needs/:id/disclosure-requests', // any organisation may ask for a published item's details; the owner decides
  'POST /api/achievements/:id/disclosure-requests',
  'POST /api/challenges/:id/applications', // a published challenge is open to every eligible team
  'POST /api/challenges/:id/objections', // anyone may object during the public notice period
]);

/** Public reads (platform.e2e-spec.ts PUBLIC): the published record is for everyone; its confidential part is not. */
const PUBLIC_READS = new Set([
  'GET /api/orgs/:id',
  'GET /api/needs/:id',
  'GET /api/achievements/:id',
  'GET /api/challenges/:id',
  'GET /api/challenges/:id/notice',
  'GET /api/brokers/:id',
  'GET /api/counties/:code',
  'GET /api/capacity/providers/:id',
  'GET /api/capacity/instruments/:id',
]);

/** The policy: what an outsider gets from each route. */
function expectedDenial(r: LiveRoute): number {
  if (r.path.startsWith('/api/admin/')) return 403; // platform admins only (RequireRoles)
  if (r.path.startsWith('/api/review/')) return 403; // reviewers only (RequireRoles)
  if (r.path.startsWith('/api/commissioner/')) return 403; // 科技特派员 only (RequireRoles)
  if (r.path.startsWith('/api/county/')) return 403; // 县区科技管理人员 only (RequireRoles); their own county's records only, else 404 (counties.e2e-spec)
  return 404; // another party's record answers like a missing one
}

type Body = { json: unknown } | { multipart: true } | undefined;
const versionOf = async (table: string, id: string) => (await api.db.query(`SELECT version FROM ${table} WHERE id = $1`, [id])).rows[0].version as number;

/**
 * A body valid in every way but access, for each write route that takes one — so that the
 * validation pipe never answers before the access check does. Routes behind a platform role are
 * refused by the guard before any body is read.
 */
const BODIES: Record<string, (w: World, caller: TestUser) => Promise<Body>> = {
  'PATCH /api/orgs/:id': async (w) => ({ json: { description: '越权修改', version: await versionOf('organisation', w.orgA) } }),
  'POST /api/orgs/:id/verification': async () => undefined,
  'POST /api/deals/:id/broker-rating': async () => ({ json: { score: 5, comment: '越权评价' } }),
  'PUT /api/orgs/:id/brokers/:userId': async () => undefined,
  'DELETE /api/orgs/:id/brokers/:userId': async () => undefined,
  'POST /api/orgs/:id/members/:userId/decision': async () => ({ json: { decision: 'approve' } }),
  'PATCH /api/orgs/:id/members/:userId': async () => ({ json: { role: 'member' } }),
  'PATCH /api/needs/:id': async (w) => ({ json: { title: '越权修改的需求标题', version: await versionOf('tech_need', w.needA) } }),
  'POST /api/needs/:id/submit': async () => undefined,
  'POST /api/needs/:id/withdraw': async () => undefined,
  'POST /api/needs/:id/close': async () => undefined,
  'POST /api/needs/:id/attachments': async () => ({ multipart: true }),
  'POST /api/needs/:id/matches/refresh': async () => undefined,
  'PATCH /api/achievements/:id': async (w) => ({ json: { title: '越权修改的成果标题', version: await versionOf('achievement', w.achB) } }),
  'POST /api/achievements/:id/submit': async () => undefined,
  'POST /api/achievements/:id/withdraw': async () => undefined,
  'POST /api/achievements/:id/close': async () => undefined,
  'POST /api/achievements/:id/attachments': async () => ({ multipart: true }),
  'POST /api/achievements/:id/matches/refresh': async () => undefined,
  'POST /api/disclosure-requests/:id/decision': async () => ({ json: { decision: 'grant' } }),
  'PATCH /api/matches/:id': async () => ({ json: { status: 'dismissed', dismissReason: 'other' } }),
  'PUT /api/matches/:id/feedback': async () => ({ json: { verdict: 'useful' } }),
  'PATCH /api/challenges/:id': async (w) => ({ json: { title: '越权修改的榜单标题', version: await versionOf('challenge', w.challenge) } }),
  'POST /api/challenges/:id/submit': async () => undefined,
  'PATCH /api/challenge-applications/:id': async (w) => ({ json: { schedule: '越权修改', version: await versionOf('challenge_application', w.application) } }),
  'POST /api/challenge-applications/:id/withdraw': async () => undefined,
  'POST /api/challenge-applications/:id/attachments': async () => ({ multipart: true }),
  'POST /api/challenge-applications/:id/eliminate': async () => ({ json: { reason: '越权淘汰' } }),
  'POST /api/challenge-milestones/:id/submit': async () => ({ json: { report: '越权提交', indicatorResults: [{ indicator: 0, value: '17 级' }] } }),
  'POST /api/challenge-milestones/:id/files': async () => ({ multipart: true }),
  'POST /api/challenge-milestones/:id/review': async () => ({ json: { decision: 'accepted', comment: '越权验收' } }),
  'PATCH /api/deals/:id': async (w) => ({ json: { nextStep: '越权修改', version: await versionOf('deal', w.deal) } }),
  'POST /api/deals/:id/stage': async (w) => ({ json: { to: 'contacted', version: await versionOf('deal', w.deal) } }),
  'POST /api/deals/:id/notes': async () => ({ json: { body: '越权备注' } }),
  'POST /api/deals/:id/tasks': async () => ({ json: { title: '越权任务', dueAt: new Date(Date.now() + 86_400_000).toISOString() } }),
  'POST /api/deals/:id/tasks/:taskId/done': async () => undefined,
  'POST /api/deals/:id/documents': async () => ({ multipart: true }),
  'POST /api/deals/:id/messages': async () => ({ json: { body: '越权消息', audience: 'both' } }),
  'PUT /api/deals/:id/contract': async (w) => ({
    json: {
      contractName: '越权合同',
      contractType: 'consulting',
      contractSubtype: 'consulting',
      buyer: { name: '甲方', creditCode: (await api.db.query('SELECT credit_code FROM organisation WHERE id = $1', [w.orgA])).rows[0].credit_code },
      seller: { name: '乙方', creditCode: (await api.db.query('SELECT credit_code FROM organisation WHERE id = $1', [w.orgB])).rows[0].credit_code },
      signedOn: '2026-11-20',
      periodStart: '2026-12-01',
      periodEnd: '2027-11-30',
      totalAmount: '1000.00',
      techAmount: '1000.00',
      paymentTerms: '一次付清',
    },
  }),
  'PUT /api/deals/:id/commission': async () => ({ json: { kind: 'percentage', rate: '3.5' } }),
  'POST /api/deals/:id/approval': async () => ({ json: { noticeDays: 5 } }),
  'POST /api/approvals/:id/decision': async () => ({ json: { decision: 'approve', comment: '越权审批' } }),
  'POST /api/deals/:id/payments': async (w) => ({ json: { scheduleItemId: w.scheduleItem, amount: '1.00', paidOn: '2026-12-01' } }),
  'POST /api/deals/:id/payments/:paymentId/decision': async () => ({ json: { decision: 'confirm', inventorShare: '1.00' } }),
  'POST /api/deals/:id/royalty-reports': async (w) => ({ json: { scheduleItemId: w.scheduleItem, baseAmount: '1.00' } }),
  'POST /api/deals/:id/royalty-reports/:reportId/decision': async () => ({ json: { decision: 'accept' } }),
  'POST /api/deals/:id/trial': async () => ({ json: { outcome: 'return' } }),
  'POST /api/orgs/:orgId/import/:kind': async () => ({ multipart: true }),
  'POST /api/notifications/:id/read': async () => undefined,
  'POST /api/service-logs/:id/confirmation': async () => ({ json: { rating: 5, comment: '越权确认' } }),
  'DELETE /api/orgs/:id/members/:userId': async () => undefined,
  'DELETE /api/attachments/:id': async () => undefined,
  'POST /api/needs/:id/consultations': async () => ({ json: { question: '越权咨询' } }),
  'POST /api/deals/:id/consultations': async () => ({ json: { question: '越权咨询' } }),
  'POST /api/consultations/:id/accept': async () => ({ json: {} }),
  'POST /api/consultations/:id/answer': async () => ({ json: { answer: '越权答复' } }),
  'POST /api/consultations/:id/decline': async () => ({ json: { reason: '越权拒绝' } }),
  'PUT /api/financing-requests/:id': async (w) => ({
    json: {
      achievementId: w.achA,
      title: '越权修改',
      summary: '',
      amount: '1.00',
      instrument: 'loan',
      stage: 'seed',
      useOfFunds: '',
      version: (await api.db.query('SELECT version FROM financing_request WHERE id = $1', [w.financingRequest])).rows[0].version,
    },
  }),
  'POST /api/financing-requests/:id/publish': async () => undefined,
  'POST /api/financing-requests/:id/withdraw': async () => undefined,
  'POST /api/financing-requests/:id/interests': async () => ({ json: { note: '越权意向' } }),
  'POST /api/financing-requests/:id/interests/:interestId/deal': async () => ({ json: {} }),
  'POST /api/financing-requests/:id/disclosures': async () => undefined,
  'POST /api/financing-requests/:id/disclosures/:disclosureId/decision': async () => ({ json: { decision: 'grant' } }),
  'PUT /api/financing-requests/:id/watch': async () => undefined,
  'DELETE /api/financing-requests/:id/watch': async () => undefined,
  'POST /api/financing-requests/:id/referrals': async (w) => ({ json: { programme: 'risk_compensation_pool', bankOrgId: w.orgB, consent: true } }),
  'POST /api/financing-referrals/:id/decide': async () => ({ json: { decision: 'accept', note: '越权受理' } }),
  'PUT /api/roadshows/:id': async (w) => ({
    json: {
      title: '越权修改',
      startsAt: '2027-01-01T02:00:00.000Z',
      place: '越权地点',
      chains: [],
      requestIds: [w.financingRequest],
      investorOrgIds: [],
      version: (await api.db.query('SELECT version FROM roadshow WHERE id = $1', [w.roadshow])).rows[0].version,
    },
  }),
  'POST /api/roadshows/:id/publish': async () => undefined,
  'POST /api/roadshows/:id/hold': async () => undefined,
  'POST /api/roadshows/:id/cancel': async () => undefined,
  'POST /api/roadshows/:id/projects/:requestId/answer': async () => ({ json: { accept: true } }),
  'POST /api/roadshows/:id/signups': async () => ({ json: {} }),
  'POST /api/roadshows/:id/follow-ups': async (w) => ({ json: { investorOrgId: w.orgB, requestId: w.financingRequest, note: '越权跟进' } }),
  'PUT /api/capacity/providers/:id': async (w) => ({
    json: {
      orgId: w.orgA,
      kind: 'pilot_base',
      name: '越权修改',
      capabilities: '',
      tags: [],
      chains: [],
      trlMin: 4,
      trlMax: 7,
      scale: '',
      batchSize: '',
      priceBasis: 'negotiable',
      contactName: '',
      contactPhone: '',
      contactEmail: '',
      region: 'mazhang',
      address: '',
    },
  }),
  'PUT /api/capacity/instruments/:id': async (w) => ({
    json: {
      orgId: w.orgA,
      name: '越权修改',
      model: '',
      maker: '',
      capabilities: '',
      tags: [],
      location: '',
      hourlyRate: '1.00',
      openingHours: [null, null, null, null, null, null, null],
      minHours: 1,
      maxHours: 2,
      slotMinutes: 30,
      leadHours: 0,
      approvalRequired: true,
    },
  }),
  'POST /api/capacity/bookings/:id/approve': async () => ({ json: {} }),
  'POST /api/capacity/bookings/:id/decline': async () => ({ json: { reason: '越权拒绝' } }),
  'POST /api/capacity/bookings/:id/cancel': async () => ({ json: {} }),
  'POST /api/capacity/bookings/:id/complete': async () => ({ json: { hoursUsed: 2 } }),
  'POST /api/capacity/bookings/:id/rate': async () => ({ json: { score: 1 } }),
  'POST /api/capacity/runs/:id/approve': async () => ({ json: { scheduledFrom: '2027-01-01', scheduledTo: '2027-01-31' } }),
  'POST /api/capacity/runs/:id/decline': async () => ({ json: { reason: '越权拒绝' } }),
  'POST /api/capacity/runs/:id/cancel': async () => ({ json: {} }),
  'POST /api/capacity/runs/:id/complete': async () => ({ json: { result: '越权完成', trlReached: 9 } }),
  'POST /api/capacity/runs/:id/rate': async () => ({ json: { score: 1 } }),
};

const key = (r: LiveRoute) => `${r.method} ${r.path}`;
const idRoutes = () => liveRoutes(api.app).filter((r) => r.path.startsWith('/api/') && r.path.includes(':'));

const paramsFor = (r: LiveRoute): Params | undefined => worldParams(w, r.path);

async function callAs(r: LiveRoute, user: TestUser): Promise<{ status: number; text: string }> {
  const path = fill(r.path, paramsFor(r) as Params);
  const make = BODIES[key(r)];
  const body = make ? await make(w, user) : r.method === 'GET' || r.method === 'DELETE' ? undefined : { json: {} };
  if (body && 'multipart' in body) return uploadFile(api, user.token, r.path.startsWith('/api/deals/') ? `${path}?kind=other` : path, PDF, '越权上传.pdf');
  return api.call(r.method, path, { token: user.token, body: body?.json });
}

describe('the access matrix covers every id route of the live table (docs/security.md #1)', () => {
  it('has an id for every parameter of every id route, so no new route goes unchecked', () => {
    const routes = idRoutes();
    expect(routes.length).toBeGreaterThan(80);
    const uncovered = routes.filter((r) => {
      const params = paramsFor(r);
      if (!params) return true;
      return (r.path.match(/:([A-Za-z]+)/g) ?? []).some((p) => !(p.slice(1) in params));
    });
    expect(uncovered.map(key)).toEqual([]);
  });

  it('has a body for every write route that an outsider reaches past the role guards', () => {
    const missing = idRoutes().filter((r) => r.method !== 'GET' && expectedDenial(r) === 404 && !OPEN_BY_DESIGN.has(key(r)) && !(key(r) in BODIES));
    expect(missing.map(key)).toEqual([]);
  });
});

describe("outsiders get nothing from A's, B's and broker X's records, and change nothing (docs/security.md #1)", () => {
  const callers = () => [
    { name: 'member of C', user: w.memberC },
    { name: 'broker Y', user: w.brokerY },
  ];

  it('answers every id route with 404 (403 behind a platform role), never 2xx, and leaves every table as it was', async () => {
    const before = await snapshotTables(api);
    const wrong: string[] = [];
    let calls = 0;
    for (const r of idRoutes()) {
      if (OPEN_BY_DESIGN.has(key(r)) || PUBLIC_READS.has(key(r))) continue;
      for (const c of callers()) {
        const res = await callAs(r, c.user);
        calls++;
        const want = expectedDenial(r);
        if (res.status !== want) wrong.push(`${key(r)} as ${c.name} → ${res.status} (want ${want}) ${res.text.slice(0, 160)}`);
      }
    }
    expect(calls).toBeGreaterThan(160);
    expect(wrong).toEqual([]);
    const after = await snapshotTables(api);
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    expect(changed).toEqual([]);
  });

  it('denies alike: the real id and an id that matches nothing get the same answer', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const differ: string[] = [];
    for (const r of idRoutes().filter((r) => r.method === 'GET' && expectedDenial(r) === 404 && !PUBLIC_READS.has(key(r)))) {
      const real = await callAs(r, w.memberC);
      const params = Object.fromEntries(Object.entries(paramsFor(r) as Params).map(([k, v]) => [k, /^[0-9a-f-]{36}$/.test(v) ? missing : v]));
      const none = await api.call('GET', fill(r.path, params), { token: w.memberC.token });
      const shape = (t: string) => t.replace(/"requestId":"[^"]*"/, '');
      if (real.status !== none.status || shape(real.text) !== shape(none.text)) differ.push(`${key(r)}: ${real.status} vs ${none.status}`);
    }
    expect(differ).toEqual([]);
  });

  it('answers outsiders on public records exactly as an anonymous visitor, never with their confidential part', async () => {
    for (const r of idRoutes().filter((r) => PUBLIC_READS.has(key(r)))) {
      const anonymous = await api.call('GET', fill(r.path, paramsFor(r) as Params));
      for (const c of callers()) {
        const res = await callAs(r, c.user);
        expect(`${key(r)} as ${c.name} → ${res.status}`).toBe(`${key(r)} as ${c.name} → ${anonymous.status}`);
        for (const secret of Object.values(w.markers.confidential)) expect(res.text).not.toContain(secret);
      }
    }
  });

  it('the record owners still reach the same ids (the matrix is not passing on dead ids)', async () => {
    const owners: [string, TestUser, number][] = [
      [`/api/needs/${w.needA}/matches`, w.memberA, 200],
      [`/api/attachments/${w.attachmentA}`, w.memberA, 200],
      [`/api/matches/${w.match}`, w.brokerX, 200],
      [`/api/deals/${w.deal}/notes`, w.brokerX, 200],
      [`/api/deals/${w.deal}`, w.memberB, 200],
      [`/api/financing-requests/${w.financingRequest}`, w.memberA, 200],
      [`/api/financing-referrals/${w.financingReferral}`, w.memberB, 200],
      [`/api/roadshows/${w.roadshow}`, w.brokerX, 200],
      [`/api/deals/${w.deal}/approval`, w.memberB, 200],
      [`/api/deal-documents/${w.dealDocument}`, w.memberA, 200],
      [`/api/challenge-applications/${w.application}`, w.memberA, 200],
      [`/api/challenge-files/${w.challengeFile}`, w.memberA, 200],
      [`/api/orgs/${w.orgA}/members`, w.memberA, 200],
      [`/api/admin/campaigns/${w.campaign}`, w.admin, 200],
      [`/api/service-files/${w.serviceFile}`, w.memberA, 200],
    ];
    for (const [path, user, status] of owners) {
      const res = await api.call('GET', path, { token: user.token });
      expect(`${path} → ${res.status}`).toBe(`${path} → ${status}`);
    }
  });
});

describe('routes open to any signed-in caller by design (docs/domain.md)', () => {
  it('let C ask to join A, ask for disclosure and apply to the published challenge — and refuse what C may not do in its name', async () => {
    const asC = (path: string, body?: unknown) => api.call('POST', path, { token: w.memberC.token, body });
    const asY = (path: string, body?: unknown) => api.call('POST', path, { token: w.brokerY.token, body });
    const checked = new Set<string>();
    const mark = (k: string) => checked.add(k);

    expect((await asC(`/api/orgs/${w.orgA}/join-requests`)).status).toBe(201);
    mark('POST /api/orgs/:id/join-requests');
    const m = await api.db.query(`SELECT role, status FROM membership WHERE organisation_id = $1 AND user_id = $2`, [w.orgA, w.memberC.id]);
    expect(m.rows).toEqual([{ role: 'member', status: 'pending' }]);

    // broker Y has no organisation: asking in C's name is refused (a field error on requesterOrgId), and creates nothing
    const asYforC = await asY(`/api/needs/${w.needA}/disclosure-requests`, { reason: '评估', requesterOrgId: w.orgC });
    expect(asYforC.status).toBe(400);
    expect(asYforC.body.error.details.map((d: { field: string }) => d.field)).toEqual(['requesterOrgId']);
    expect((await asC(`/api/needs/${w.needA}/disclosure-requests`, { reason: '评估合作可能', requesterOrgId: w.orgC })).status).toBe(201);
    mark('POST /api/needs/:id/disclosure-requests');
    expect((await asC(`/api/achievements/${w.achB}/disclosure-requests`, { reason: '评估合作可能', requesterOrgId: w.orgC })).status).toBe(201);
    mark('POST /api/achievements/:id/disclosure-requests');
    // C cannot request in A's name
    const inAsName = await asC(`/api/achievements/${w.achB}/disclosure-requests`, { reason: '冒名', requesterOrgId: w.orgA });
    expect(inAsName.status).toBe(400);
    const requests = await api.db.query(`SELECT requester_org_id FROM disclosure_request WHERE requester_user_id = $1 ORDER BY created_at`, [w.memberC.id]);
    expect(requests.rows.map((r) => r.requester_org_id)).toEqual([w.orgC, w.orgC]);

    const application = {
      technicalRoute: '丙方方案',
      indicatorPlans: [{ indicator: 0, plan: '试验' }],
      schedule: '两年',
      budget: '100000.00',
      budgetNotes: '设备',
      team: [{ name: '丙方成员', role: '负责人' }],
      achievementIds: [],
      ipItems: [],
    };
    const inAs = await asC(`/api/challenges/${w.challenge}/applications`, { ...application, orgId: w.orgA });
    expect(inAs.status).toBe(400);
    expect(inAs.body.error.details.map((d: { field: string }) => d.field)).toEqual(['orgId']);
    expect((await asC(`/api/challenges/${w.challenge}/applications`, { ...application, orgId: w.orgC })).status).toBe(201);
    mark('POST /api/challenges/:id/applications');

    // outside the public notice period an objection is refused for the state, not for the caller
    const objection = await asC(`/api/challenges/${w.challenge}/objections`, { text: '有疑问' });
    expect(objection.status).toBe(409);
    mark('POST /api/challenges/:id/objections');

    expect([...checked].sort()).toEqual([...OPEN_BY_DESIGN].sort());
  });
});
