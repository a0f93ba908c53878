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
let marineBroker: TestUser;
let steelBroker: TestUser;
let needId: string;
const ach: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  outsider = await registerUser(api);
  marineBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '海洋经纪人' });
  steelBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '钢铁经纪人' });
  for (const [b, chains] of [
    [marineBroker, ['marine.ranching']],
    [steelBroker, ['steel.recycling']],
  ] as const) {
    const res = await api.call('PUT', '/api/broker/profile', { token: b.token, body: { chains, regions: ['potou'], capacity: 50, active: true } });
    expect(res.status).toBe(200);
  }
  const entOrg = (await createOrg(api, enterprise, { verified: true })).id;
  const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学测试' } })).id;
  ach.water = await publishItem(
    api,
    'achievement',
    university,
    admin,
    achievementInput(uniOrg, {
      title: '养殖尾水生态净化与循环利用集成技术',
      summary: '微生物与人工湿地组合工艺处理对虾养殖尾水，出水可回用。',
      keywords: ['尾水处理', '循环水养殖'],
      trl: 7,
      cooperationModes: ['transfer'],
      region: 'potou',
      priceNegotiable: false,
      askingPrice: '60',
    }),
  );
  ach.fish = await publishItem(
    api,
    'achievement',
    university,
    admin,
    achievementInput(uniOrg, {
      title: '金鲳鱼深远海网箱养殖病害防控技术',
      summary: '卵形鲳鲹病害早期预警与绿色防控。',
      keywords: ['病害防控'],
      trl: 5,
    }),
  );
  ach.steel = await publishItem(
    api,
    'achievement',
    university,
    admin,
    achievementInput(uniOrg, {
      title: '钢渣微粉高值化利用技术',
      summary: '钢渣制备建材微粉。',
      keywords: ['钢渣'],
      chains: ['steel.recycling'],
      trl: 6,
    }),
  );
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

describe('brokers', () => {
  it('hands each new match to the best-fitting broker, whose workbench shows only their own', async () => {
    const marine = await api.call('GET', '/api/broker/matches?pageSize=100', { token: marineBroker.token });
    expect(marine.status).toBe(200);
    const pair = marine.body.items.find((m: { achievementId: string }) => m.achievementId === ach.water);
    expect(pair).toMatchObject({ needId, brokerId: marineBroker.id, need: { id: needId } });
    expect(pair.reason).toContain('同属产业链');
    const steel = await api.call('GET', '/api/broker/matches?pageSize=100', { token: steelBroker.token });
    expect(steel.body.items.map((m: { id: string }) => m.id)).not.toContain(pair.id);
    // Another broker cannot open it; its own broker can.
    expect((await api.call('GET', `/api/matches/${pair.id}`, { token: steelBroker.token })).status).toBe(404);
    expect((await api.call('GET', `/api/matches/${pair.id}`, { token: marineBroker.token })).status).toBe(200);
    expect((await api.call('GET', '/api/broker/matches', { token: enterprise.token })).status).toBe(403);
  });

  it('lets the broker dismiss with a reason, and the admin’s quarterly metrics count it', async () => {
    // A second aquaculture need; refreshing computes (and hands over) its matches at once.
    const entOrg = (await api.call('GET', '/api/me', { token: enterprise.token })).body.memberships[0].organisationId;
    const second = await publishItem(api, 'need', enterprise, admin, needInput(entOrg, { title: '对虾养殖尾水回用与循环水处理', keywords: ['循环水养殖'] }));
    expect((await api.call('POST', `/api/needs/${second}/matches/refresh`, { token: enterprise.token })).status).toBe(200);
    const before = (await api.call('GET', '/api/admin/matching/metrics', { token: admin.token })).body;
    const items = (await api.call('GET', '/api/broker/matches?status=proposed&pageSize=100', { token: marineBroker.token })).body.items;
    const target = items.find((m: { needId: string }) => m.needId === second);
    expect(target).toBeDefined();
    const res = await api.call('PATCH', `/api/matches/${target.id}`, { token: marineBroker.token, body: { status: 'dismissed', dismissReason: 'immature' } });
    expect(res.status).toBe(200);
    const after = (await api.call('GET', '/api/admin/matching/metrics', { token: admin.token })).body;
    expect(after.dismissed).toBe(before.dismissed + 1);
    expect(after.dismissedByReason.immature).toBe((before.dismissedByReason.immature ?? 0) + 1);
    expect(after.total).toBe(before.total);
    expect((await api.call('PATCH', `/api/matches/${target.id}`, { token: steelBroker.token, body: { status: 'seen' } })).status).toBe(404);
  });

  it('lets an admin see every broker’s load and reassign a match', async () => {
    const list = (await api.call('GET', '/api/admin/brokers', { token: admin.token })).body;
    expect(list.map((b: { userId: string }) => b.userId)).toEqual(expect.arrayContaining([marineBroker.id, steelBroker.id]));
    const some = (await api.call('GET', '/api/broker/matches', { token: marineBroker.token })).body.items[0];
    expect((await api.call('POST', `/api/admin/matches/${some.id}/assign`, { token: admin.token, body: { brokerId: steelBroker.id } })).status).toBe(204);
    expect((await api.call('GET', `/api/matches/${some.id}`, { token: steelBroker.token })).status).toBe(200);
    expect((await api.call('GET', `/api/matches/${some.id}`, { token: marineBroker.token })).status).toBe(404);
    expect((await api.call('POST', `/api/admin/matches/${some.id}/assign`, { token: admin.token, body: { brokerId: enterprise.id } })).status).toBe(404);
  });
});

