import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

/*
 * 路演 (docs/domain.md): a broker drafts a roadshow with open financing requests and invited finance
 * organisations, publishes it (the invited and the applicants are told), an applicant accepts to
 * present, finance members sign up once, the broker marks it held and logs follow-ups. A draft is
 * seen by its managers and the organisations on it only; only admins and brokers manage.
 */

describe('路演: lifecycle, sign-ups once, follow-ups and who may see what', () => {
  let api: TestApi;
  let admin: TestUser;
  let broker: TestUser;
  let applicant: TestUser;
  let other: TestUser;
  let investor: TestUser;
  let outsider: TestUser;
  let applicantOrg: string;
  let fundOrg: string;
  let request: string;
  let otherRequest: string;
  let roadshow: string;

  const roadshowInput = (overrides: Record<string, unknown> = {}) => ({
    title: '2026 年第四季度海洋产业科技金融路演',
    description: '面向海洋牧场与水产加工的融资项目路演。',
    startsAt: '2026-12-18T06:30:00.000Z',
    endsAt: '2026-12-18T09:30:00.000Z',
    place: '湛江市科技局 3 楼路演厅',
    chains: ['marine.ranching'],
    requestIds: [request, otherRequest],
    investorOrgIds: [fundOrg],
    ...overrides,
  });

  const openRequest = async (owner: TestUser, orgId: string, title: string): Promise<string> => {
    const achievement = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: `${title}技术` }));
    const created = await api.call('POST', '/api/financing-requests', {
      token: owner.token,
      body: { orgId, title, summary: '扩大产能', achievementId: achievement, amount: '3000000.00', instrument: 'equity', stage: 'startup', useOfFunds: '设备购置' },
    });
    expect(created.status).toBe(201);
    expect((await api.call('POST', `/api/financing-requests/${created.body.id}/publish`, { token: owner.token })).status).toBeLessThan(300);
    return created.body.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局管理员' });
    broker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '路演经纪人' });
    applicant = await registerUser(api, { displayName: '海藻企业总经理' });
    other = await registerUser(api, { displayName: '鱼苗企业总经理' });
    investor = await registerUser(api, { displayName: '基金投资经理' });
    outsider = await registerUser(api, { displayName: '无关企业员工' });
    applicantOrg = (await createOrg(api, applicant, { verified: true, input: { name: '湛江海藻生物科技有限公司' } })).id;
    const otherOrg = (await createOrg(api, other, { verified: true, input: { name: '湛江鱼苗繁育有限公司' } })).id;
    fundOrg = (await createOrg(api, investor, { verified: true, input: { name: '湛江海洋产业投资基金', type: 'finance' } })).id;
    await createOrg(api, outsider, { verified: true, input: { name: '湛江无关贸易有限公司' } });
    request = await openRequest(applicant, applicantOrg, '海藻多糖提取产业化');
    otherRequest = await openRequest(other, otherOrg, '石斑鱼苗种基地扩建');
  }, 60_000);
  afterAll(() => api?.close());

  const get = (u: TestUser) => api.call('GET', `/api/roadshows/${roadshow}`, { token: u.token });

  it('a broker drafts a roadshow; the draft is hidden from outsiders and only admins and brokers manage', async () => {
    const bad = await api.call('POST', '/api/roadshows', {
      token: broker.token,
      body: roadshowInput({ place: undefined, endsAt: '2026-12-18T05:00:00.000Z', investorOrgIds: [applicantOrg] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['endsAt', 'place']);
    expect((await api.call('POST', '/api/roadshows', { token: applicant.token, body: roadshowInput() })).status).toBe(403);
    const notFinance = await api.call('POST', '/api/roadshows', { token: broker.token, body: roadshowInput({ investorOrgIds: [applicantOrg] }) });
    expect(notFinance.status).toBe(400);
    expect(notFinance.body.error.details).toEqual([expect.objectContaining({ field: 'investorOrgIds', message: '受邀投资方须为金融/投资机构' })]);
    const created = await api.call('POST', '/api/roadshows', { token: broker.token, body: roadshowInput() });
    expect(created.status).toBe(201);
    roadshow = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', organiserName: '路演经纪人', projects: 2, investors: 1, canManage: true });
    expect((await get(outsider)).status).toBe(404);
    expect((await api.call('GET', '/api/roadshows', { token: outsider.token })).body).toEqual([]);
    expect((await get(applicant)).body.myInvitations).toEqual([request]);
    expect((await api.call('POST', `/api/roadshows/${roadshow}/publish`, { token: investor.token })).status).toBe(403);
    expect((await api.call('POST', `/api/roadshows/${roadshow}/hold`, { token: broker.token })).status).toBe(409);
  });

  it('publishing tells the invited fund and the applicants; an applicant accepts to present once', async () => {
    const published = await api.call('POST', `/api/roadshows/${roadshow}/publish`, { token: broker.token });
    expect(published.status).toBe(201);
    expect(published.body.status).toBe('published');
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: investor.token })).body)).toContain('邀请您参加路演');
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: applicant.token })).body)).toContain('海藻多糖提取产业化');
    // the published roadshow is visible to every signed-in person, its answers only to the applicant
    expect((await get(outsider)).status).toBe(200);
    expect((await api.call('POST', `/api/roadshows/${roadshow}/projects/${request}/answer`, { token: outsider.token, body: { accept: true } })).status).toBe(404);
    const accepted = await api.call('POST', `/api/roadshows/${roadshow}/projects/${request}/answer`, { token: applicant.token, body: { accept: true } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.projectList.find((p: { requestId: string }) => p.requestId === request).status).toBe('accepted');
    expect(accepted.body.myInvitations).toEqual([]);
    expect((await api.call('POST', `/api/roadshows/${roadshow}/projects/${request}/answer`, { token: applicant.token, body: { accept: false } })).status).toBe(409);
    expect(JSON.stringify((await api.call('GET', '/api/notifications', { token: broker.token })).body)).toContain('已确认路演');
  });

  it('a finance member signs up once (409 after); others may not sign up', async () => {
    const signed = await api.call('POST', `/api/roadshows/${roadshow}/signups`, { token: investor.token, body: {} });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ signedUp: true, signUps: 1, signUpList: [expect.objectContaining({ name: '基金投资经理', orgName: '湛江海洋产业投资基金' })] });
    const again = await api.call('POST', `/api/roadshows/${roadshow}/signups`, { token: investor.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ROADSHOW_ALREADY_SIGNED_UP', message: '您已报名本场路演' });
    expect((await api.call('POST', `/api/roadshows/${roadshow}/signups`, { token: outsider.token, body: {} })).status).toBe(403);
    // a non-manager sees the sign-ups of their own organisation only
    expect((await get(outsider)).body.signUpList).toEqual([]);
  });

  it('held, the broker logs follow-ups naming an investor and a presenting project; the parties read theirs, others none', async () => {
    const held = await api.call('POST', `/api/roadshows/${roadshow}/hold`, { token: broker.token });
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('held');
    expect((await api.call('POST', `/api/roadshows/${roadshow}/signups`, { token: investor.token, body: {} })).status).toBe(409);
    const wrongProject = await api.call('POST', `/api/roadshows/${roadshow}/follow-ups`, {
      token: broker.token,
      body: { investorOrgId: fundOrg, requestId: otherRequest, note: '未路演的项目' },
    });
    expect(wrongProject.status).toBe(400);
    expect(
      (await api.call('POST', `/api/roadshows/${roadshow}/follow-ups`, { token: investor.token, body: { investorOrgId: fundOrg, requestId: request, note: '自己记录' } })).status,
    ).toBe(403);
    const logged = await api.call('POST', `/api/roadshows/${roadshow}/follow-ups`, {
      token: broker.token,
      body: { investorOrgId: fundOrg, requestId: request, note: '基金对海藻多糖项目有兴趣，要求补充近两年财务数据', nextStep: '两周内安排实地考察' },
    });
    expect(logged.status).toBe(201);
    expect(logged.body.followUps).toEqual([
      expect.objectContaining({ investorOrgName: '湛江海洋产业投资基金', requestTitle: '海藻多糖提取产业化', nextStep: '两周内安排实地考察', createdByName: '路演经纪人' }),
    ]);
    expect((await get(investor)).body.followUps).toHaveLength(1);
    expect((await get(applicant)).body.followUps).toHaveLength(1);
    expect((await get(other)).body.followUps).toEqual([]);
    expect((await get(outsider)).body.followUps).toEqual([]);
    expect((await api.call('POST', `/api/roadshows/${roadshow}/cancel`, { token: broker.token })).status).toBe(409);
    const figures = await api.call('GET', '/api/admin/dashboard/financing', { token: admin.token });
    expect(figures.body.roadshows).toEqual({ held: 1, projects: 1, followUps: 1 });
  });

  it('a cancelled draft disappears for outsiders; editing with a stale version is 409', async () => {
    const draft = await api.call('POST', '/api/roadshows', {
      token: admin.token,
      body: roadshowInput({ title: '线上路演', place: undefined, onlineLink: 'https://meeting.example.cn/42' }),
    });
    expect(draft.status).toBe(201);
    const stale = await api.call('PUT', `/api/roadshows/${draft.body.id}`, { token: admin.token, body: { ...roadshowInput(), version: draft.body.version + 1 } });
    expect(stale.status).toBe(409);
    const edited = await api.call('PUT', `/api/roadshows/${draft.body.id}`, {
      token: admin.token,
      body: { ...roadshowInput({ requestIds: [otherRequest] }), version: draft.body.version },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.projectList.map((p: { requestId: string }) => p.requestId)).toEqual([otherRequest]);
    expect((await api.call('GET', `/api/roadshows/${draft.body.id}`, { token: applicant.token })).status).toBe(404);
    const cancelled = await api.call('POST', `/api/roadshows/${draft.body.id}/cancel`, { token: admin.token });
    expect(cancelled.body.status).toBe('cancelled');
    const listed = (await api.call('GET', '/api/roadshows', { token: outsider.token })).body.map((r: { id: string }) => r.id);
    expect(listed).toEqual([roadshow]);
  });
});
