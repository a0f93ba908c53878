import { PasswordService } from '@ztt/identity';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../../tools/seed/demo-data';
import { seed } from '../../tools/seed/seed';
import { login } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('demo challenges', () => {
  it('seeds an open challenge and an awarded horse race in progress, once, that the demo accounts can work with', async () => {
    const ds = api.app.get(DataSource);
    const passwords = api.app.get(PasswordService);
    const first = await seed(ds, passwords);
    expect(first.challenges).toBe(2);
    const again = await seed(ds, passwords);
    expect(again.challenges).toBe(0);

    const open = await api.call('GET', '/api/challenges?group=open');
    expect(open.body.items.map((c: { title: string }) => c.title)).toContain('深远海养殖平台抗台风锚泊与在线监测系统');
    const awarded = await api.call('GET', '/api/challenges?group=awarded');
    const race = awarded.body.items.find((c: { mode: string }) => c.mode === 'horse_race');
    expect(race).toMatchObject({ status: 'in_progress', bounty: '5000000.00' });

    // The researcher can apply to the open one; the petrochemical owner has a milestone to accept.
    const researcher = await login(api, 'researcher@demo.zj.cn', DEMO_PASSWORD);
    const openId = open.body.items.find((c: { title: string }) => c.title === '深远海养殖平台抗台风锚泊与在线监测系统').id;
    expect((await api.call('GET', `/api/challenges/${openId}`, { token: researcher.accessToken })).body.can.apply).toBe(true);
    const owner = await login(api, 'petrochem@demo.zj.cn', DEMO_PASSWORD);
    const ms = await api.call('GET', `/api/challenges/${race.id}/milestones`, { token: owner.accessToken });
    expect(ms.body.filter((m: { payment: unknown }) => m.payment).map((m: { payment: { amount: string } }) => m.payment.amount)).toEqual(['1500000.00', '1500000.00']);
    const waiting = ms.body.find((m: { can: { review: boolean } }) => m.can.review);
    expect(waiting).toMatchObject({ seq: 2, status: 'submitted', amount: '750000.00' });
    const accepted = await api.call('POST', `/api/challenge-milestones/${waiting.id}/review`, { token: owner.accessToken, body: { decision: 'accepted', comment: '同意' } });
    expect(accepted.body.payment.amount).toBe('750000.00');
    // The reviewer sees the open panel.
    const reviewer = await login(api, 'reviewer@demo.zj.cn', DEMO_PASSWORD);
    const panels = await api.call('GET', '/api/review/challenges', { token: reviewer.accessToken });
    expect(panels.body.map((p: { challenge: { id: string } }) => p.challenge.id)).toContain(openId);
  }, 120_000);
});