describe('the model in force', () => {
  it('shows admins the weights (summing to 1) and the top K, from configuration', async () => {
    const res = await api.call('GET', '/api/admin/matching/settings', { token: admin.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.weights).sort()).toEqual([...MATCH_FEATURES].sort());
    expect(Object.values(res.body.weights as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(res.body.topK).toBe(20);
    expect(res.body.source).toBe('configuration');
    expect((await api.call('GET', '/api/admin/matching/settings', { token: enterprise.token })).status).toBe(403);
  });

  it('lets an admin tune the weights: scores follow at once, the change is audited, and a reset restores configuration', async () => {
    const draft = { title: '深远海网箱金鲳鱼病害监测', keywords: ['病害防控'], chains: ['marine.ranching'], trl: 5, cooperationModes: ['license'] };
    const preview = async () => (await api.call('POST', '/api/matching/preview', { token: enterprise.token, body: draft })).body[0];
    const before = await preview();
    // Text relevance alone: the total becomes exactly the text feature.
    const textOnly = Object.fromEntries(MATCH_FEATURES.map((f) => [f, f === 'text' ? 1 : 0]));
    const saved = await api.call('PUT', '/api/admin/matching/settings', { token: admin.token, body: { weights: textOnly, topK: 5 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ source: 'admin', topK: 5, weights: textOnly, updatedBy: admin.id });
    const after = await preview();
    expect(after.score).toBeCloseTo(after.breakdown.text, 4);
    expect(after.score).not.toBeCloseTo(before.score, 4);
    const audit = await api.db.query(`SELECT actor_id FROM audit_log WHERE action = 'matching.model_changed'`);
    expect(audit.rows.map((r: { actor_id: string }) => r.actor_id)).toContain(admin.id);
    const reset = await api.call('DELETE', '/api/admin/matching/settings', { token: admin.token });
    expect(reset.body).toMatchObject({ source: 'configuration', topK: 20 });
    expect((await preview()).score).toBeCloseTo(before.score, 4);
  });

  it('refuses weights out of range or all zero with a message in Chinese, changing nothing', async () => {
    const zero = Object.fromEntries(MATCH_FEATURES.map((f) => [f, 0]));
    const allZero = await api.call('PUT', '/api/admin/matching/settings', { token: admin.token, body: { weights: zero, topK: 20 } });
    expect(allZero.status).toBe(400);
    expect(allZero.body.error.details[0]).toMatchObject({ field: 'weights', message: '至少有一项权重大于 0' });
    const tooBig = await api.call('PUT', '/api/admin/matching/settings', { token: admin.token, body: { weights: { ...zero, text: 3 }, topK: 0 } });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['topK', 'weights.text']);
    expect((await api.call('GET', '/api/admin/matching/settings', { token: admin.token })).body.source).toBe('configuration');
  });
});

describe('feedback: useful / not useful', () => {
  it('keeps one verdict per person apart from the status, shows counts, and counts it in the admin’s metrics', async () => {
    const [first] = (await matchesOf(needId, enterprise)).body;
    const before = (await api.call('GET', '/api/admin/matching/metrics', { token: admin.token })).body;
    const marked = await api.call('PUT', `/api/matches/${first.id}/feedback`, { token: enterprise.token, body: { verdict: 'useful' } });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ myFeedback: 'useful', feedback: { useful: 1, notUseful: 0 }, status: first.status });
    // Changing one's mind replaces the verdict rather than adding a second.
    const changed = await api.call('PUT', `/api/matches/${first.id}/feedback`, { token: enterprise.token, body: { verdict: 'not-useful' } });
    expect(changed.body).toMatchObject({ myFeedback: 'not-useful', feedback: { useful: 0, notUseful: 1 } });
    await api.call('PUT', `/api/matches/${first.id}/feedback`, { token: enterprise.token, body: { verdict: 'useful' } });
    const listed = (await matchesOf(needId, enterprise)).body.find((m: { id: string }) => m.id === first.id);
    expect(listed).toMatchObject({ myFeedback: 'useful', feedback: { useful: 1, notUseful: 0 } });
    // The university side sees the count but not someone else's verdict as its own.
    const achSide = (await api.call('GET', `/api/achievements/${first.achievementId}/matches`, { token: university.token })).body.find((m: { id: string }) => m.id === first.id);
    expect(achSide).toMatchObject({ myFeedback: null, feedback: { useful: 1, notUseful: 0 } });
    const after = (await api.call('GET', '/api/admin/matching/metrics', { token: admin.token })).body;
    expect(after.useful).toBe(before.useful + 1);
    expect(after.notUseful).toBe(before.notUseful);
    expect((await api.call('PUT', `/api/matches/${first.id}/feedback`, { token: outsider.token, body: { verdict: 'useful' } })).status).toBe(404);
    const bad = await api.call('PUT', `/api/matches/${first.id}/feedback`, { token: enterprise.token, body: { verdict: 'great' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'verdict', message: '取值不在允许范围内' });
  });
});
