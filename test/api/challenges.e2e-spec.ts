import { readChallengeAward } from '@ztt/challenges';
import { PlatformRole } from '@ztt/contracts';
import { DataSource } from 'typeorm';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let owner: TestUser; // the enterprise that publishes the challenge and accepts deliverables
let researcher: TestUser; // team lead at the university
let institute: TestUser; // team lead at an institute
let rdi: TestUser; // team lead at a new R&D institution
let reviewers: TestUser[];
let insideReviewer: TestUser; // a reviewer who works at the university
let ownerOrg: string;
let uniOrg: string;
let instOrg: string;
let rdiOrg: string;

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function challengeInput(ownerOrgId: string, acceptorUserId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ownerOrgId,
    acceptorUserId,
    title: '深远海养殖平台抗台风锚泊系统关键技术攻关',
    background: '湛江近海养殖平台每年遭遇台风，现有锚泊系统在 15 级风况下失效，需要可靠的锚泊与监测方案。',
    indicators: [
      { name: '抗风等级', target: '≥ 17', unit: '级', verification: '水池模型试验与第三方检测' },
      { name: '锚泊系统寿命', target: '≥ 20', unit: '年', verification: '疲劳分析报告' },
    ],
    chains: ['marine.equipment', 'marine.ranching'],
    bounty: '3000000.00',
    fundingSource: '市财政科技专项 50% + 企业自筹 50%',
    applicationDeadline: inAnHour(),
    periodMonths: 24,
    eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
    mode: 'single',
    teams: 1,
    rubric: [
      { name: '技术路线可行性', weight: 50 },
      { name: '团队能力', weight: 30 },
      { name: '经费合理性', weight: 20 },
    ],
    milestones: [
      { title: '签约启动', deliverables: '任务书与实施方案', dueOffsetDays: 30, sharePercent: 60 },
      { title: '中期验收', deliverables: '水池试验报告', dueOffsetDays: 365, sharePercent: 30 },
      { title: '结题验收', deliverables: '示范应用与检测报告', dueOffsetDays: 700, sharePercent: 10 },
    ],
    firstTrancheMinPercent: 60,
    ...overrides,
  };
}

function applicationInput(orgId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgId,
    technicalRoute: '采用张紧式合成纤维缆与吸力锚组合，配合实时张力监测与预警。',
    indicatorPlans: [
      { indicator: 0, plan: '数值模拟 + 1:40 水池模型试验验证 17 级风况' },
      { indicator: 1, plan: '基于雨流计数法的疲劳寿命评估' },
    ],
    schedule: '第 1–6 月设计；第 7–12 月水池试验；第 13–24 月海上示范',
    budget: '2800000.00',
    budgetNotes: '设备 120 万，试验 100 万，人员 60 万',
    team: [{ name: '林海', role: '项目负责人' }],
    achievementIds: [],
    ipItems: [],
    ...overrides,
  };
}

async function publishedChallenge(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await api.call('POST', '/api/challenges', { token: admin.token, body: challengeInput(ownerOrg, owner.id, overrides) });
  if (created.status !== 201) throw new Error(`create challenge: ${created.status} ${created.text}`);
  const published = await api.call('POST', `/api/admin/challenges/${created.body.id}/publish`, { token: admin.token });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  return created.body.id as string;
}

async function apply(challengeId: string, lead: TestUser, orgId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api.call('POST', `/api/challenges/${challengeId}/applications`, { token: lead.token, body: applicationInput(orgId, overrides) });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
  return res.body.id as string;
}

const post = (path: string, user: TestUser, body?: unknown) => api.call('POST', path, { token: user.token, body });

async function declareAndScore(reviewer: TestUser, challengeId: string, applicationId: string, scores: number[]): Promise<void> {
  expect(
    (
      await api.call('PUT', `/api/review/challenges/${challengeId}/declaration`, {
        token: reviewer.token,
        body: { conflictApplicationIds: [], statement: '本人与各揭榜方无利益冲突' },
      })
    ).status,
  ).toBe(200);
  const res = await post(`/api/review/challenge-applications/${applicationId}/score`, reviewer, { scores, comment: '方案可行' });
  expect(res.status).toBe(201);
}

