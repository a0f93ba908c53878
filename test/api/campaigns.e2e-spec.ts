import { PlatformRole } from '@ztt/contracts';
import { CampaignsService } from '@ztt/campaigns';
import { createOrg, needInput, registerUser, TestUser } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let admin: TestUser;
let seafood: TestUser;
let seafoodColleague: TestUser;
let laggard: TestUser;
let outsider: TestUser;
let seafoodOrg: string;
let laggardOrg: string;
let outsiderOrg: string;
let campaignId: string;

const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const quarterNow = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

function campaignInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '测试季度技术需求征集',
    quarter: quarterNow(),
    startsOn: day(-1),
    endsOn: day(5),
    focusIndustries: ['marine'],
    focusRegions: ['potou'],
    targets: [
      { dimension: 'region', code: 'potou', kind: 'need', target: 3 },
      { dimension: 'industry', code: 'marine', kind: 'need', target: 2 },
    ],
    reminderDays: [7],
    ...overrides,
  };
}

const notifications = async (type: string, users: TestUser[]) =>
  (await api.db.query(`SELECT user_id, dedupe_key FROM notification WHERE type = $1 AND user_id = ANY($2) ORDER BY user_id`, [type, users.map((u) => u.id)])).rows as {
    user_id: string;
    dedupe_key: string;
  }[];

