import { kpiReached, PlatformRole, quarterOf } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';
import { snapshotTables } from '../harness/world';

/*
 * 县区科技管理人员 (county official): an admin grants the role WITH one county (audited); the official
 * reads that county's needs and achievements (published and in review), the matches involving them
 * and a read-only summary of the deals where either party is in the county — and anything of another
 * county answers 404, exactly like a missing record. The public county page needs no sign-in.
 */

let api: TestApi;
let admin: TestUser;
let official: TestUser;
let broker: TestUser;
let needPotou: string;
let needInReview: string;
let needMazhang: string;
let dealPotou: string;
let dealElsewhere: string;
let potouOrg: string;
let potouMember: TestUser;
const dealNote = '底价只给县里看不到的备注';

async function matchAndDeal(needId: string, achievementId: string, value: string): Promise<string> {
  const match = (
    await api.db.query(
      `INSERT INTO match (need_id, achievement_id, score, breakdown, explanation, reason, source, broker_id, assigned_at)
       VALUES ($1, $2, 0.7, '{}', '{}', '测试匹配', 'publication', $3, now()) RETURNING id`,
      [needId, achievementId, broker.id],
    )
  ).rows[0].id as string;
  const res = await api.call('POST', '/api/deals', { token: broker.token, body: { matchId: match, expectedValue: value } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '平台管理员' });
  official = await registerUser(api, { displayName: '坡头区科技局' });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '经纪人' });
  potouMember = await registerUser(api, { displayName: '坡头企业' });
  const mazhangMember = await registerUser(api, { displayName: '麻章高校' });
  const xiashanMember = await registerUser(api, { displayName: '霞山企业' });
  potouOrg = (await createOrg(api, potouMember, { verified: true, input: { name: '坡头区海产养殖合作社', region: 'potou' } })).id;
  const mazhangOrg = (await createOrg(api, mazhangMember, { verified: true, input: { name: '麻章海洋研究院', type: 'university', region: 'mazhang' } })).id;
  const xiashanOrg = (await createOrg(api, xiashanMember, { verified: true, input: { name: '霞山食品有限公司', region: 'xiashan' } })).id;

  needPotou = await publishItem(api, 'need', potouMember, admin, needInput(potouOrg, { title: '坡头对虾养殖尾水处理需求', region: 'potou' }));
  const draft = await api.call('POST', '/api/needs', { token: potouMember.token, body: needInput(potouOrg, { title: '坡头红树林生态修复需求', region: 'potou' }) });
  needInReview = draft.body.id as string;
  expect((await api.call('POST', `/api/needs/${needInReview}/submit`, { token: potouMember.token })).status).toBe(200);
  needMazhang = await publishItem(api, 'need', mazhangMember, admin, needInput(mazhangOrg, { title: '麻章海水稻育种需求', region: 'mazhang' }));
  const achMazhang = await publishItem(api, 'achievement', mazhangMember, admin, achievementInput(mazhangOrg, { title: '尾水生物滤池技术', region: 'mazhang' }));
  const achXiashan = await publishItem(api, 'achievement', xiashanMember, admin, achievementInput(xiashanOrg, { title: '海水稻加工工艺', region: 'xiashan' }));
  dealPotou = await matchAndDeal(needPotou, achMazhang, '800000.00');
  expect((await api.call('POST', `/api/deals/${dealPotou}/notes`, { token: broker.token, body: { body: dealNote } })).status).toBe(201);
  dealElsewhere = await matchAndDeal(needMazhang, achXiashan, '300000.00');
}, 120_000);
afterAll(() => api?.close());

describe('granting the county official role', () => {
  it('refuses the role without a county of Zhanjiang with a Chinese error, and changes nothing', async () => {
    const before = await snapshotTables(api);
    for (const body of [
      { roles: [PlatformRole.CountyOfficial] },
      { roles: [PlatformRole.CountyOfficial], county: 'gba' },
      { roles: [PlatformRole.CountyOfficial], county: 'nowhere' },
    ]) {
      const res = await api.call('PUT', `/api/admin/users/${official.id}/roles`, { token: admin.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('COUNTY_REQUIRED');
      expect(res.body.error.message).toBe('授予县区科技管理人员角色时须选择湛江市内的一个县（市、区）');
    }
    expect(await snapshotTables(api)).toEqual(before);
    expect((await api.call('GET', '/api/county', { token: official.token })).status).toBe(403);
  });

  it('grants the role with its county: the users list shows it and the audit log records role and county', async () => {
    const res = await api.call('PUT', `/api/admin/users/${official.id}/roles`, { token: admin.token, body: { roles: [PlatformRole.CountyOfficial], county: 'potou' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ platformRoles: [PlatformRole.CountyOfficial], county: 'potou' });
    const audit = await api.call('GET', `/api/admin/audit?action=role.granted&actorEmail=${encodeURIComponent(admin.email)}`, { token: admin.token });
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ targetId: official.id, detail: { role: 'county_official', county: 'potou' } })]));
    expect((await api.call('GET', '/api/county', { token: official.token })).body).toEqual({ code: 'potou', name: '坡头区', nameEn: 'Potou District' });
  });
});

