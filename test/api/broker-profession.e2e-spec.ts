import { beijingDate, PlatformRole } from '@ztt/contracts';
import { BrokerProfession } from '@ztt/matching';
import { createOrg, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * 技术经纪人 as a profession (issue 17): levels and certificates set by admins, training hours, broker
 * firms (技术经理人事务所), the parties' ratings after a deal closes, and the public directory.
 */

let api: TestApi;
let admin: TestUser;
let broker: TestUser;
let demand: TestUser;
let supply: TestUser;
let other: TestUser;
let firmAdmin: TestUser;
let demandOrg: string;
let supplyOrg: string;
let otherOrg: string;
let firmOrg: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '平台管理员' });
  broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '钟经纪' });
  demand = await registerUser(api, { displayName: '需方成员' });
  supply = await registerUser(api, { displayName: '供方成员' });
  other = await registerUser(api, { displayName: '第三方成员' });
  firmAdmin = await registerUser(api, { displayName: '事务所管理员' });
  demandOrg = (await createOrg(api, demand, { verified: true, input: { name: '湛江需方水产有限公司' } })).id;
  supplyOrg = (await createOrg(api, supply, { verified: true, input: { name: '湛江供方海洋研究院', type: 'institute' } })).id;
  otherOrg = (await createOrg(api, other, { verified: true, input: { name: '湛江第三方食品有限公司' } })).id;
  firmOrg = (await createOrg(api, firmAdmin, { verified: true, input: { name: '湛江海湾技术经理人事务所', type: 'broker-firm' } })).id;
}, 120_000);
afterAll(() => api?.close());

/** A deal between two organisations, led by `broker`, at `stage` (arranged in the database). */
async function dealAt(stage: string, demandOrgId: string, supplyOrgId: string): Promise<string> {
  const id = (
    await api.db.query(`INSERT INTO deal (title, demand_org_id, supply_org_id, lead_broker_id, stage) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      `对接 ${stage}`,
      demandOrgId,
      supplyOrgId,
      broker.id,
      stage,
    ])
  ).rows[0].id as string;
  if (stage === 'signed') await api.db.query(`INSERT INTO deal_event (deal_id, type, from_stage, to_stage) VALUES ($1, 'stage', 'negotiating', 'signed')`, [id]);
  return id;
}

const directoryCard = async () => {
  const res = await api.call('GET', '/api/brokers?pageSize=100');
  expect(res.status).toBe(200);
  return { text: res.text, card: res.body.items.find((b: { userId: string }) => b.userId === broker.id) };
};

describe('levels, certificates and training', () => {
  it('lets an admin set a broker’s level and certificate, audited, after which the broker counts as certified', async () => {
    const before = await api.call('GET', '/api/broker/profession', { token: broker.token });
    expect(before.body).toMatchObject({ level: null, certified: false, training: [] });

    const set = await api.call('PUT', `/api/admin/brokers/${broker.id}/certification`, {
      token: admin.token,
      body: { level: 'intermediate', certificateNo: 'ZJ-JJR-2026-018', issuedOn: '2026-03-01', expiresOn: '2029-02-28' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ level: 'intermediate', certificateNo: 'ZJ-JJR-2026-018', issuedOn: '2026-03-01', expiresOn: '2029-02-28', certified: true });
    const audit = await api.db.query(`SELECT actor_id, detail FROM audit_log WHERE action = 'broker.certified' AND target_id = $1`, [broker.id]);
    expect(audit.rows).toEqual([{ actor_id: admin.id, detail: expect.objectContaining({ level: 'intermediate', certificateNo: 'ZJ-JJR-2026-018' }) }]);
  });

  it('counts certified, active brokers as of a day for the KPI register (certifiedActiveBrokerCount)', async () => {
    const port = api.app.get(BrokerProfession);
    expect(await port.certifiedActiveBrokerCount('2026-02-28')).toBe(0);
    expect(await port.certifiedActiveBrokerCount(beijingDate())).toBe(beijingDate() >= '2026-03-01' && beijingDate() <= '2029-02-28' ? 1 : 0);
    expect(await port.certifiedActiveBrokerCount('2029-03-01')).toBe(0);
    await api.db.query(`UPDATE broker_profile SET active = false WHERE user_id = $1`, [broker.id]);
    expect(await port.certifiedActiveBrokerCount('2027-01-01')).toBe(0);
    await api.db.query(`UPDATE broker_profile SET active = true WHERE user_id = $1`, [broker.id]);
    expect(await port.certifiedActiveBrokerCount('2027-01-01')).toBe(1);
  });

  it('refuses a certificate that expires before it is issued, in Chinese, and changes nothing', async () => {
    const res = await api.call('PUT', `/api/admin/brokers/${broker.id}/certification`, {
      token: admin.token,
      body: { level: 'senior', certificateNo: 'ZJ-BAD', issuedOn: '2026-03-01', expiresOn: '2025-03-01' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'expiresOn', code: 'certificate_expiry_order', message: '证书有效期须晚于发证日期' }]);
    const bad = await api.call('PUT', `/api/admin/brokers/${broker.id}/certification`, { token: admin.token, body: { level: '特级', certificateNo: '', issuedOn: '昨天' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('提交的内容有误，请检查后重试');
    const row = await api.db.query(`SELECT level, certificate_no FROM broker_profile WHERE user_id = $1`, [broker.id]);
    expect(row.rows).toEqual([{ level: 'intermediate', certificate_no: 'ZJ-JJR-2026-018' }]);
    // and only admins set levels
    expect((await api.call('PUT', `/api/admin/brokers/${broker.id}/certification`, { token: broker.token, body: {} })).status).toBe(403);
  });

  it('sums the training hours of each year, from the broker’s own records and an admin’s', async () => {
    const mine = async (body: object, token = broker.token, path = '/api/broker/training') => api.call('POST', path, { token, body });
    expect((await mine({ heldOn: '2025-11-20', course: '技术合同认定登记实务', hours: 6, provider: '广东省技术经纪人协会' })).status).toBe(201);
    expect((await mine({ heldOn: '2026-04-10', course: '科技成果评价方法', hours: 8, provider: '湛江市科学技术局' })).status).toBe(201);
    const byAdmin = await mine({ heldOn: '2026-09-02', course: '知识产权运营', hours: 4.5, provider: '广东海洋大学' }, admin.token, `/api/admin/brokers/${broker.id}/training`);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.hoursByYear).toEqual([
      { year: 2026, hours: '12.5' },
      { year: 2025, hours: '6.0' },
    ]);
    expect(byAdmin.body.training.map((t: { course: string }) => t.course)).toEqual(['知识产权运营', '科技成果评价方法', '技术合同认定登记实务']);

    const future = await mine({ heldOn: '2099-01-01', course: '未来课程', hours: 2, provider: '某机构' });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]).toMatchObject({ field: 'heldOn', message: '培训日期不能晚于今天' });
    expect((await mine({ heldOn: '2026-01-01', course: '课程', hours: 0, provider: '某机构' })).status).toBe(400);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM broker_training WHERE user_id = $1`, [broker.id])).rows[0].n).toBe(3);
  });
});