/** Moves the objection window's end into the past, as the clock would. */
async function closeWindow(challengeId: string): Promise<void> {
  await api.db.query(`UPDATE challenge SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [challengeId]);
  await api.db.query(`UPDATE challenge_decision SET notice_ends_at = now() - interval '1 second' WHERE challenge_id = $1`, [challengeId]);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局' });
  owner = await registerUser(api, { displayName: '海洋牧场 验收人' });
  researcher = await registerUser(api, { displayName: '林海教授' });
  institute = await registerUser(api, { displayName: '研究所 张工' });
  rdi = await registerUser(api, { displayName: '研发机构 许工' });
  reviewers = await Promise.all([1, 2, 3].map((i) => registerUser(api, { roles: [PlatformRole.Reviewer], displayName: `评审专家${i}` })));
  insideReviewer = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '大学内的评审专家' });
  ownerOrg = (await createOrg(api, owner, { verified: true, input: { name: '湛江蓝海牧场测试公司', region: 'xiashan' } })).id;
  uniOrg = (await createOrg(api, researcher, { verified: true, input: { type: 'university', name: '湛江海洋大学测试', region: 'mazhang' } })).id;
  instOrg = (await createOrg(api, institute, { verified: true, input: { type: 'institute', name: '南海水产研究所测试', region: 'chikan' } })).id;
  rdiOrg = (await createOrg(api, rdi, { verified: true, input: { type: 'new-rd-institution', name: '海洋装备研发院测试', region: 'gba' } })).id;
  await api.db.query(`INSERT INTO membership (organisation_id, user_id, role, status) VALUES ($1, $2, 'member', 'active')`, [uniOrg, insideReviewer.id]);
});
afterAll(async () => {
  await api?.close();
});

describe('challenge lifecycle, single award', () => {
  it('runs publish → apply → panel review → award → notice → objection → final → milestones → completed, every step audited', async () => {
    const id = await publishedChallenge();
    const board = await api.call('GET', '/api/challenges?group=open');
    expect(board.status).toBe(200);
    expect(board.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const detail = await api.call('GET', `/api/challenges/${id}`, { token: researcher.token });
    expect(detail.body).toMatchObject({ status: 'published', bounty: '3000000.00', can: { apply: true } });

    const uniApp = await apply(id, researcher, uniOrg);
    const instApp = await apply(id, institute, instOrg, { team: [{ name: '张工', role: '负责人', userId: institute.id }] });
    // The team edits until the deadline.
    const current = await api.call('GET', `/api/challenge-applications/${uniApp}`, { token: researcher.token });
    const edited = await api.call('PATCH', `/api/challenge-applications/${uniApp}`, { token: researcher.token, body: { version: current.body.version, budget: '2750000.50' } });
    expect(edited.status).toBe(200);
    expect(edited.body.budget).toBe('2750000.50');
    // Another organisation cannot read the proposal.
    expect((await api.call('GET', `/api/challenge-applications/${uniApp}`, { token: institute.token })).status).toBe(404);

    const panel = await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [...reviewers.map((r) => r.id), insideReviewer.id] } });
    expect(panel.status).toBe(200);
    expect(panel.body.reviewers).toHaveLength(4);
    // Only reviewers may sit on a panel.
    const notReviewer = await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [owner.id] } });
    expect(notReviewer.status).toBe(400);
    expect(notReviewer.body.error.details[0].message).toBe('只能选择具有评审专家角色的用户');

    // Scoring waits for the review to start.
    expect((await post(`/api/admin/challenges/${id}/start-review`, admin)).status).toBe(200);
    expect((await post(`/api/challenges/${id}/applications`, rdi, applicationInput(rdiOrg))).status).toBe(409);

    // Reviewers must declare before scoring.
    const early = await post(`/api/review/challenge-applications/${uniApp}/score`, reviewers[0] as TestUser, { scores: [80, 80, 80], comment: '' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CHALLENGE_DECLARATION_REQUIRED');

    await declareAndScore(reviewers[0] as TestUser, id, uniApp, [90, 80, 70]); // 83.00
    await declareAndScore(reviewers[1] as TestUser, id, uniApp, [80, 80, 80]); // 80.00
    await declareAndScore(reviewers[2] as TestUser, id, uniApp, [70, 60, 90]); // 71.00
    await post(`/api/review/challenge-applications/${instApp}/score`, reviewers[0] as TestUser, { scores: [60, 60, 60], comment: '' });
    await post(`/api/review/challenge-applications/${instApp}/score`, reviewers[1] as TestUser, { scores: [70, 50, 60], comment: '' });

    const ranking = await api.call('GET', `/api/admin/challenges/${id}/ranking`, { token: admin.token });
    expect(ranking.body.map((r: { applicationId: string; aggregate: string; rank: number }) => [r.applicationId, r.aggregate, r.rank])).toEqual([
      [uniApp, '78.00', 1],
      [instApp, '61.00', 2],
    ]);

    const awarded = await post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [uniApp], rationale: '综合得分第一，技术路线成熟', objectionDays: 7 });
    expect(awarded.status).toBe(200);
    expect(awarded.body).toMatchObject({ windowOpen: true, winners: [{ applicationId: uniApp, aggregate: '78.00' }] });
    // The notice is public.
    const notice = await api.call('GET', `/api/challenges/${id}/notice`);
    expect(notice.status).toBe(200);
    expect(notice.body.rationale).toBe('综合得分第一，技术路线成熟');

    const objection = await post(`/api/challenges/${id}/objections`, institute, { text: '我方认为评分中团队能力一项偏低' });
    expect(objection.status).toBe(201);

    // The objection window blocks finalisation, then an unanswered objection does.
    const tooEarly = await post(`/api/admin/challenges/${id}/finalise`, admin);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error).toMatchObject({ code: 'CHALLENGE_OBJECTION_WINDOW_OPEN', message: '公示期尚未结束，暂不能确认结果' });
    await closeWindow(id);
    expect((await post(`/api/challenges/${id}/objections`, institute, { text: '再提一条' })).status).toBe(409);
    const unanswered = await post(`/api/admin/challenges/${id}/finalise`, admin);
    expect(unanswered.body.error.code).toBe('CHALLENGE_OBJECTIONS_UNANSWERED');
    expect((await post(`/api/admin/challenge-objections/${objection.body.id}/answer`, admin, { answer: '经复核，评分符合评审细则' })).status).toBe(200);
    const final = await post(`/api/admin/challenges/${id}/finalise`, admin);
    expect(final.status).toBe(200);
    expect(final.body.status).toBe('in_progress');

    const apps = await api.db.query(`SELECT id, status FROM challenge_application WHERE challenge_id = $1 ORDER BY status`, [id]);
    expect(apps.rows).toEqual([
      { id: uniApp, status: 'awarded' },
      { id: instApp, status: 'not_awarded' },
    ]);
    const notified = await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND type = 'challenge.awarded'`, [researcher.id]);
    expect(notified.rows[0].n).toBe(1);

    // Milestones from the template, each with its tranche of the bounty.
    const ms = await api.call('GET', `/api/challenges/${id}/milestones`, { token: researcher.token });
    expect(ms.body.map((m: { seq: number; amount: string; status: string }) => [m.seq, m.amount, m.status])).toEqual([
      [1, '1800000.00', 'planned'],
      [2, '900000.00', 'planned'],
      [3, '300000.00', 'planned'],
    ]);
    // In order: the second cannot be submitted before the first is accepted.
    expect((await post(`/api/challenge-milestones/${ms.body[1].id}/submit`, researcher, { report: '提前提交', indicatorResults: [] })).status).toBe(409);
    // The losing team sees no milestones.
    expect((await api.call('GET', `/api/challenges/${id}/milestones`, { token: institute.token })).body).toEqual([]);
    // An outsider cannot see them at all.
    expect((await api.call('GET', `/api/challenges/${id}/milestones`, { token: rdi.token })).status).toBe(404);

    for (const m of ms.body as { id: string; amount: string }[]) {
      const submitted = await post(`/api/challenge-milestones/${m.id}/submit`, researcher, {
        report: '按期完成',
        indicatorResults: [{ indicator: 0, value: '17', note: '水池试验' }],
      });
      expect(submitted.status).toBe(200);
      // Only the acceptor reviews.
      expect((await post(`/api/challenge-milestones/${m.id}/review`, researcher, { decision: 'accepted', comment: '' })).status).toBe(404);
      const accepted = await post(`/api/challenge-milestones/${m.id}/review`, owner, { decision: 'accepted', comment: '同意验收' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.payment).toMatchObject({ amount: m.amount });
      expect(accepted.body.payment.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const payments = await api.db.query(
      `SELECT sum(p.amount)::text AS total, count(*)::int AS n FROM challenge_payment p JOIN challenge_milestone m ON m.id = p.milestone_id WHERE m.challenge_id = $1`,
      [id],
    );
    expect(payments.rows[0]).toEqual({ total: '3000000.00', n: 3 });
    expect((await api.call('GET', `/api/challenges/${id}`)).body.status).toBe('completed');

    const actions = await api.db.query(`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'challenge.%'`);
    expect(actions.rows.map((r: { action: string }) => r.action).sort()).toEqual(
      expect.arrayContaining([
        'challenge.created',
        'challenge.published',
        'challenge.applied',
        'challenge.application_updated',
        'challenge.panel_set',
        'challenge.review_started',
        'challenge.conflict_declared',
        'challenge.scored',
        'challenge.award_decided',
        'challenge.objection_filed',
        'challenge.objection_answered',
        'challenge.award_finalised',
        'challenge.milestone_submitted',
        'challenge.milestone_accepted',
        'challenge.completed',
      ]),
    );
  });

  it('lets an enterprise draft a challenge that an admin approves, with the rules checked in Chinese', async () => {
    const bad = await api.call('POST', '/api/challenges', {
      token: owner.token,
      body: challengeInput(ownerOrg, owner.id, {
        rubric: [
          { name: '可行性', weight: 60 },
          { name: '团队', weight: 30 },
        ],
        milestones: [
          { title: '签约', deliverables: '任务书', dueOffsetDays: 0, sharePercent: 50 },
          { title: '结题', deliverables: '报告', dueOffsetDays: 300, sharePercent: 40 },
        ],
        periodMonths: 48,
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('periodMonths');
    const bad2 = await api.call('POST', '/api/challenges', {
      token: owner.token,
      body: challengeInput(ownerOrg, owner.id, {
        rubric: [
          { name: '可行性', weight: 60 },
          { name: '团队', weight: 30 },
        ],
        milestones: [
          { title: '签约', deliverables: '任务书', dueOffsetDays: 0, sharePercent: 50 },
          { title: '结题', deliverables: '报告', dueOffsetDays: 300, sharePercent: 40 },
        ],
      }),
    });
    expect(bad2.status).toBe(400);
    expect(bad2.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      '评审指标的权重之和必须为 100（当前 90）',
      '各里程碑的拨付比例之和必须为 100%（当前 90%）',
      '签约后首笔拨付比例不得低于 60%',
    ]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge WHERE owner_org_id = $1 AND created_by = $2`, [ownerOrg, owner.id])).rows[0].n).toBe(0);

    const draft = await api.call('POST', '/api/challenges', { token: owner.token, body: challengeInput(ownerOrg, owner.id, { title: '企业起草的榜单' }) });
    expect(draft.status).toBe(201);
    // Drafts are not public.
    expect((await api.call('GET', `/api/challenges/${draft.body.id}`)).status).toBe(404);
    expect((await post(`/api/challenges/${draft.body.id}/submit`, owner)).status).toBe(200);
    const rejected = await post(`/api/admin/challenges/${draft.body.id}/reject`, admin, { reason: '指标需量化' });
    expect(rejected.body).toMatchObject({ status: 'draft', rejectionReason: '指标需量化' });
    expect((await post(`/api/challenges/${draft.body.id}/submit`, owner)).status).toBe(200);
    const published = await post(`/api/admin/challenges/${draft.body.id}/publish`, admin);
    expect(published.body.status).toBe('published');
    expect((await api.call('GET', `/api/challenges/${draft.body.id}`)).status).toBe(200);
  });
});

describe('challenge lifecycle, horse race', () => {
  it('funds two teams in parallel, eliminates one after a failed milestone review, and completes with the other', async () => {
    const id = await publishedChallenge({ mode: 'horse_race', teams: 2, title: '赛马制：海上风电运维机器人' });
    const a = await apply(id, researcher, uniOrg);
    const b = await apply(id, institute, instOrg);
    await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [reviewers[0]?.id] } });
    await post(`/api/admin/challenges/${id}/start-review`, admin);
    await declareAndScore(reviewers[0] as TestUser, id, a, [90, 90, 90]);
    await post(`/api/review/challenge-applications/${b}/score`, reviewers[0] as TestUser, { scores: [80, 80, 80], comment: '' });
    // Three winners are too many for two parallel teams.
    const tooMany = await post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [a, b, a.replace(/.$/, '0')], rationale: '择优', objectionDays: 5 });
    expect(tooMany.status).toBe(400);
    expect((await post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [a, b], rationale: '两支团队并行攻关', objectionDays: 5 })).status).toBe(200);
    await closeWindow(id);
    expect((await post(`/api/admin/challenges/${id}/finalise`, admin)).status).toBe(200);

    const ms = (await api.call('GET', `/api/challenges/${id}/milestones`, { token: owner.token })).body as { id: string; applicationId: string; seq: number; amount: string }[];
    expect(ms).toHaveLength(6);
    // Each team's tranche is its share of the bounty split between the two teams.
    expect(ms.filter((m) => m.applicationId === a).map((m) => m.amount)).toEqual(['900000.00', '450000.00', '150000.00']);
    const aFirst = ms.find((m) => m.applicationId === a && m.seq === 1) as { id: string };
    // A team cannot be eliminated before failing a review.
    const premature = await post(`/api/challenge-applications/${a}/eliminate`, owner, { reason: '进度落后' });
    expect(premature.status).toBe(400);
    expect(premature.body.error.details[0].message).toBe('只能淘汰里程碑验收未通过（已退回）的团队');

    await post(`/api/challenge-milestones/${aFirst.id}/submit`, researcher, { report: '初步方案', indicatorResults: [] });
    const sentBack = await post(`/api/challenge-milestones/${aFirst.id}/review`, owner, { decision: 'sent_back', comment: '未达到抗风等级指标' });
    expect(sentBack.body).toMatchObject({ status: 'sent_back', comment: '未达到抗风等级指标', payment: null });
    expect((await post(`/api/challenge-applications/${a}/eliminate`, owner, { reason: '中期验收未通过' })).status).toBe(204);
    expect((await api.db.query(`SELECT status FROM challenge_application WHERE id = $1`, [a])).rows[0].status).toBe('eliminated');
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_milestone WHERE application_id = $1 AND status = 'cancelled'`, [a])).rows[0].n).toBe(3);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND type = 'challenge.eliminated'`, [researcher.id])).rows[0].n).toBe(1);
    // The eliminated team can no longer submit.
    expect((await post(`/api/challenge-milestones/${aFirst.id}/submit`, researcher, { report: '再试', indicatorResults: [] })).status).toBe(409);

    for (const m of ms.filter((x) => x.applicationId === b)) {
      expect((await post(`/api/challenge-milestones/${m.id}/submit`, institute, { report: '完成', indicatorResults: [{ indicator: 1, value: '22' }] })).status).toBe(200);
      expect((await post(`/api/challenge-milestones/${m.id}/review`, owner, { decision: 'accepted', comment: '' })).status).toBe(200);
    }
    expect((await api.call('GET', `/api/challenges/${id}`)).body.status).toBe('completed');
    // What a deal opened for this award reads.
    const award = await readChallengeAward(api.app.get(DataSource).manager, id);
    expect(award).toMatchObject({ challengeId: id, ownerOrgId: ownerOrg, bounty: '3000000.00' });
    expect(award?.winners).toEqual([
      { applicationId: a, orgId: uniOrg, status: 'eliminated' },
      { applicationId: b, orgId: instOrg, status: 'awarded' },
    ]);
    expect(award?.finalisedAt).toEqual(expect.any(String));
  });

  it('refuses elimination in single-award mode', async () => {
    const id = await publishedChallenge({ title: '单一揭榜：不能淘汰' });
    const a = await apply(id, researcher, uniOrg);
    await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [reviewers[0]?.id] } });
    await post(`/api/admin/challenges/${id}/start-review`, admin);
    await post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [a], rationale: '唯一方案', objectionDays: 1 });
    await closeWindow(id);
    await post(`/api/admin/challenges/${id}/finalise`, admin);
    const res = await post(`/api/challenge-applications/${a}/eliminate`, owner, { reason: '试图淘汰' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toBe('只有赛马制榜单可以淘汰团队');
  });
});

describe('from award to deal', () => {
  it('lets a broker open a deal for the final award: the owner is the demand side, the winning team the supply side, once', async () => {
    const broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '揭榜经纪人' });
    const id = await publishedChallenge({ title: '揭榜成果转化对接' });
    const a = await apply(id, researcher, uniOrg);
    await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [reviewers[0]?.id] } });
    await post(`/api/admin/challenges/${id}/start-review`, admin);
    await post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [a], rationale: '唯一方案', objectionDays: 1 });
    // Under public notice the award is not final yet: no deal.
    const early = await post('/api/deals', broker, { challengeId: id });
    expect(early.status).toBe(409);
    await closeWindow(id);
    expect((await post(`/api/admin/challenges/${id}/finalise`, admin)).status).toBe(200);
    const opened = await post('/api/deals', broker, { challengeId: id });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ challengeId: id, stage: 'lead', expectedValue: '3000000.00', title: '揭榜挂帅：揭榜成果转化对接' });
    expect(opened.body.demand).toMatchObject({ orgId: ownerOrg, contact: { name: '海洋牧场 验收人' } });
    expect(opened.body.supply).toMatchObject({ orgId: uniOrg, contact: { name: '林海教授' } });
    // One deal per winning team; the parties see it in their deals.
    expect((await post('/api/deals', broker, { challengeId: id })).status).toBe(409);
    const mine = await api.call('GET', '/api/deals', { token: researcher.token });
    expect(mine.body.items.map((d: { id: string }) => d.id)).toContain(opened.body.id);
    // A team that did not win is not a party to the award.
    expect((await post('/api/deals', broker, { challengeId: id, applicationId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
  });
});

describe('eligibility', () => {
  it('refuses an organisation outside the rules with every reason, and records nothing', async () => {
    const id = await publishedChallenge({
      title: '限高校与研究所、限湛江本地、须有知识产权',
      eligibility: { orgTypes: ['university', 'institute'], regions: ['chikan', 'mazhang'], mustOwnIp: true },
    });
    const res = await post(`/api/challenges/${id}/applications`, rdi, applicationInput(rdiOrg));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CHALLENGE_NOT_ELIGIBLE');
    expect(res.body.error.message).toBe('本机构不符合该榜单的揭榜条件');
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      '机构类型不在允许范围内（允许：高等院校、科研院所）',
      '机构所在地区不在允许范围内（允许：赤坎区、麻章区）',
      '本榜单要求揭榜机构拥有自主知识产权（至少一项登记了知识产权的成果）',
    ]);
    const en = await api.call('POST', `/api/challenges/${id}/applications`, { token: rdi.token, body: applicationInput(rdiOrg), headers: { 'accept-language': 'en' } });
    expect(en.body.error.message).toBe('Your organisation does not meet this challenge’s eligibility rules');
    expect(en.body.error.details[0].message).toBe('The organisation type is not allowed (allowed: University, Research institute)');
    expect(en.body.error.details[1].message).toBe('The organisation’s region is not allowed (allowed: Chikan District, Mazhang District)');
    // The university owns no IP yet: refused for that reason alone; with a published achievement holding a patent, accepted.
    const noIp = await post(`/api/challenges/${id}/applications`, researcher, applicationInput(uniOrg));
    expect(noIp.body.error.details.map((d: { code: string }) => d.code)).toEqual(['elig_ip']);
    await publishItem(api, 'achievement', researcher, admin, achievementInput(uniOrg));
    expect((await post(`/api/challenges/${id}/applications`, researcher, applicationInput(uniOrg))).status).toBe(201);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_application WHERE challenge_id = $1`, [id])).rows[0].n).toBe(1);
  });

  it('refuses an unverified organisation and a lead who is not a member', async () => {
    const id = await publishedChallenge({ title: '认证检查' });
    const newcomer = await registerUser(api);
    const newOrg = (await createOrg(api, newcomer, { verified: false })).id;
    const unverified = await post(`/api/challenges/${id}/applications`, newcomer, applicationInput(newOrg));
    expect(unverified.status).toBe(422);
    expect(unverified.body.error.details[0].message).toBe('机构尚未通过平台认证');
    const notMember = await post(`/api/challenges/${id}/applications`, newcomer, applicationInput(uniOrg));
    expect(notMember.status).toBe(400);
  });

  it('closes applications and edits at the deadline, and lets a withdrawn organisation apply again before it', async () => {
    const id = await publishedChallenge({ title: '截止时间' });
    const appId = await apply(id, rdi, rdiOrg);
    expect((await post(`/api/challenge-applications/${appId}/withdraw`, rdi)).body.status).toBe('withdrawn');
    const again = await apply(id, rdi, rdiOrg);
    await api.db.query(`UPDATE challenge SET application_deadline = now() - interval '1 second' WHERE id = $1`, [id]);
    const late = await api.call('PATCH', `/api/challenge-applications/${again}`, { token: rdi.token, body: { version: 1, schedule: '改期' } });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('该榜单已截止揭榜，不能再提交或修改方案');
    expect((await post(`/api/challenges/${id}/applications`, institute, applicationInput(instOrg))).body.error.code).toBe('CHALLENGE_APPLICATIONS_CLOSED');
  });
});