describe('what the county official reads', () => {
  it("lists the county's published and in-review needs, and no other county's", async () => {
    const res = await api.call('GET', '/api/county/needs', { token: official.token });
    expect(res.status).toBe(200);
    const byId = new Map((res.body as { id: string; status: string; title: string }[]).map((n) => [n.id, n]));
    expect(byId.get(needPotou)).toMatchObject({ title: '坡头对虾养殖尾水处理需求', status: 'published', organisationName: '坡头区海产养殖合作社' });
    expect(byId.get(needInReview)).toMatchObject({ title: '坡头红树林生态修复需求', status: 'submitted' });
    expect(byId.has(needMazhang)).toBe(false);
    expect((await api.call('GET', `/api/county/needs/${needPotou}`, { token: official.token })).status).toBe(200);
  });

  it("sees the matches involving the county's items and a deal summary — stage, parties, value — without the deal's notes", async () => {
    const matches = await api.call('GET', '/api/county/matches', { token: official.token });
    expect((matches.body as { needId: string }[]).map((m) => m.needId)).toEqual([needPotou]);
    const deals = await api.call('GET', '/api/county/deals', { token: official.token });
    expect(deals.status).toBe(200);
    expect((deals.body as { id: string }[]).map((d) => d.id)).toEqual([dealPotou]);
    const deal = await api.call('GET', `/api/county/deals/${dealPotou}`, { token: official.token });
    expect(deal.body).toMatchObject({ stage: 'lead', demandOrgName: '坡头区海产养殖合作社', supplyOrgName: '麻章海洋研究院', expectedValue: '800000.00' });
    expect(deal.text).not.toContain(dealNote);
  });

  it("answers 404 for another county's need, deal or a missing id, exactly as for a record that does not exist", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const paths = [`/api/county/needs/${needMazhang}`, `/api/county/achievements/${needPotou}`, `/api/county/deals/${dealElsewhere}`, `/api/county/deals/${missing}`];
    for (const path of paths) {
      const res = await api.call('GET', path, { token: official.token });
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  it('follows the progress of the campaigns that target the county, not of a draft one', async () => {
    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const input = (title: string) => ({
      title,
      quarter: quarterOf(new Date()),
      startsOn: day(-1),
      endsOn: day(5),
      focusIndustries: ['marine'],
      focusRegions: ['potou'],
      targets: [{ dimension: 'region', code: 'potou', kind: 'need', target: 3 }],
      reminderDays: [7],
    });
    const draft = await api.call('POST', '/api/admin/campaigns', { token: admin.token, body: input('坡头区草稿征集') });
    expect(draft.status).toBe(201);
    const open = await api.call('POST', '/api/admin/campaigns', { token: admin.token, body: input('坡头区季度需求征集') });
    expect((await api.call('POST', `/api/admin/campaigns/${open.body.id}/open`, { token: admin.token })).status).toBe(200);
    const res = await api.call('GET', '/api/county/campaigns', { token: official.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        campaignId: open.body.id,
        title: '坡头区季度需求征集',
        status: 'open',
        rows: expect.arrayContaining([expect.objectContaining({ kind: 'need', target: 3, submitted: 0 })]),
      }),
    ]);
  });

  it('refuses every county route to someone without the role (403), before any lookup', async () => {
    for (const path of ['/api/county', '/api/county/needs', `/api/county/needs/${needPotou}`, `/api/county/deals/${dealPotou}`]) {
      expect((await api.call('GET', path, { token: broker.token })).status).toBe(403);
    }
  });
});

