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

describe('demo deals', () => {
  it('seeds deals in several stages and one registered contract, once', async () => {
    const ds = api.app.get(DataSource);
    const passwords = api.app.get(PasswordService);
    const first = await seed(ds, passwords);
    expect(first.deals).toBe(5);
    const again = await seed(ds, passwords);
    expect(again.deals).toBe(0);

    const broker = await login(api, 'broker@demo.zj.cn', DEMO_PASSWORD);
    const mine = await api.call('GET', '/api/deals', { token: broker.accessToken });
    expect(mine.body.items.map((d: { stage: string }) => d.stage).sort()).toEqual(['contacted', 'lead', 'negotiating', 'registered']);
    const perf = await api.call('GET', '/api/deals/performance', { token: broker.accessToken });
    expect(perf.body).toMatchObject({ registeredValue: '1234567.89', registeredContracts: 1, dealsFromMatches: 2 });
    expect(perf.body.averageDaysPerStage.lead).toBeCloseTo(3, 0);
    const registered = mine.body.items.find((d: { stage: string }) => d.stage === 'registered');
    const sheet = await fetch(`${api.url}/api/deals/${registered.id}/contract/sheet`, { headers: { authorization: `Bearer ${broker.accessToken}` } });
    expect(sheet.status).toBe(200);

    // The marine farm (a party) sees its deals, and the NDA let it see the university's confidential details.
    const marine = await login(api, 'marine@demo.zj.cn', DEMO_PASSWORD);
    const theirs = await api.call('GET', '/api/deals', { token: marine.accessToken });
    expect(theirs.body.items.length).toBeGreaterThanOrEqual(3);
    expect(theirs.body.items.every((d: { viewerRole: string }) => d.viewerRole === 'party')).toBe(true);
    const ach = await api.call('GET', `/api/achievements/${registered.achievementId}`, { token: marine.accessToken });
    expect(ach.body.confidentialVisible).toBe(true);
  }, 120_000);
});
