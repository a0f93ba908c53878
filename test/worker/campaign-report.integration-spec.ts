import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { CampaignsService } from '@ztt/campaigns';
import { ReportService } from '@ztt/read-model';
import { createOrg, needInput, registerUser, TestUser } from '../harness/builders';
import { attachedFile, decodeMail, startTestSmtp, TestSmtp } from '../harness/smtp';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

let smtp: TestSmtp;
let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let admin2: TestUser;
let campaignId: string;
const now = new Date(Date.now() + 8 * 3_600_000);
const quarter = `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const reportNotifications = async () =>
  (await api.db.query(`SELECT user_id FROM notification WHERE type = 'campaign.report' ORDER BY user_id`)).rows.map((r) => r.user_id as string);

beforeAll(async () => {
  smtp = await startTestSmtp();
  api = await startTestApi();
  worker = await startTestWorker(api, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  admin2 = await registerUser(api, { roles: [PlatformRole.Admin] });
  const ent = await registerUser(api);
  const org = (await createOrg(api, ent, { verified: true, input: { region: 'potou', industries: ['marine'] } })).id;
  const created = await api.call('POST', '/api/admin/campaigns', {
    token: admin.token,
    body: {
      title: '报告测试征集',
      quarter,
      startsOn: day(-1),
      endsOn: day(10),
      focusIndustries: ['marine'],
      focusRegions: ['potou'],
      targets: [{ dimension: 'region', code: 'potou', kind: 'need', target: 2 }],
      reminderDays: [3],
    },
  });
  campaignId = created.body.id;
  await api.call('POST', `/api/admin/campaigns/${campaignId}/invitations`, { token: admin.token, body: { orgIds: [org] } });
  expect((await api.call('POST', `/api/admin/campaigns/${campaignId}/open`, { token: admin.token })).status).toBe(200);
  const need = await api.call('POST', '/api/needs', { token: ent.token, body: needInput(org) });
  expect((await api.call('POST', `/api/needs/${need.body.id}/submit`, { token: ent.token })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await smtp?.stop();
});

describe('the quarterly report job', () => {
  it('runs when the campaign closes: one report row, a PDF, the campaign reported, each admin told once', async () => {
    expect((await api.call('POST', `/api/admin/campaigns/${campaignId}/close`, { token: admin.token })).status).toBe(200);
    await eventually('report sent', async () => (await api.db.query(`SELECT count(*)::int AS n FROM quarterly_report WHERE status = 'sent'`)).rows[0].n === 1, 30_000);
    expect((await api.call('GET', `/api/admin/campaigns/${campaignId}`, { token: admin.token })).body.status).toBe('reported');
    expect((await reportNotifications()).sort()).toEqual([admin.id, admin2.id].sort());

    const pdf = await fetch(`${api.url}/api/admin/reports/${quarter}/pdf`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The Chinese text is set in an embedded CJK font (not boxes in Helvetica).
    expect(bytes.toString('latin1')).toMatch(/NotoSansCJK/);
    const figures = (await api.db.query(`SELECT figures FROM quarterly_report WHERE quarter = $1`, [quarter])).rows[0].figures;
    expect(figures.campaigns).toEqual([expect.objectContaining({ id: campaignId, needs: 1, invited: 1 })]);
    const list = await api.call('GET', '/api/admin/reports', { token: admin.token });
    expect(list.body).toEqual([expect.objectContaining({ quarter, status: 'sent' })]);

    // Each admin's report email carries the same PDF, named for the quarter, ready to forward.
    const reportMails = (email: string) => smtp.to(email).filter((m) => decodeMail(m.raw).includes('季度报告已生成'));
    await eventually('report emails', async () => reportMails(admin.email).length === 1 && reportMails(admin2.email).length === 1, 30_000);
    for (const a of [admin, admin2]) {
      const raw = (reportMails(a.email)[0] as { raw: string }).raw;
      expect(raw).toMatch(/Content-Type: application\/pdf/);
      expect(raw).toContain(`${quarter}.pdf`);
      expect(attachedFile(raw, 'application/pdf')?.equals(bytes)).toBe(true);
    }
  });

  it('runs once per quarter: queued again, retried or run directly, nothing is built or sent twice', async () => {
    const campaigns = api.app.get(CampaignsService);
    await campaigns.enqueueReport(quarter);
    await campaigns.enqueueReport(quarter);
    const reports = worker.get(ReportService);
    const again = await Promise.all([reports.run(quarter), reports.run(quarter)]);
    expect(again.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await api.db.query(`SELECT count(*)::int AS n FROM quarterly_report WHERE quarter = $1`, [quarter])).rows[0].n).toBe(1);
    expect((await reportNotifications()).length).toBe(2);
  });

  it('answers 404 for a quarter without a report', async () => {
    expect((await api.call('GET', '/api/admin/reports/1999Q1/pdf', { token: admin.token })).status).toBe(404);
  });
});
