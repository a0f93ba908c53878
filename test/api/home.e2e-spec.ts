import { HomeView, PlatformRole, TAXONOMY } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * GET /api/home: the public home page in one answer. Everything here is published through the API
 * (needs, achievements, a challenge, a campaign); only the registered contract is written straight
 * to its table, as the dashboard's tests do, because registration is the end of a long deal.
 */

let api: TestApi;
let admin: TestUser;
let owner: TestUser;
let orgId: string;
let needId: string;
let achievementId: string;
let draftNeedId: string;
let challengeId: string;
let campaignId: string;
const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
const beijingNow = () => new Date(Date.now() + 8 * 3_600_000);
const day = (offset: number) => new Date(beijingNow().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const quarterNow = () => `${beijingNow().getUTCFullYear()}Q${Math.floor(beijingNow().getUTCMonth() / 3) + 1}`;

const home = async (): Promise<HomeView> => {
  // A signed-in read is never cached, so each call sees the latest state.
  const res = await api.call<HomeView>('GET', '/api/home', { token: admin.token });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  const broker = await registerUser(api, { roles: [PlatformRole.Broker] });
  const disabledBroker = await registerUser(api, { roles: [PlatformRole.Broker] });
  await api.db.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [disabledBroker.id]);
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true, input: { name: '湛江首页测试海洋科技有限公司' } })).id;

  // The campaign opens first, so the need published below is collected by it.
  const campaign = await api.call('POST', '/api/admin/campaigns', {
    token: admin.token,
    body: {
      title: '首页测试季度技术需求征集',
      quarter: quarterNow(),
      startsOn: day(-1),
      endsOn: day(10),
      focusIndustries: ['marine'],
      focusRegions: ['potou'],
      targets: [{ dimension: 'industry', code: 'marine', kind: 'need', target: 5 }],
      reminderDays: [7],
    },
  });
  expect(campaign.status).toBe(201);
  campaignId = campaign.body.id;
  expect((await api.call('POST', `/api/admin/campaigns/${campaignId}/open`, { token: admin.token })).status).toBe(200);

  needId = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: '首页测试：对虾尾水处理需求' }));
  achievementId = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '首页测试：金鲳鱼病害防控成果' }));
  const draft = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { title: '首页测试：尚未提交的草稿' }) });
  expect(draft.status).toBe(201);
  draftNeedId = draft.body.id;

  const challengeInput = (title: string) => ({
    ownerOrgId: orgId,
    acceptorUserId: owner.id,
    title,
    background: '湛江近海养殖平台每年遭遇台风，现有锚泊系统在 15 级风况下失效。',
    indicators: [{ name: '抗风等级', target: '≥ 17', unit: '级', verification: '水池模型试验' }],
    chains: ['marine.equipment'],
    bounty: '3000000.00',
    fundingSource: '市财政科技专项',
    applicationDeadline: deadline,
    periodMonths: 24,
    eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
    mode: 'single',
    teams: 1,
    rubric: [{ name: '技术路线可行性', weight: 100 }],
    milestones: [{ title: '签约启动', deliverables: '实施方案', dueOffsetDays: 30, sharePercent: 100 }],
    firstTrancheMinPercent: 60,
  });
  const challenge = await api.call('POST', '/api/challenges', { token: admin.token, body: challengeInput('首页测试：深远海养殖平台抗台风锚泊系统') });
  expect(challenge.status).toBe(201);
  challengeId = challenge.body.id;
  expect((await api.call('POST', `/api/admin/challenges/${challengeId}/publish`, { token: admin.token })).status).toBe(200);
  // A challenge still in draft is not on the home page.
  expect((await api.call('POST', '/api/challenges', { token: admin.token, body: challengeInput('首页测试：草稿榜单') })).status).toBe(201);

  const university = await registerUser(api);
  const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '首页测试大学' } })).id;
  const deal = await api.db.query(`INSERT INTO deal (title, demand_org_id, supply_org_id, lead_broker_id, stage) VALUES ('首页测试对接', $1, $2, $3, 'registered') RETURNING id`, [
    orgId,
    uniOrg,
    broker.id,
  ]);
  await api.db.query(
    `INSERT INTO contract_registration (deal_id, contract_name, contract_type, contract_subtype, buyer_name, buyer_credit_code, seller_name, seller_credit_code,
       signed_on, period_start, period_end, total_amount, tech_amount, payment_terms, registration_number, registered_on)
     VALUES ($1, '技术开发合同', 'dev', 'dev.commissioned', '甲方', '91440800MA00000001', '乙方', '12440000MA00000002', $2, $2, $2, '1234567.89', '1000000.00', '一次付清', $3, $2)`,
    [deal.rows[0].id, day(0), `HOME-${Date.now()}`],
  );
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('the public home page (GET /api/home)', () => {
  it('answers anonymous readers with the figures the database holds', async () => {
    const res = await api.call<HomeView>('GET', '/api/home');
    expect(res.status).toBe(200);
    const db = (
      await api.db.query(
        `SELECT (SELECT count(*)::int FROM tech_need WHERE status = 'published') AS needs, (SELECT count(*)::int FROM achievement WHERE status = 'published') AS achievements`,
      )
    ).rows[0];
    expect(res.body.figures).toMatchObject({
      needs: db.needs,
      achievements: db.achievements,
      openChallenges: 1,
      year: beijingNow().getUTCFullYear(),
      contractValue: '1234567.89',
      contracts: 1,
      activeBrokers: 1,
    });
    expect(db.needs).toBeGreaterThanOrEqual(1);
  });

  it('lists the latest published needs and achievements, never a draft', async () => {
    const body = await home();
    expect(body.latestNeeds[0]).toMatchObject({
      id: needId,
      kind: 'need',
      title: '首页测试：对虾尾水处理需求',
      ownerOrgName: '湛江首页测试海洋科技有限公司',
      industries: ['marine'],
    });
    expect(body.latestAchievements[0]).toMatchObject({ id: achievementId, kind: 'achievement', title: '首页测试：金鲳鱼病害防控成果' });
    expect(body.latestNeeds.map((n) => n.id)).not.toContain(draftNeedId);
  });

  it('shows the open challenge with its deadline and bounty', async () => {
    const body = await home();
    expect(body.openChallenges).toEqual([
      {
        id: challengeId,
        title: '首页测试：深远海养殖平台抗台风锚泊系统',
        bounty: '3000000.00',
        applicationDeadline: deadline,
        ownerOrgName: '湛江首页测试海洋科技有限公司',
        industries: ['marine'],
        applicationCount: 0,
      },
    ]);
  });

  it('drops a challenge from the open list once its deadline has passed', async () => {
    await api.db.query(`UPDATE challenge SET application_deadline = now() - interval '1 minute' WHERE id = $1`, [challengeId]);
    try {
      const body = await home();
      expect(body.openChallenges).toEqual([]);
      expect(body.figures.openChallenges).toBe(0);
    } finally {
      await api.db.query(`UPDATE challenge SET application_deadline = $2 WHERE id = $1`, [challengeId, deadline]);
    }
  });

  it('gives every industry with its counts, 四绿一蓝 in the taxonomy order', async () => {
    const body = await home();
    expect(body.industries.map((i) => i.code)).toEqual(TAXONOMY.industries.map((i) => i.code));
    expect(body.industries.find((i) => i.code === 'marine')).toEqual({ code: 'marine', needs: 1, achievements: 1, challenges: 1 });
    expect(body.industries.find((i) => i.code === 'steel')).toEqual({ code: 'steel', needs: 0, achievements: 0, challenges: 0 });
  });

  it('shows the open campaign with what it has collected and published', async () => {
    const body = await home();
    expect(body.campaign).toEqual({
      id: campaignId,
      title: '首页测试季度技术需求征集',
      quarter: quarterNow(),
      startsOn: day(-1),
      endsOn: day(10),
      focusIndustries: ['marine'],
      focusRegions: ['potou'],
      needs: 1,
      achievements: 1,
    });
  });

  it('never carries the confidential part, contact details or a draft', async () => {
    const res = await api.call('GET', '/api/home');
    for (const secret of [
      '联系人手机 13900001111',
      '13800001234',
      '吴工',
      '核心配方与工艺参数',
      'lin@example.edu.cn',
      '首页测试：尚未提交的草稿',
      '首页测试：草稿榜单',
      '市财政科技专项',
    ]) {
      expect(res.text).not.toContain(secret);
    }
  });

  it('is cached for anonymous readers like the other public reads', async () => {
    const first = await api.call('GET', '/api/home?cache-check=1');
    const second = await api.call('GET', '/api/home?cache-check=1');
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  it('shows no campaign once it has closed', async () => {
    expect((await api.call('POST', `/api/admin/campaigns/${campaignId}/close`, { token: admin.token })).status).toBe(200);
    expect((await home()).campaign).toBeNull();
  });
});