describe('concurrency (docs/security.md #13)', () => {
  it('takes exactly one of 50 parallel applications from one organisation', async () => {
    const id = await publishedChallenge({ title: '并发揭榜' });
    const results = await Promise.all(Array.from({ length: 50 }, () => post(`/api/challenges/${id}/applications`, institute, applicationInput(instOrg))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.body.error).toMatchObject({ code: 'CHALLENGE_ALREADY_APPLIED', message: '本机构已揭榜该榜单，每个机构只能提交一份揭榜方案（可修改已有方案）' });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_application WHERE challenge_id = $1 AND org_id = $2`, [id, instOrg])).rows[0].n).toBe(1);
  });

  it('lands one award of two concurrent decisions, and one score of two concurrent submissions', async () => {
    const id = await publishedChallenge({ title: '并发决定' });
    const a = await apply(id, researcher, uniOrg);
    const b = await apply(id, institute, instOrg);
    await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [reviewers[1]?.id] } });
    await post(`/api/admin/challenges/${id}/start-review`, admin);
    await api.call('PUT', `/api/review/challenges/${id}/declaration`, { token: (reviewers[1] as TestUser).token, body: { conflictApplicationIds: [], statement: '' } });
    const scores = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(`/api/review/challenge-applications/${a}/score`, reviewers[1] as TestUser, { scores: [60 + i, 70, 80], comment: '' })),
    );
    expect(scores.filter((r) => r.status === 201)).toHaveLength(1);
    expect(scores.filter((r) => r.status === 409).every((r) => r.body.error.code === 'CHALLENGE_ALREADY_SCORED')).toBe(true);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_score WHERE application_id = $1`, [a])).rows[0].n).toBe(1);

    const decisions = await Promise.all([
      post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [a], rationale: '甲方案', objectionDays: 3 }),
      post(`/api/admin/challenges/${id}/award`, admin, { winnerApplicationIds: [b], rationale: '乙方案', objectionDays: 3 }),
    ]);
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_decision WHERE challenge_id = $1`, [id])).rows[0].n).toBe(1);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_application WHERE challenge_id = $1 AND status = 'shortlisted'`, [id])).rows[0].n).toBe(1);
  });
});

