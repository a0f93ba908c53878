import { beijingDate, PlatformRole } from '@ztt/contracts';
import { createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';
import { PDF, uploadFile } from '../harness/world';

/*
 * 科技特派员 (docs/domain.md): an admin puts a commissioner on the roster and assigns a county; the
 * commissioner logs a service with a photo or scan; a member of the served organisation confirms and
 * rates it once; the commissioner's matches are published needs of their counties that fit them.
 */

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('科技特派员: roster, assignments, service logs and their confirmation, matches', () => {
  let api: TestApi;
  let admin: TestUser;
  let commissioner: TestUser;
  let enterpriseMember: TestUser;
  let outsider: TestUser;
  let institute: string;
  let enterprise: string;
  let entryId: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '科技局管理员' });
    commissioner = await registerUser(api, { roles: [PlatformRole.Commissioner], displayName: '陈海洋研究员' });
    enterpriseMember = await registerUser(api, { displayName: '徐闻养殖场负责人' });
    outsider = await registerUser(api, { displayName: '其他企业成员' });
    const instituteAdmin = await registerUser(api);
    institute = (await createOrg(api, instituteAdmin, { verified: true, input: { name: '广东海洋大学', type: 'university' } })).id;
    enterprise = (await createOrg(api, enterpriseMember, { verified: true, input: { name: '徐闻县对虾养殖专业合作社', region: 'xuwen' } })).id;
    await createOrg(api, outsider, { verified: true, input: { name: '湛江其他食品有限公司' } });
  }, 120_000);
  afterAll(() => api?.close());

  const asAdmin = (method: string, path: string, body?: unknown) => api.call(method, path, { token: admin.token, body });
  const asCommissioner = (method: string, path: string, body?: unknown) => api.call(method, path, { token: commissioner.token, body });

  it('lets an admin put a commissioner on the roster, audited, and refuses a person without the role in Chinese', async () => {
    const candidates = await asAdmin('GET', '/api/admin/commissioners/candidates');
    expect(candidates.body.map((c: { userId: string }) => c.userId)).toContain(commissioner.id);

    const noRole = await asAdmin('POST', '/api/admin/commissioners', { userId: outsider.id, institutionOrgId: institute, chains: ['marine.ranching'], keywords: ['对虾'] });
    expect(noRole.status).toBe(400);
    expect(noRole.body.error.details).toEqual([{ field: 'userId', code: 'commissioner_role_required', message: '该用户尚未被授予“科技特派员”角色' }]);

    const created = await asAdmin('POST', '/api/admin/commissioners', {
      userId: commissioner.id,
      institutionOrgId: institute,
      chains: ['marine.ranching'],
      keywords: [' 对虾 ', '育苗', '对虾'],
    });
    expect(created.status).toBe(201);
    entryId = created.body.id;
    expect(created.body).toMatchObject({
      name: '陈海洋研究员',
      institutionName: '广东海洋大学',
      chains: ['marine.ranching'],
      keywords: ['对虾', '育苗'],
      active: true,
      assignments: [],
    });
    const audit = await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [entryId]);
    expect(audit.rows.map((r) => r.action)).toEqual(['commissioner.created']);

    const again = await asAdmin('POST', '/api/admin/commissioners', { userId: commissioner.id, institutionOrgId: institute, chains: [], keywords: [] });
    expect(again.body.error.details[0].code).toBe('commissioner_exists');
    expect((await api.call('POST', '/api/admin/commissioners', { token: commissioner.token, body: { userId: commissioner.id } })).status).toBe(403);
  });

  it('assigns a county for a period, refuses a region outside Zhanjiang and a reversed period, and shows the county on the public roster without contacts', async () => {
    const outside = await asAdmin('POST', `/api/admin/commissioners/${entryId}/assignments`, { region: 'gba', startsOn: '2026-01-01' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].field).toBe('region');
    const reversed = await asAdmin('POST', `/api/admin/commissioners/${entryId}/assignments`, { region: 'xuwen', startsOn: '2026-06-01', endsOn: '2026-01-01' });
    expect(reversed.body.error.details).toEqual([{ field: 'endsOn', code: 'assignment_period_order', message: '结束日期不能早于开始日期' }]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM commissioner_assignment`)).rows[0].n).toBe(0);

    const year = beijingDate().slice(0, 4);
    const assigned = await asAdmin('POST', `/api/admin/commissioners/${entryId}/assignments`, {
      region: 'xuwen',
      town: '下桥镇',
      servedOrgId: enterprise,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body.assignments).toEqual([expect.objectContaining({ region: 'xuwen', town: '下桥镇', servedOrgName: '徐闻县对虾养殖专业合作社', current: true })]);
    expect(assigned.body.regions).toEqual(['xuwen']);

    const roster = await api.call('GET', '/api/commissioners');
    expect(roster.status).toBe(200);
    const entry = roster.body.items.find((c: { id: string }) => c.id === entryId);
    expect(entry).toEqual({
      id: entryId,
      name: '陈海洋研究员',
      institutionOrgId: institute,
      institutionName: '广东海洋大学',
      chains: ['marine.ranching'],
      keywords: ['对虾', '育苗'],
      regions: ['xuwen'],
    });
    expect(roster.text).not.toContain(commissioner.email);
  });

  let logId: string;

  it('lets the commissioner plan the year and log a service with a photo; the served organisation is notified', async () => {
    const year = Number(beijingDate().slice(0, 4));
    const plan = await asCommissioner('POST', '/api/commissioner/plan-items', { year, title: '对虾育苗技术培训', target: '徐闻县养殖户' });
    expect(plan.status).toBe(201);
    expect(plan.body).toEqual([expect.objectContaining({ title: '对虾育苗技术培训', logged: 0 })]);

    const future = await asCommissioner('POST', '/api/commissioner/service-logs', { servedOn: '2099-01-01', place: '下桥镇', content: '培训', servedOrgId: enterprise });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toBe('提交的内容有误，请检查后重试');
    expect(future.body.error.details).toEqual([{ field: 'servedOn', code: 'service_date_future', message: '服务日期不能晚于今天' }]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM commissioner_service_log`)).rows[0].n).toBe(0);

    const logged = await asCommissioner('POST', '/api/commissioner/service-logs', {
      servedOn: beijingDate(),
      place: '徐闻县下桥镇对虾养殖场',
      content: '现场指导对虾育苗池水质调控',
      servedOrgId: enterprise,
      planItemId: plan.body[0].id,
    });
    expect(logged.status).toBe(201);
    logId = logged.body.id;
    expect(logged.body).toMatchObject({ commissionerName: '陈海洋研究员', servedOrgName: '徐闻县对虾养殖专业合作社', confirmedAt: null, rating: null, files: [] });

    const text = await uploadFile(api, commissioner.token, `/api/commissioner/service-logs/${logId}/files`, 'plain text', '说明.txt');
    expect(text.status).toBe(415);
    const photo = await uploadFile(api, commissioner.token, `/api/commissioner/service-logs/${logId}/files`, PNG, '现场照片.png');
    expect(photo.status).toBe(201);
    expect(photo.body.files).toEqual([expect.objectContaining({ fileName: '现场照片.png', mimeType: 'image/png' })]);
    expect((await uploadFile(api, commissioner.token, `/api/commissioner/service-logs/${logId}/files`, PDF, '签到表.pdf')).status).toBe(201);

    const notes = await api.call('GET', '/api/notifications', { token: enterpriseMember.token });
    expect(notes.body.items[0]).toMatchObject({ type: 'commissioner.service_logged', link: '/my/services' });
    expect(notes.body.items[0].title).toBe('科技特派员登记了一次服务，请确认');
    expect((await asCommissioner('GET', `/api/commissioner/plan?year=${year}`)).body[0].logged).toBe(1);
  });

  it('lets a member of the served organisation see, download, confirm and rate the service once; others get 404 and change nothing', async () => {
    const mine = await api.call('GET', '/api/my/services', { token: enterpriseMember.token });
    expect(mine.body.items.map((l: { id: string }) => l.id)).toEqual([logId]);
    const fileId = mine.body.items[0].files[0].id;
    expect((await api.call('GET', `/api/service-files/${fileId}`, { token: enterpriseMember.token })).status).toBe(200);
    expect((await api.call('GET', `/api/service-files/${fileId}`, { token: outsider.token })).status).toBe(404);
    expect((await api.call('GET', '/api/my/services', { token: outsider.token })).body.items).toEqual([]);

    const byOutsider = await api.call('POST', `/api/service-logs/${logId}/confirmation`, { token: outsider.token, body: { rating: 1 } });
    expect(byOutsider.status).toBe(404);
    expect(byOutsider.body.error.code).toBe('NOT_FOUND');
    const badRating = await api.call('POST', `/api/service-logs/${logId}/confirmation`, { token: enterpriseMember.token, body: { rating: 6 } });
    expect(badRating.status).toBe(400);
    expect(badRating.body.error.details[0]).toMatchObject({ field: 'rating', message: '不能大于 5' });
    expect((await api.db.query(`SELECT confirmed_at FROM commissioner_service_log WHERE id = $1`, [logId])).rows[0].confirmed_at).toBeNull();

    const confirmed = await api.call('POST', `/api/service-logs/${logId}/confirmation`, { token: enterpriseMember.token, body: { rating: 5, comment: '指导到位' } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ rating: 5, ratingComment: '指导到位', confirmedByName: '徐闻养殖场负责人' });
    const twice = await api.call('POST', `/api/service-logs/${logId}/confirmation`, { token: enterpriseMember.token, body: { rating: 1 } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('该事项已处理，不能重复操作');
    expect((await api.db.query(`SELECT rating FROM commissioner_service_log WHERE id = $1`, [logId])).rows[0].rating).toBe(5);

    const told = await api.call('GET', '/api/notifications', { token: commissioner.token });
    expect(told.body.items[0]).toMatchObject({ type: 'commissioner.service_confirmed', link: '/my/commissioner' });
    expect(told.body.items[0].body).toContain('评分 5 分');
    // a confirmed service takes no more files
    expect((await uploadFile(api, commissioner.token, `/api/commissioner/service-logs/${logId}/files`, PNG, '补充.png')).status).toBe(409);
  });

  it('suggests published needs of the assigned county that fit the specialties, saying why, and none of another county', async () => {
    const owner = await registerUser(api);
    const org = (await createOrg(api, owner, { verified: true, input: { name: '湛江需求方水产有限公司' } })).id;
    const inCounty = await publishItem(api, 'need', owner, admin, needInput(org, { title: '徐闻对虾育苗池水质在线监测需求', region: 'xuwen', chains: ['marine.ranching'] }));
    const elsewhere = await publishItem(api, 'need', owner, admin, needInput(org, { title: '坡头对虾育苗池水质监测需求', region: 'potou', chains: ['marine.ranching'] }));
    const matches = await asCommissioner('GET', '/api/commissioner/matches');
    expect(matches.status).toBe(200);
    const ids = matches.body.map((s: { needId: string }) => s.needId);
    expect(ids).toContain(inCounty);
    expect(ids).not.toContain(elsewhere);
    expect(matches.body.find((s: { needId: string }) => s.needId === inCounty)).toMatchObject({
      region: 'xuwen',
      matchedChains: ['marine.ranching'],
      matchedKeywords: ['对虾', '育苗'],
    });
  });

  it("puts the roster entry and logged services in the commissioner's personal data export, and the confirmation in the confirmer's", async () => {
    const mine = await api.call('GET', '/api/me/export', { token: commissioner.token });
    expect(mine.status).toBe(200);
    const x = JSON.parse(mine.text);
    expect(x.commissioner).toMatchObject({ id: entryId, chains: ['marine.ranching'], assignments: [expect.objectContaining({ region: 'xuwen', town: '下桥镇' })] });
    expect(x.commissionerServices).toEqual([expect.objectContaining({ id: logId, place: '徐闻县下桥镇对虾养殖场', rating: 5 })]);
    const theirs = JSON.parse((await api.call('GET', '/api/me/export', { token: enterpriseMember.token })).text);
    expect(theirs.serviceConfirmations).toEqual([expect.objectContaining({ id: logId, rating: 5, ratingComment: '指导到位' })]);
  });

  it('gives the dashboard its figures: commissioners per county, services logged and confirmed, the average rating', async () => {
    const figures = await asAdmin('GET', '/api/admin/dashboard/commissioners');
    expect(figures.status).toBe(200);
    expect(figures.body).toEqual({ commissioners: 1, perCounty: [{ region: 'xuwen', commissioners: 1 }], servicesLogged: 1, servicesConfirmed: 1, averageRating: '5.0' });
    expect((await api.call('GET', '/api/admin/dashboard/commissioners', { token: commissioner.token })).status).toBe(403);
  });
});