describe('broker firms (技术经理人事务所)', () => {
  it('lets the firm’s organisation admin link a broker, and the firm’s brokers are listed publicly', async () => {
    expect((await api.call('PUT', `/api/orgs/${firmOrg}/brokers/${broker.id}`, { token: other.token })).status).toBe(404);
    const linked = await api.call('PUT', `/api/orgs/${firmOrg}/brokers/${broker.id}`, { token: firmAdmin.token });
    expect(linked.status).toBe(200);
    expect(linked.body.firm).toEqual({ id: firmOrg, name: '湛江海湾技术经理人事务所' });
    const listed = await api.call('GET', `/api/brokers?firmOrgId=${firmOrg}`);
    expect(listed.body.items.map((b: { displayName: string }) => b.displayName)).toEqual(['钟经纪']);
  });

  it('refuses a firm that is not a 技术经理人事务所, in Chinese', async () => {
    const res = await api.call('PUT', `/api/admin/brokers/${broker.id}/firm`, { token: admin.token, body: { firmOrgId: otherOrg } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NOT_BROKER_FIRM', message: '该机构不是技术经理人事务所' });
    const mine = await api.call('GET', '/api/broker/profession', { token: broker.token });
    expect(mine.body.firm?.id).toBe(firmOrg);
  });
});

describe('ratings after a deal closes', () => {
  let signed: string;

  it('lets each party rate the broker once; the second try is refused with 409 in Chinese', async () => {
    signed = await dealAt('signed', demandOrg, supplyOrg);
    const state = await api.call('GET', `/api/deals/${signed}/broker-rating`, { token: demand.token });
    expect(state.body).toMatchObject({ open: true, canRateSides: ['demand'], ratedSides: [], ratings: [] });

    const first = await api.call('POST', `/api/deals/${signed}/broker-rating`, { token: demand.token, body: { score: 5, comment: '沟通及时，推进有力' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ratedSides: ['demand'], canRateSides: [] });
    const again = await api.call('POST', `/api/deals/${signed}/broker-rating`, { token: demand.token, body: { score: 1, comment: '再评一次' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'BROKER_ALREADY_RATED', message: '贵方已评价过本次对接的经纪人，每方只能评价一次' });
    expect((await api.call('POST', `/api/deals/${signed}/broker-rating`, { token: supply.token, body: { score: 4, comment: '' } })).status).toBe(201);
    const rows = await api.db.query(`SELECT side, score FROM deal_broker_rating WHERE deal_id = $1 ORDER BY side`, [signed]);
    expect(rows.rows).toEqual([
      { side: 'demand', score: 5 },
      { side: 'supply', score: 4 },
    ]);
  });

  it('refuses a non-party (404), the broker (403), an open deal (409) and a bad score (400), and stores nothing', async () => {
    expect((await api.call('POST', `/api/deals/${signed}/broker-rating`, { token: other.token, body: { score: 5, comment: '' } })).status).toBe(404);
    const self = await api.call('POST', `/api/deals/${signed}/broker-rating`, { token: broker.token, body: { score: 5, comment: '' } });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe('只有对接双方机构的成员可以评价经纪人');
    const open = await dealAt('negotiating', demandOrg, otherOrg);
    const early = await api.call('POST', `/api/deals/${open}/broker-rating`, { token: demand.token, body: { score: 5, comment: '' } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('对接签约或终止后才能评价经纪人');
    const lost = await dealAt('lost', demandOrg, otherOrg);
    const bad = await api.call('POST', `/api/deals/${lost}/broker-rating`, { token: demand.token, body: { score: 6, comment: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'score', message: '不能大于 5' });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM deal_broker_rating`)).rows[0].n).toBe(2);
  });

  it('hides the public average with 2 ratings and shows it with 3; admins see comments, the broker their average', async () => {
    const two = await directoryCard();
    expect(two.card).toMatchObject({ displayName: '钟经纪', level: 'intermediate', certified: true, dealsSigned: 1, rating: null });
    expect((await api.call('GET', '/api/broker/rating', { token: broker.token })).body).toEqual({ count: 2, average: '4.50' });

    const lost = await dealAt('lost', otherOrg, supplyOrg);
    expect((await api.call('POST', `/api/deals/${lost}/broker-rating`, { token: other.token, body: { score: 3, comment: '信息不够充分' } })).status).toBe(201);
    const three = await directoryCard();
    expect(three.card.rating).toEqual({ average: '4.00', count: 3 });
    const single = await api.call('GET', `/api/brokers/${broker.id}`);
    expect(single.body).toMatchObject({ displayName: '钟经纪', rating: { average: '4.00', count: 3 }, firm: { name: '湛江海湾技术经理人事务所' } });

    const forAdmin = await api.call('GET', `/api/admin/brokers/${broker.id}/ratings`, { token: admin.token });
    expect(forAdmin.body).toMatchObject({ count: 3, average: '4.00' });
    expect(forAdmin.body.ratings.map((r: { comment: string; orgName: string }) => `${r.orgName}:${r.comment}`)).toContain('湛江需方水产有限公司:沟通及时，推进有力');
    expect((await api.call('GET', `/api/admin/brokers/${broker.id}/ratings`, { token: broker.token })).status).toBe(403);
  });

  it('puts the training and the ratings received (scores only) in the broker’s data export, and a rating given in the rater’s', async () => {
    const mine = (await api.call('GET', '/api/me/export', { token: broker.token })).body;
    expect(mine.brokerProfile).toMatchObject({ level: 'intermediate', certificateNo: 'ZJ-JJR-2026-018', firmOrgId: firmOrg });
    expect(mine.brokerTraining).toHaveLength(3);
    expect(mine.brokerRatingsReceived.map((r: { score: number }) => r.score).sort()).toEqual([3, 4, 5]);
    expect(JSON.stringify(mine.brokerRatingsReceived)).not.toContain('沟通及时');
    const theirs = (await api.call('GET', '/api/me/export', { token: demand.token })).body;
    expect(theirs.brokerRatingsGiven).toEqual([expect.objectContaining({ brokerId: broker.id, side: 'demand', score: 5, comment: '沟通及时，推进有力' })]);
  });

  it('the public directory shows no email or phone, and answers without sign-in', async () => {
    const { text } = await directoryCard();
    expect(text).not.toContain(broker.email);
    expect(text).not.toContain('@');
    expect((await api.call('GET', `/api/brokers/${broker.id}`)).text).not.toContain(broker.email);
    expect((await api.call('GET', `/api/brokers/${demand.id}`)).status).toBe(404);
    expect(await (await fetch(`${api.url}/sitemap.xml`)).text()).toContain('/brokers</loc>');
  });
});