describe('review independence', () => {
  let id: string;
  let uniApp: string;
  let instApp: string;
  beforeAll(async () => {
    id = await publishedChallenge({ title: '评审回避与评分保密' });
    uniApp = await apply(id, researcher, uniOrg);
    instApp = await apply(id, institute, instOrg);
    await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [insideReviewer.id, reviewers[0]?.id, reviewers[2]?.id] } });
    await post(`/api/admin/challenges/${id}/start-review`, admin);
  });

  it('excludes a reviewer from the applicant’s organisation: they cannot read or score it', async () => {
    await api.call('PUT', `/api/review/challenges/${id}/declaration`, { token: insideReviewer.token, body: { conflictApplicationIds: [], statement: '' } });
    const panel = await api.call('GET', `/api/review/challenges/${id}`, { token: insideReviewer.token });
    expect(panel.body.applications.find((x: { id: string }) => x.id === uniApp).excluded).toBe('own-org');
    expect(panel.body.applications.find((x: { id: string }) => x.id === instApp).excluded).toBeNull();
    const score = await post(`/api/review/challenge-applications/${uniApp}/score`, insideReviewer, { scores: [100, 100, 100], comment: '本校方案' });
    expect(score.status).toBe(404);
    expect((await api.call('GET', `/api/review/challenge-applications/${uniApp}`, { token: insideReviewer.token })).status).toBe(404);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_score WHERE application_id = $1`, [uniApp])).rows[0].n).toBe(0);
    // The other application is theirs to score.
    expect((await post(`/api/review/challenge-applications/${instApp}/score`, insideReviewer, { scores: [70, 70, 70], comment: '' })).status).toBe(201);
  });

  it('excludes a declared conflict and a team member', async () => {
    await api.call('PUT', `/api/review/challenges/${id}/declaration`, {
      token: (reviewers[2] as TestUser).token,
      body: { conflictApplicationIds: [instApp], statement: '曾与该所合作' },
    });
    expect((await post(`/api/review/challenge-applications/${instApp}/score`, reviewers[2] as TestUser, { scores: [1, 1, 1], comment: '' })).status).toBe(404);
    const withMember = await publishedChallenge({ title: '团队成员回避' });
    const app = await apply(withMember, institute, instOrg, { team: [{ name: '专家一', role: '顾问', userId: reviewers[0]?.id }] });
    await api.call('PUT', `/api/admin/challenges/${withMember}/panel`, { token: admin.token, body: { reviewerIds: [reviewers[0]?.id] } });
    await post(`/api/admin/challenges/${withMember}/start-review`, admin);
    const panel = await api.call('GET', `/api/review/challenges/${withMember}`, { token: (reviewers[0] as TestUser).token });
    expect(panel.body.applications[0]).toMatchObject({ id: app, excluded: 'team-member' });
  });

  it('hides the other reviewers’ scores until the reader has submitted their own', async () => {
    const before = await api.call('GET', `/api/review/challenge-applications/${instApp}`, { token: (reviewers[0] as TestUser).token });
    expect(before.status).toBe(200);
    expect(before.body.myScore).toBeNull();
    expect(before.body.otherScores).toBeNull();
    expect(JSON.stringify(before.body)).not.toContain('"70.00"');
    await api.call('PUT', `/api/review/challenges/${id}/declaration`, { token: (reviewers[0] as TestUser).token, body: { conflictApplicationIds: [], statement: '' } });
    await post(`/api/review/challenge-applications/${instApp}/score`, reviewers[0] as TestUser, { scores: [90, 80, 70], comment: '好' });
    const after = await api.call('GET', `/api/review/challenge-applications/${instApp}`, { token: (reviewers[0] as TestUser).token });
    expect(after.body.myScore).toMatchObject({ total: '83.00', scores: [90, 80, 70] });
    expect(after.body.otherScores.map((s: { total: string; reviewerName: string }) => [s.reviewerName, s.total])).toEqual([['大学内的评审专家', '70.00']]);
  });
});

describe('discovery', () => {
  it('lists awarded challenges on the board, and admins invite an organisation with a link', async () => {
    const id = await publishedChallenge({ title: '邀请揭榜' });
    expect((await post(`/api/admin/challenges/${id}/invitations`, admin, { orgId: rdiOrg })).status).toBe(204);
    expect((await post(`/api/admin/challenges/${id}/invitations`, admin, { orgId: rdiOrg })).status).toBe(204);
    const n = await api.db.query(`SELECT link FROM notification WHERE user_id = $1 AND type = 'challenge.invited'`, [rdi.id]);
    expect(n.rows).toEqual([{ link: `/challenges/${id}` }]);
    const suggestions = await api.call('GET', `/api/admin/challenges/${id}/suggestions`, { token: admin.token });
    expect(suggestions.status).toBe(200);
    expect(Array.isArray(suggestions.body)).toBe(true);
    const awarded = await api.call('GET', '/api/challenges?group=awarded');
    expect(awarded.body.items.every((c: { status: string }) => ['in_progress', 'completed'].includes(c.status))).toBe(true);
    expect(awarded.body.items.length).toBeGreaterThanOrEqual(1);
    const filtered = await api.call('GET', `/api/challenges?chain=food.seed`);
    expect(filtered.body.total).toBe(0);
  });
});

describe('files', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
  const upload = (path: string, user: TestUser, data: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), name);
    return fetch(`${api.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
  };
  const download = (id: string, user: TestUser) => fetch(`${api.url}/api/challenge-files/${id}`, { headers: { authorization: `Bearer ${user.token}` } });

  it('checks proposal attachments like the catalogue, shows them to the panel, hides them from others, and audits outside downloads', async () => {
    const id = await publishedChallenge({ title: '附件检查' });
    const appId = await apply(id, researcher, uniOrg);
    const fake = await upload(`/api/challenge-applications/${appId}/attachments`, researcher, Buffer.from('<html><script>alert(1)</script></html>'), '方案.pdf');
    expect(fake.status).toBe(415);
    expect((await upload(`/api/challenge-applications/${appId}/attachments`, institute, PDF, '他人.pdf')).status).toBe(404);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM challenge_file WHERE owner_id = $1`, [appId])).rows[0].n).toBe(0);
    const ok = await upload(`/api/challenge-applications/${appId}/attachments`, researcher, PDF, '揭榜方案.pdf');
    expect(ok.status).toBe(201);
    const file = (await ok.json()) as { id: string; mimeType: string; fileName: string };
    expect(file).toMatchObject({ mimeType: 'application/pdf', fileName: '揭榜方案.pdf' });
    expect((await download(file.id, institute)).status).toBe(404);
    await api.call('PUT', `/api/admin/challenges/${id}/panel`, { token: admin.token, body: { reviewerIds: [reviewers[2]?.id] } });
    const dl = await download(file.id, reviewers[2] as TestUser);
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(PDF)).toBe(true);
    const audit = await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action = 'challenge.file_downloaded'`, [file.id]);
    expect(audit.rows).toHaveLength(1);
  });
});
