import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, publishItem, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let owner: TestUser;
let university: TestUser;
let ownerOrg: string;
let uniOrg: string;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  university = await registerUser(api);
  ownerOrg = (await createOrg(api, owner, { verified: true })).id;
  uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋大学发现测试' } })).id;
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
});

describe('challenge discovery', () => {
  it('suggests the fitting achievement and its team through the matching engine, and the admin invites them', async () => {
    const fit = await publishItem(
      api,
      'achievement',
      university,
      admin,
      achievementInput(uniOrg, {
        title: '深远海养殖平台锚泊系统张力在线监测技术',
        summary: '光纤光栅张力传感与北斗位移监测，台风期间锚泊系统失效预警。',
        keywords: ['锚泊系统', '张力监测'],
        chains: ['marine.equipment'],
      }),
    );
    await publishItem(
      api,
      'achievement',
      university,
      admin,
      achievementInput(uniOrg, { title: '钢渣微粉高值化利用技术', summary: '钢渣制备建材微粉。', keywords: ['钢渣'], chains: ['steel.recycling'] }),
    );
    await eventually('indexed', async () => (await api.call('GET', `/api/search/achievements?q=${encodeURIComponent('钢渣')}`)).body.total === 1);
    await eventually('indexed', async () => (await api.call('GET', `/api/search/achievements?q=${encodeURIComponent('锚泊')}`)).body.total === 1);

    const created = await api.call('POST', '/api/challenges', {
      token: admin.token,
      body: {
        ownerOrgId: ownerOrg,
        acceptorUserId: owner.id,
        title: '深远海养殖平台抗台风锚泊系统',
        background: '台风期间锚泊系统走锚失效，需要锚泊系统与张力监测预警方案。',
        indicators: [{ name: '锚泊系统抗风等级', target: '≥ 17', unit: '级', verification: '水池试验' }],
        chains: ['marine.equipment'],
        bounty: '1000000',
        fundingSource: '企业自筹',
        applicationDeadline: new Date(Date.now() + 86_400_000).toISOString(),
        periodMonths: 12,
        eligibility: { orgTypes: [], regions: [], mustOwnIp: false },
        mode: 'single',
        teams: 1,
        rubric: [{ name: '可行性', weight: 100 }],
        milestones: [{ title: '结题', deliverables: '报告', dueOffsetDays: 300, sharePercent: 100 }],
        firstTrancheMinPercent: 60,
      },
    });
    expect(created.status).toBe(201);
    expect((await api.call('POST', `/api/admin/challenges/${created.body.id}/publish`, { token: admin.token })).status).toBe(200);

    const res = await api.call('GET', `/api/admin/challenges/${created.body.id}/suggestions`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ achievementId: fit, orgId: uniOrg, orgName: '湛江海洋大学发现测试' });
    expect(res.body[0].reason).toContain('锚泊');
    // Nothing in common with steel slag: not suggested above the fitting one, if at all.
    expect(res.body.filter((s: { title: string }) => s.title === '钢渣微粉高值化利用技术').length).toBe(0);
    // Suggestions are for admins only.
    expect((await api.call('GET', `/api/admin/challenges/${created.body.id}/suggestions`, { token: owner.token })).status).toBe(403);

    expect((await api.call('POST', `/api/admin/challenges/${created.body.id}/invitations`, { token: admin.token, body: { orgId: res.body[0].orgId } })).status).toBe(204);
    const inbox = await api.call('GET', '/api/notifications', { token: university.token });
    const invite = inbox.body.items.find((n: { type: string }) => n.type === 'challenge.invited');
    expect(invite).toMatchObject({ title: '邀请您揭榜', link: `/challenges/${created.body.id}` });
    expect(invite.body).toContain('深远海养殖平台抗台风锚泊系统');
  });
});
