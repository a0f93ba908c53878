import { INestApplicationContext } from '@nestjs/common';
import { MATCH_FEATURES, PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let enterprise: TestUser;
let university: TestUser;
let outsider: TestUser;
let needId: string;
const ach: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  outsider = await registerUser(api);
  const entOrg = (await createOrg(api, enterprise, { verified: true })).id;
  const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学测试' } })).id;
  ach.water = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg, {
    title: '养殖尾水生态净化与循环利用集成技术', summary: '微生物与人工湿地组合工艺处理对虾养殖尾水，出水可回用。', keywords: ['尾水处理', '循环水养殖'],
    trl: 7, cooperationModes: ['transfer'], region: 'potou', priceNegotiable: false, askingPrice: '60',
  }));
  ach.fish = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg, {
    title: '金鲳鱼深远海网箱养殖病害防控技术', summary: '卵形鲳鲹病害早期预警与绿色防控。', keywords: ['病害防控'], trl: 5,
  }));
  ach.steel = await publishItem(api, 'achievement', university, admin, achievementInput(uniOrg, {
    title: '钢渣微粉高值化利用技术', summary: '钢渣制备建材微粉。', keywords: ['钢渣'], chains: ['steel.recycling'], trl: 6,
  }));
  // Matching reads the achievements index: let it fill before the need is published.
  await eventually('achievements indexed', async () => (await api.call('GET', `/api/search/achievements?q=${encodeURIComponent('钢渣')}`)).body.total === 1);
  needId = await publishItem(api, 'need', enterprise, admin, needInput(entOrg, { cooperationModes: ['transfer'], budgetMax: '100', budgetMin: '20' }));
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

const matchesOf = (id: string, user: TestUser) => api.call('GET', `/api/needs/${id}/matches`, { token: user.token });

describe('matches appear after publication, scored and explained', () => {
  it('proposes the fitting achievement first, with a breakdown in [0, 1] and a reason in Chinese', async () => {
    await eventually('matches computed', async () => (await matchesOf(needId, enterprise)).body.length >= 1);
    const res = await matchesOf(needId, enterprise);
    const first = res.body[0];
    expect(first.achievementId).toBe(ach.water);
    expect(first.counterpart).toMatchObject({ kind: 'achievement', title: '养殖尾水生态净化与循环利用集成技术' });
    expect(Object.keys(first.breakdown).sort()).toEqual([...MATCH_FEATURES].sort());
    for (const v of [first.score, ...Object.values(first.breakdown)] as number[]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(first.reason).toContain('共同技术词');
    expect(first.reason).toContain('同属产业链：现代化海洋牧场');
    expect(first.reason).toContain('成熟度 TRL 7 达到需求的 TRL 6');
    expect(first.reason).toContain('合作方式一致：技术转让');
    expect(first.status).toBe('proposed');
    // The steel achievement shares nothing with an aquaculture need: it is not proposed above it.
    const ids = res.body.map((m: { achievementId: string }) => m.achievementId);
    if (ids.includes(ach.steel)) expect(ids.indexOf(ach.steel)).toBeGreaterThan(ids.indexOf(ach.water));
    // The breakdown and reason are stored (PIPL Art. 24).
    const stored = await api.db.query('SELECT score, breakdown, reason FROM match WHERE need_id = $1 AND achievement_id = $2', [needId, ach.water]);
    expect(stored.rows[0].reason).toContain('同属产业链');
    expect(Number(stored.rows[0].score)).toBeCloseTo(first.score, 4);
  });

  it('shows the same matches from the achievement side, reason in the reader’s language', async () => {
    await eventually('reverse matches', async () => {
      await api.call('POST', `/api/achievements/${ach.water}/matches/refresh`, { token: university.token });
      return (await api.call('GET', `/api/achievements/${ach.water}/matches`, { token: university.token })).body.length >= 1;
    });
    const res = await api.call('GET', `/api/achievements/${ach.water}/matches`, { token: university.token, headers: { 'accept-language': 'en' } });
    expect(res.body[0]).toMatchObject({ needId, counterpart: { kind: 'need' } });
    expect(res.body[0].reason).toContain('TRL 7 meets the required TRL 6');
  });

  it('hides matches from anyone but the two owners and platform admins (404)', async () => {
    expect((await matchesOf(needId, outsider)).status).toBe(404);
    expect((await matchesOf(needId, admin)).status).toBe(200);
    expect((await api.call('GET', `/api/needs/${needId}/matches`)).status).toBe(401);
  });
});

describe('working a match', () => {
  it('requires a reason to dismiss, keeps the status through a refresh, and refuses outsiders', async () => {
    const [first] = (await matchesOf(needId, enterprise)).body;
    expect((await api.call('PATCH', `/api/matches/${first.id}`, { token: enterprise.token, body: { status: 'dismissed' } })).status).toBe(400);
    expect((await api.call('PATCH', `/api/matches/${first.id}`, { token: outsider.token, body: { status: 'seen' } })).status).toBe(404);
    const dismissed = await api.call('PATCH', `/api/matches/${first.id}`, { token: enterprise.token, body: { status: 'dismissed', dismissReason: 'existing-partner' } });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: 'existing-partner' });
    await api.call('POST', `/api/needs/${needId}/matches/refresh`, { token: enterprise.token });
    const after = (await matchesOf(needId, enterprise)).body.find((m: { id: string }) => m.id === first.id);
    expect(after).toMatchObject({ status: 'dismissed', dismissReason: 'existing-partner' });
  });
});

describe('preview before posting', () => {
  it('returns the top achievements with scores and reasons for a draft, saving nothing', async () => {
    const before = (await api.db.query('SELECT count(*)::int AS n FROM match')).rows[0].n;
    const res = await api.call('POST', '/api/matching/preview', {
      token: enterprise.token,
      body: { title: '深远海网箱金鲳鱼病害监测', keywords: ['病害防控'], chains: ['marine.ranching'], trl: 5, cooperationModes: ['license'] },
    });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ id: null, achievementId: ach.fish });
    expect(res.body[0].reason).toContain('病害防控');
    expect((await api.db.query('SELECT count(*)::int AS n FROM match')).rows[0].n).toBe(before);
  });

  it('validates the draft like a need', async () => {
    const res = await api.call('POST', '/api/matching/preview', { token: enterprise.token, body: { title: '', trl: 12, chains: ['nope'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['chains', 'title', 'trl']);
  });
});