describe("the county's yearly need list (县域产业技术需求清单)", () => {
  const entries = () => [
    { title: '对虾养殖尾水达标处理', chain: 'marine.ranching', description: '养殖户集中区域的尾水处理', priority: 'high', needId: needPotou },
    { title: '红树林湿地生态修复', chain: 'marine.ranching', description: '', priority: 'medium', needId: null },
  ];

  it("refuses a line linked to another county's need, an unknown chain, or publishing an empty list, in Chinese, and changes nothing", async () => {
    const before = await snapshotTables(api);
    const foreign = await api.call('PUT', '/api/county/need-lists/2026', { token: official.token, body: { entries: [{ ...entries()[0], needId: needMazhang }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 'COUNTY_NEED_LIST_NEED', message: '清单中关联的技术需求须为本县已发布的需求' });
    const inReview = await api.call('PUT', '/api/county/need-lists/2026', { token: official.token, body: { entries: [{ ...entries()[0], needId: needInReview }] } });
    expect(inReview.body.error.code).toBe('COUNTY_NEED_LIST_NEED');
    const badChain = await api.call('PUT', '/api/county/need-lists/2026', { token: official.token, body: { entries: [{ ...entries()[1], chain: 'no.such-chain' }] } });
    expect(badChain.status).toBe(400);
    expect(badChain.body.error.code).toBe('VALIDATION_FAILED');
    const empty = await api.call('POST', '/api/county/need-lists/2027/publish', { token: official.token });
    expect(empty.status).toBe(409);
    expect(empty.body.error).toMatchObject({ code: 'COUNTY_NEED_LIST_EMPTY', message: '清单至少要有一条需求才能发布' });
    expect(await snapshotTables(api)).toEqual(before);
  });

  it('is written as a draft the public page does not show, then published (audited) and shown on the public county page', async () => {
    const saved = await api.call('PUT', '/api/county/need-lists/2026', { token: official.token, body: { entries: entries() } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ county: 'potou', year: 2026, status: 'draft', publishedAt: null, entries: entries() });
    expect((await api.call('GET', '/api/counties/potou')).body.needList).toBeNull();

    const published = await api.call('POST', '/api/county/need-lists/2026/publish', { token: official.token });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const page = await api.call('GET', '/api/counties/potou');
    expect(page.body.needList).toMatchObject({ year: 2026, status: 'published', entries: entries() });
    const audit = await api.call('GET', `/api/admin/audit?action=county.need_list_published&actorEmail=${encodeURIComponent(official.email)}`, { token: admin.token });
    expect(audit.body.items[0]).toMatchObject({ targetType: 'county_need_list', detail: { county: 'potou', year: 2026, entries: 2 } });
    // another county's page does not show it
    expect((await api.call('GET', '/api/counties/mazhang')).body.needList).toBeNull();
  });
});

describe('入县达镇: achievements that reached the county, by town', () => {
  it("lets an organisation's admin give its town (a too long one is refused and changes nothing), and shows the achievement with a deal to it under that town", async () => {
    const org = await api.call('GET', `/api/orgs/${potouOrg}`, { token: potouMember.token });
    const tooLong = await api.call('PATCH', `/api/orgs/${potouOrg}`, { token: potouMember.token, body: { town: '镇'.repeat(51), version: org.body.version } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    const saved = await api.call('PATCH', `/api/orgs/${potouOrg}`, { token: potouMember.token, body: { town: ' 南三镇 ', version: org.body.version } });
    expect(saved.status).toBe(200);
    expect(saved.body.town).toBe('南三镇');

    const reach = await api.call('GET', '/api/county/reach', { token: official.token });
    expect(reach.status).toBe(200);
    expect(reach.body).toEqual([
      expect.objectContaining({ town: '南三镇', organisationName: '坡头区海产养殖合作社', achievementTitle: '尾水生物滤池技术', via: expect.arrayContaining(['deal']) }),
    ]);
  });
});

describe('the public county page', () => {
  it("shows the county's name, its counts as the public statistics count them, its deals and its KPI lines, with no sign-in", async () => {
    const res = await api.call('GET', '/api/counties/potou');
    expect(res.status).toBe(200);
    const stats = await api.call('GET', '/api/public/stats', { token: admin.token });
    const row = (stats.body.byRegion as { key: string; needs: number; achievements: number; challenges: number }[]).find((r) => r.key === 'potou');
    expect(res.body).toMatchObject({ code: 'potou', name: '坡头区', needs: row?.needs, achievements: row?.achievements, challenges: row?.challenges, deals: 1 });
    expect(res.body.needs).toBeGreaterThanOrEqual(1);
    expect(res.body.kpis.length).toBeGreaterThan(0);
    expect(res.body.kpis[0]).toEqual(expect.objectContaining({ code: expect.any(String), name: expect.any(String), allocation: null, reached: null }));

    // Once the bureau allocates this year's contract value to the county, the page tracks the county against it.
    const year = Number(res.body.year);
    const set = await api.call('PUT', `/api/admin/kpis/contract-value/targets/${year}`, {
      token: admin.token,
      body: { target: '200000000', allocations: [{ region: 'potou', target: '2000000' }] },
    });
    expect(set.status).toBe(200);
    const line = ((await api.call('GET', '/api/counties/potou')).body.kpis as { code: string; allocation: string; actual: string; reached: string }[]).find(
      (k) => k.code === 'contract-value',
    );
    expect(line?.allocation).toBe('2000000.00');
    expect(line?.reached).toBe(kpiReached(line?.actual ?? null, '2000000.00'));
    expect(line?.reached).toMatch(/^\d+\.\d{2}$/);
  });

  it('is listed in the sitemap for every county of Zhanjiang', async () => {
    const sitemap = await (await fetch(`${api.url}/sitemap.xml`)).text();
    expect(sitemap).toContain('/counties/potou</loc>');
    expect(sitemap).not.toContain('/counties/gba</loc>');
  });

  it('answers 404 for a region outside Zhanjiang or an unknown code', async () => {
    expect((await api.call('GET', '/api/counties/gba')).status).toBe(404);
    expect((await api.call('GET', '/api/counties/atlantis')).status).toBe(404);
  });
});
