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

describe('demo campaigns', () => {
  it('seeds a reported campaign with its PDF report and an open one in progress, once', async () => {
    const ds = api.app.get(DataSource);
    const passwords = api.app.get(PasswordService);
    const first = await seed(ds, passwords);
    expect(first.campaigns).toBe(4);
    const again = await seed(ds, passwords);
    expect(again.campaigns).toBe(0);

    const admin = await login(api, 'admin@demo.zj.cn', DEMO_PASSWORD);
    const list = await api.call('GET', '/api/admin/campaigns', { token: admin.accessToken });
    expect(list.body.map((c: { status: string }) => c.status).sort()).toEqual(['open', 'reported']);
    const open = list.body.find((c: { status: string }) => c.status === 'open');
    expect(open.needs).toBeGreaterThan(0);
    const progress = await api.call('GET', `/api/admin/campaigns/${open.id}/progress`, { token: admin.accessToken });
    expect(progress.body.totals.needs.target).toBe(15);
    expect(progress.body.invitees.length).toBeGreaterThan(3);

    const reports = await api.call('GET', '/api/admin/reports', { token: admin.accessToken });
    expect(reports.body).toHaveLength(1);
    const pdf = await fetch(`${api.url}/api/admin/reports/${reports.body[0].quarter}/pdf`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const dash = await api.call('GET', '/api/admin/dashboard', { token: admin.accessToken });
    expect(dash.body.contractValue.target).toBe('50000000.00');
    expect(dash.body.funnel.some((q: { registered: number }) => q.registered >= 1)).toBe(true);
  });
});