async function createNeed(owner: TestUser, orgId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, overrides) });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  seafood = await registerUser(api);
  seafoodColleague = await registerUser(api);
  laggard = await registerUser(api);
  outsider = await registerUser(api);
  seafoodOrg = (await createOrg(api, seafood, { verified: true, input: { region: 'potou', industries: ['marine'] } })).id;
  await api.db.query(`INSERT INTO membership (organisation_id, user_id, role, status) VALUES ($1, $2, 'member', 'active')`, [seafoodOrg, seafoodColleague.id]);
  laggardOrg = (await createOrg(api, laggard, { verified: true, input: { name: '湛江测试落后海产公司', region: 'potou', industries: ['marine'] } })).id;
  outsiderOrg = (await createOrg(api, outsider, { verified: true, input: { name: '湛江测试钢铁公司', region: 'xiashan', industries: ['steel'] } })).id;
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('campaign lifecycle: draft → open → closed', () => {
  it('refuses an end before the start with a field error in Chinese, and stores nothing', async () => {
    const res = await api.call('POST', '/api/admin/campaigns', { token: admin.token, body: campaignInput({ startsOn: day(3), endsOn: day(1) }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'endsOn', message: '截止日期不能早于开始日期' })]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM campaign`)).rows[0].n).toBe(0);
  });

  it('refuses a target naming an unknown county', async () => {
    const res = await api.call('POST', '/api/admin/campaigns', {
      token: admin.token,
      body: campaignInput({ targets: [{ dimension: 'region', code: 'atlantis', kind: 'need', target: 1 }] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'targets.0.code', code: 'campaign_target_code' });
  });

  it('creates a draft, invites by type, region and industry, and opens it, inviting each person once', async () => {
    const created = await api.call('POST', '/api/admin/campaigns', { token: admin.token, body: campaignInput() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, invited: 0 });
    campaignId = created.body.id;

    const invited = await api.call('POST', `/api/admin/campaigns/${campaignId}/invitations`, {
      token: admin.token,
      body: { orgTypes: ['enterprise'], regions: ['potou'], industries: ['marine'] },
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toEqual({ invited: 2, total: 2 });
    // Invited while a draft: nobody is told yet.
    expect(await notifications('campaign.invited', [seafood, laggard])).toHaveLength(0);

    const opened = await api.call('POST', `/api/admin/campaigns/${campaignId}/open`, { token: admin.token });
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('open');
    const sent = await notifications('campaign.invited', [seafood, seafoodColleague, laggard, outsider]);
    expect(sent.map((n) => n.user_id).sort()).toEqual([seafood.id, seafoodColleague.id, laggard.id].sort());

    // Inviting the same organisations again sends nothing more.
    const again = await api.call('POST', `/api/admin/campaigns/${campaignId}/invitations`, { token: admin.token, body: { orgIds: [seafoodOrg, laggardOrg] } });
    expect(again.body).toEqual({ invited: 0, total: 2 });
    expect(await notifications('campaign.invited', [seafood, seafoodColleague, laggard])).toHaveLength(3);
  });

  it('keeps one campaign open at a time (409 CAMPAIGN_ALREADY_OPEN)', async () => {
    const second = await api.call('POST', '/api/admin/campaigns', { token: admin.token, body: campaignInput({ title: '第二个批次' }) });
    const res = await api.call('POST', `/api/admin/campaigns/${second.body.id}/open`, { token: admin.token, headers: { 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CAMPAIGN_ALREADY_OPEN', message: '已有一个征集批次正在进行，请先截止它再开启新的批次' });
    expect((await api.db.query(`SELECT status FROM campaign WHERE id = $1`, [second.body.id])).rows[0].status).toBe('draft');
  });

  it('answers 409 to an edit with a stale version', async () => {
    const res = await api.call('PATCH', `/api/admin/campaigns/${campaignId}`, { token: admin.token, body: { ...campaignInput(), version: 1 } });
    expect(res.status).toBe(409);
  });
});

describe('items tagged with the open campaign', () => {
  it('tags a need submitted while the campaign is open, but not a draft or another organisation’s item before submission', async () => {
    const draft = await createNeed(seafood, seafoodOrg, { title: '只是草稿的需求' });
    const submitted = await createNeed(seafood, seafoodOrg, { title: '征集期间提交的需求' });
    expect((await api.call('POST', `/api/needs/${submitted}/submit`, { token: seafood.token })).status).toBe(200);
    const rows = (await api.db.query(`SELECT id, campaign_id FROM tech_need WHERE id = ANY($1)`, [[draft, submitted]])).rows as { id: string; campaign_id: string | null }[];
    expect(Object.fromEntries(rows.map((r) => [r.id, r.campaign_id]))).toEqual({ [draft]: null, [submitted]: campaignId });
    // Publication keeps the tag.
    expect((await api.call('POST', `/api/admin/review/need/${submitted}/decision`, { token: admin.token, body: { decision: 'publish' } })).status).toBe(200);
    expect((await api.db.query(`SELECT campaign_id, status FROM tech_need WHERE id = $1`, [submitted])).rows[0]).toEqual({ campaign_id: campaignId, status: 'published' });
    const second = await createNeed(seafood, seafoodOrg, { title: '第二条征集需求', region: 'mazhang', chains: ['food.processing'] });
    expect((await api.call('POST', `/api/needs/${second}/submit`, { token: seafood.token })).status).toBe(200);
    const outside = await createNeed(outsider, outsiderOrg, { title: '未受邀机构提交的需求', region: 'xiashan', chains: ['steel.recycling'] });
    expect((await api.call('POST', `/api/needs/${outside}/submit`, { token: outsider.token })).status).toBe(200);
  });
});

describe('progress', () => {
  it('equals counts computed independently from the database, and lists the laggard', async () => {
    const res = await api.call('GET', `/api/admin/campaigns/${campaignId}/progress`, { token: admin.token });
    expect(res.status).toBe(200);
    const db = async (where: string, params: unknown[] = []) =>
      (
        await api.db.query(
          `SELECT count(*)::int AS submitted, count(*) FILTER (WHERE status = 'published')::int AS published FROM tech_need
            WHERE campaign_id = $1 AND status IN ('submitted', 'published', 'closed', 'expired') ${where}`,
          [campaignId, ...params],
        )
      ).rows[0];
    const row = (dimension: string, code: string) =>
      res.body.rows.find((r: { dimension: string; code: string; kind: string }) => r.dimension === dimension && r.code === code && r.kind === 'need');
    expect(row('region', 'potou')).toMatchObject({ label: '坡头区', target: 3, ...(await db(`AND region = $2`, ['potou'])) });
    expect(row('region', 'mazhang')).toMatchObject({ target: null, ...(await db(`AND region = $2`, ['mazhang'])) });
    expect(row('industry', 'marine')).toMatchObject({ label: '蓝色海洋', target: 2, ...(await db(`AND 'marine' = ANY(industries)`)) });
    expect(res.body.totals.needs).toEqual({ ...(await db('')), target: 3 });
    // Every tagged need, including the uninvited organisation's: tagging follows the date, not the invitation.
    expect(res.body.totals.needs.submitted).toBe(3);
    const invitees = Object.fromEntries(res.body.invitees.map((i: { orgId: string; answered: boolean; needs: number }) => [i.orgId, [i.answered, i.needs]]));
    expect(invitees).toEqual({ [seafoodOrg]: [true, 2], [laggardOrg]: [false, 0] });
    expect(res.body.laggards).toBe(1);
  });
});

describe('reminders', () => {
  it('reminds only the laggard’s people, once per reminder however often it is clicked', async () => {
    const first = await api.call('POST', `/api/admin/campaigns/${campaignId}/remind`, { token: admin.token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ organisations: 1, people: 1 });
    const second = await api.call('POST', `/api/admin/campaigns/${campaignId}/remind`, { token: admin.token });
    expect(second.body).toEqual({ organisations: 1, people: 0 });
    const sent = await notifications('campaign.reminder', [seafood, seafoodColleague, laggard]);
    expect(sent.map((n) => n.user_id)).toEqual([laggard.id]);
  });

  it('sends the “N days before the close” reminder once per person under retried and concurrent scans', async () => {
    const campaigns = api.app.get(CampaignsService);
    const results = await Promise.allSettled([campaigns.scan(), campaigns.scan(), campaigns.scan()]);
    await campaigns.scan();
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    const sent = (await notifications('campaign.reminder', [seafood, seafoodColleague, laggard])).filter((n) => n.dedupe_key.endsWith(':d7'));
    expect(sent).toEqual([{ user_id: laggard.id, dedupe_key: `campaign-reminder:${campaignId}:d7` }]);
    const email = await api.db.query(
      `SELECT count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.dedupe_key = $1 AND d.channel = 'email'`,
      [`campaign-reminder:${campaignId}:d7`],
    );
    expect(email.rows[0].n).toBe(1);
  });
});

describe('closing', () => {
  it('closes on its end date through the scan, then refuses edits and a second close', async () => {
    await api.db.query(`UPDATE campaign SET starts_on = $2, ends_on = $3 WHERE id = $1`, [campaignId, day(-10), day(-1)]);
    const r = await api.app.get(CampaignsService).scan();
    expect(r.closed).toBe(1);
    const got = await api.call('GET', `/api/admin/campaigns/${campaignId}`, { token: admin.token });
    expect(got.body).toMatchObject({ status: 'closed', needs: 3 });
    expect(got.body.closedAt).not.toBeNull();
    expect((await api.call('POST', `/api/admin/campaigns/${campaignId}/close`, { token: admin.token })).status).toBe(409);
    const edit = await api.call('PATCH', `/api/admin/campaigns/${campaignId}`, { token: admin.token, body: { ...campaignInput(), version: got.body.version } });
    expect(edit.status).toBe(400);
    expect(edit.body.error.details[0].code).toBe('campaign_not_editable');
    // After the close nothing new is tagged.
    const late = await createNeed(seafood, seafoodOrg, { title: '截止后提交的需求' });
    await api.call('POST', `/api/needs/${late}/submit`, { token: seafood.token });
    expect((await api.db.query(`SELECT campaign_id FROM tech_need WHERE id = $1`, [late])).rows[0].campaign_id).toBeNull();
    const audit = await api.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [campaignId]);
    expect(audit.rows.map((a) => a.action)).toEqual(expect.arrayContaining(['campaign.created', 'campaign.invited', 'campaign.opened', 'campaign.reminded', 'campaign.closed']));
  });

  it('refuses non-admins (403)', async () => {
    expect((await api.call('GET', '/api/admin/campaigns', { token: seafood.token })).status).toBe(403);
  });
});
