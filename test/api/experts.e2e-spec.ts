import { PlatformRole } from '@ztt/contracts';
import { achievementInput, challengeInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * 专家库 (docs/domain.md): a person fills their own expertise profile, an admin verifies it (audited,
 * the person is told); the public directory lists verified experts without contact details or
 * conflicts; a challenge's panel suggestions rank experts by fit with reasons and leave out anyone
 * linked to an applicant, saying why.
 */

describe('专家库: profiles, verification, the public directory and panel suggestions', () => {
  let api: TestApi;
  let admin: TestUser;
  let fit: TestUser;
  let weak: TestUser;
  let affiliated: TestUser;
  let conflicted: TestUser;
  let pending: TestUser;
  let lead: TestUser;
  let teammate: TestUser;
  let applicantOrg: string;
  let instituteOrg: string;
  let challenge: string;
  const profiles: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局管理员' });
    fit = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '甲锚泊专家' });
    weak = await registerUser(api, { displayName: '乙气象专家' });
    affiliated = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '丙海工专家' });
    conflicted = await registerUser(api, { roles: [PlatformRole.Reviewer], displayName: '丁院所专家' });
    pending = await registerUser(api, { displayName: '戊待审专家' });
    lead = await registerUser(api, { displayName: '揭榜团队负责人' });
    teammate = await registerUser(api, { displayName: '团队成员研究员' });
    const owner = await registerUser(api, { displayName: '发榜企业成员' });
    const ownerOrg = (await createOrg(api, owner, { verified: true, input: { name: '湛江深海养殖有限公司' } })).id;
    applicantOrg = (await createOrg(api, lead, { verified: true, input: { name: '湛江海工装备有限公司' } })).id;
    instituteOrg = (await createOrg(api, teammate, { verified: true, input: { name: '南海锚泊研究所', type: 'institute' } })).id;
    const created = await api.call('POST', '/api/challenges', {
      token: admin.token,
      body: challengeInput(ownerOrg, owner.id, { background: '湛江近海养殖平台每年遭遇台风，现有锚泊系统在 15 级风况下失效。' }),
    });
    expect(created.status).toBe(201);
    challenge = created.body.id;
    expect((await api.call('POST', `/api/admin/challenges/${challenge}/publish`, { token: admin.token })).status).toBe(200);
    const applied = await api.call('POST', `/api/challenges/${challenge}/applications`, {
      token: lead.token,
      body: {
        orgId: applicantOrg,
        technicalRoute: '张紧式合成纤维缆与吸力锚组合。',
        indicatorPlans: [{ indicator: 0, plan: '1:40 水池模型试验' }],
        schedule: '第 1–24 月',
        budget: '2800000.00',
        budgetNotes: '',
        team: [
          { name: '揭榜团队负责人', role: '项目负责人', userId: lead.id },
          { name: '团队成员研究员', role: '锚泊设计', userId: teammate.id },
        ],
        achievementIds: [],
        ipItems: [],
      },
    });
    expect(applied.status).toBe(201);
  }, 120_000);
  afterAll(() => api?.close());

  const profile = (overrides: Record<string, unknown> = {}) => ({
    kind: 'external',
    chains: ['marine.equipment'],
    keywords: ['锚泊', '台风'],
    titles: ['研究员'],
    affiliations: '上海交通大学船舶海洋与建筑工程学院',
    bio: '',
    affiliatedOrgIds: [],
    conflicts: [],
    ...overrides,
  });
  const save = (u: TestUser, body: unknown) => api.call('PUT', '/api/me/expert-profile', { token: u.token, body });
  const verify = (id: string) => api.call('POST', `/api/admin/experts/${id}/review`, { token: admin.token, body: { decision: 'verify' } });

  it('lets a person fill their own profile, pending until an admin verifies it (audited, the person told)', async () => {
    expect((await api.call('GET', '/api/me/expert-profile', { token: fit.token })).status).toBe(404);
    const saved = await save(fit, profile({ keywords: [' 锚泊 ', '台风', '锚泊', '系泊'], titles: ['研究员', '博士生导师'] }));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: '甲锚泊专家', kind: 'external', keywords: ['锚泊', '台风', '系泊'], status: 'pending', reviewer: true });
    profiles.fit = saved.body.id;

    const pendingList = await api.call('GET', '/api/admin/experts?status=pending', { token: admin.token });
    expect(pendingList.body.items.map((p: { id: string }) => p.id)).toContain(profiles.fit);
    const verified = await verify(profiles.fit);
    expect(verified.status).toBe(201);
    expect(verified.body.status).toBe('verified');
    const audit = await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [profiles.fit]);
    expect(audit.rows.map((r) => r.action)).toEqual(['expert.verified']);
    const told = await api.call('GET', '/api/notifications', { token: fit.token });
    expect(JSON.stringify(told.body)).toContain('专家信息已审核通过');
    expect((await api.call('POST', `/api/admin/experts/${profiles.fit}/review`, { token: fit.token, body: { decision: 'verify' } })).status).toBe(403);
  });

  it('refuses bad input in Chinese and changes nothing: a rejection without a reason, a conflict without one, an unknown kind', async () => {
    const before = (await api.db.query(`SELECT status, updated_at FROM expert_profile WHERE id = $1`, [profiles.fit])).rows[0];
    const noReason = await api.call('POST', `/api/admin/experts/${profiles.fit}/review`, { token: admin.token, body: { decision: 'reject', reason: '  ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ field: 'reason', code: 'expert_reason_required', message: '请说明原因' }]);
    const conflictNoReason = await save(fit, profile({ conflicts: [{ orgId: applicantOrg, reason: ' ' }] }));
    expect(conflictNoReason.status).toBe(400);
    expect(conflictNoReason.body.error.details).toEqual([{ field: 'conflicts', code: 'expert_reason_required', message: '请说明原因' }]);
    expect((await save(fit, profile({ kind: 'guru' }))).status).toBe(400);
    expect((await save(fit, profile({ chains: [], keywords: [] }))).body.error.details[0].message).toBe('请至少填写一个产业链或专长关键词');
    expect((await api.db.query(`SELECT status, updated_at FROM expert_profile WHERE id = $1`, [profiles.fit])).rows[0]).toEqual(before);
  });

  it('lists verified experts publicly without contact details or conflicts', async () => {
    const c = await save(conflicted, profile({ kind: 'local', keywords: ['锚泊'], conflicts: [{ orgId: instituteOrg, reason: '曾为该所兼职研究员' }] }));
    profiles.conflicted = c.body.id;
    await verify(profiles.conflicted);
    const list = await api.call('GET', '/api/experts');
    expect(list.status).toBe(200);
    const shown = list.body.items.find((e: { id: string }) => e.id === profiles.conflicted);
    expect(shown).toEqual({
      id: profiles.conflicted,
      name: '丁院所专家',
      kind: 'local',
      titles: ['研究员'],
      chains: ['marine.equipment'],
      keywords: ['锚泊'],
      affiliations: '上海交通大学船舶海洋与建筑工程学院',
      bio: '',
    });
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('@');
    expect(text).not.toContain('曾为该所兼职研究员');
    expect(await (await fetch(`${api.url}/sitemap.xml`)).text()).toContain('/experts</loc>');
  });

  it('suggests fitting experts for a challenge panel, best first with reasons, and leaves out those linked to an applicant with the reason', async () => {
    profiles.weak = (await save(weak, profile({ kind: 'practitioner', chains: ['marine.ranching'], keywords: ['台风'] }))).body.id;
    profiles.affiliated = (await save(affiliated, profile({ affiliatedOrgIds: [applicantOrg] }))).body.id;
    await save(pending, profile());
    for (const id of [profiles.weak, profiles.affiliated]) await verify(id);

    const res = await api.call('GET', `/api/admin/challenges/${challenge}/panel-suggestions`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.suggestions.map((s: { name: string }) => s.name)).toEqual(['甲锚泊专家', '乙气象专家']);
    expect(res.body.suggestions[0]).toMatchObject({ userId: fit.id, score: 5, reason: '同属产业链：海工装备制造；关键词：锚泊、台风', reviewer: true });
    expect(res.body.suggestions[1]).toMatchObject({ userId: weak.id, score: 1, reason: '关键词：台风', reviewer: false });
    expect(res.body.excluded).toEqual([
      {
        userId: affiliated.id,
        profileId: profiles.affiliated,
        name: '丙海工专家',
        reason: '与揭榜方 湛江海工装备有限公司 有关联：本人近三年任职或所属机构含湛江海工装备有限公司',
      },
      {
        userId: conflicted.id,
        profileId: profiles.conflicted,
        name: '丁院所专家',
        reason: '与揭榜方 湛江海工装备有限公司 有关联：本人声明回避团队成员所属机构南海锚泊研究所（曾为该所兼职研究员）',
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('戊待审专家');

    // The suggestion goes onto the panel through the existing panel API (the reviewer role is required).
    const seated = await api.call('PUT', `/api/admin/challenges/${challenge}/panel`, { token: admin.token, body: { reviewerIds: [res.body.suggestions[0].userId] } });
    expect(seated.status).toBe(200);
    expect(seated.body.reviewers.map((r: { userId: string }) => r.userId)).toEqual([fit.id]);
    expect((await api.call('GET', `/api/admin/challenges/${challenge}/panel-suggestions`, { token: fit.token })).status).toBe(403);
  });

  it('lets a need’s organisation ask a chosen expert, who accepts and answers in writing with each side told; an outsider gets 404', async () => {
    const need = await publishItem(api, 'need', lead, admin, needInput(applicantOrg, { title: '养殖平台锚泊缆绳磨损监测' }));
    const outsider = await registerUser(api, { displayName: '无关人员' });
    const empty = await api.call('POST', `/api/needs/${need}/consultations`, { token: lead.token, body: { question: '  ', expertProfileId: profiles.fit } });
    expect(empty.body.error.details).toEqual([{ field: 'question', code: 'consultation_question_required', message: '请填写咨询的问题' }]);
    const unverified = await api.call('POST', `/api/needs/${need}/consultations`, {
      token: lead.token,
      body: { question: '如何监测？', expertProfileId: profiles.affiliated.replace(/.$/, '0') },
    });
    expect(unverified.body.error.details[0].message).toBe('请选择专家库中已审核的专家');
    expect((await api.db.query(`SELECT count(*)::int AS n FROM expert_consultation`)).rows[0].n).toBe(0);
    expect((await api.call('POST', `/api/needs/${need}/consultations`, { token: outsider.token, body: { question: '如何监测？' } })).status).toBe(404);

    const asked = await api.call('POST', `/api/needs/${need}/consultations`, { token: lead.token, body: { question: '缆绳磨损如何在线监测？', expertProfileId: profiles.fit } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', preferredExpert: { name: '甲锚泊专家' }, subjectTitle: '养殖平台锚泊缆绳磨损监测', needId: need, dealId: null });
    const id = asked.body.id;
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: fit.token })).body)).toContain('申请专家咨询');
    expect((await api.call('GET', `/api/consultations/${id}`, { token: outsider.token })).status).toBe(404);
    expect((await api.call('POST', `/api/consultations/${id}/accept`, { token: weak.token, body: {} })).status).toBe(404);
    expect((await api.call('POST', `/api/consultations/${id}/answer`, { token: fit.token, body: { answer: '过早' } })).status).toBe(409);

    const mine = await api.call('GET', '/api/me/consultations', { token: fit.token });
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await api.call('POST', `/api/consultations/${id}/accept`, { token: fit.token, body: {} })).body).toMatchObject({ status: 'accepted', expertName: '甲锚泊专家' });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: lead.token })).body)).toContain('专家咨询已受理');
    const answered = await api.call('POST', `/api/consultations/${id}/answer`, { token: fit.token, body: { answer: '建议在导缆孔处加装光纤应变传感器。' } });
    expect(answered.body).toMatchObject({ status: 'answered', answer: '建议在导缆孔处加装光纤应变传感器。' });
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: lead.token })).body)).toContain('专家已答复');
    const onNeed = await api.call('GET', `/api/needs/${need}/consultations`, { token: lead.token });
    expect(onNeed.body.map((c: { status: string }) => c.status)).toEqual(['answered']);
    expect((await api.call('GET', `/api/needs/${need}/consultations`, { token: outsider.token })).status).toBe(404);
  });

  it('lets the parties and the broker of a deal ask an expert, the admin choosing who answers; the asker is sent back to the deal, and someone off the deal gets 404', async () => {
    const broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '对接经纪人' });
    const outsider = await registerUser(api, { displayName: '对接无关人员' });
    const need = await publishItem(api, 'need', lead, admin, needInput(applicantOrg, { title: '养殖网箱锚泊系统改造需求' }));
    const achievement = await publishItem(api, 'achievement', teammate, admin, achievementInput(instituteOrg, { title: '锚泊系统健康监测成果' }));
    const opened = await api.call('POST', '/api/deals', { token: broker.token, body: { needId: need, achievementId: achievement, title: '锚泊监测技术对接' } });
    expect(opened.status).toBe(201);
    const deal = opened.body.id as string;

    expect((await api.call('POST', `/api/deals/${deal}/consultations`, { token: outsider.token, body: { question: '能否参与？' } })).status).toBe(404);
    const asked = await api.call('POST', `/api/deals/${deal}/consultations`, { token: teammate.token, body: { question: '成果在 17 级风况下是否适用？' } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', dealId: deal, needId: null, subjectTitle: '锚泊监测技术对接', orgId: instituteOrg, preferredExpert: null });
    const id = asked.body.id as string;

    // Everyone on the deal reads it — the other party and the broker too; no one else.
    for (const reader of [lead, broker]) {
      const list = await api.call('GET', `/api/deals/${deal}/consultations`, { token: reader.token });
      expect(list.body.map((c: { id: string }) => c.id)).toEqual([id]);
    }
    expect((await api.call('GET', `/api/deals/${deal}/consultations`, { token: outsider.token })).status).toBe(404);
    expect((await api.call('GET', `/api/consultations/${id}`, { token: outsider.token })).status).toBe(404);

    // No expert was named: the admin chooses one, who answers; the asker's notifications lead back to the deal.
    expect((await api.call('POST', `/api/consultations/${id}/accept`, { token: admin.token, body: { expertProfileId: profiles.fit } })).body).toMatchObject({
      status: 'accepted',
      expertName: '甲锚泊专家',
    });
    const answered = await api.call('POST', `/api/consultations/${id}/answer`, { token: fit.token, body: { answer: '适用，但需加密监测点。' } });
    expect(answered.body).toMatchObject({ status: 'answered', answer: '适用，但需加密监测点。' });
    const told = (await api.call('GET', '/api/notifications', { token: teammate.token })).body.items.filter((n: { link: string }) => n.link === `/deals/${deal}?tab=consultations`);
    expect(told.map((n: { type: string }) => n.type).sort()).toEqual(['expert.consultation_accepted', 'expert.consultation_answered']);
  });
});
