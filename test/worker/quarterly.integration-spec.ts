import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { quarterOf } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { CatalogueSnapshot, databaseClock, MatchRanker } from '@ztt/matching';
import { DataSource } from 'typeorm';
import { JobName, QueueName, QueueService } from '@ztt/platform';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { jobSettled } from '../harness/jobs';
import { decodeMail, startTestSmtp, TestSmtp } from '../harness/smtp';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

let smtp: TestSmtp;
let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let enterprise: TestUser;
let university: TestUser;
let marineBroker: TestUser;
let steelBroker: TestUser;
const needs: string[] = [];
const achievements: string[] = [];
const quarter = quarterOf(new Date());

const digestsTo = (u: TestUser) => smtp.to(u.email).filter((m) => decodeMail(m.raw).includes('本季度为您新分派了'));

const deliveriesSettled = async () => (await api.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'pending'`)).rows[0].n === 0;

beforeAll(async () => {
  smtp = await startTestSmtp();
  api = await startTestApi();
  worker = await startTestWorker(api, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  enterprise = await registerUser(api);
  university = await registerUser(api);
  const entOrg = (await createOrg(api, enterprise, { verified: true })).id;
  const uniOrg = (await createOrg(api, university, { verified: true, input: { type: 'university', name: '湛江海洋科技大学季度测试' } })).id;
  achievements.push(
    await publishItem(
      api,
      'achievement',
      university,
      admin,
      achievementInput(uniOrg, {
        title: '养殖尾水生态净化与循环利用集成技术',
        summary: '微生物与人工湿地组合工艺处理对虾养殖尾水，出水可回用。',
        keywords: ['尾水处理', '循环水养殖'],
        trl: 7,
      }),
    ),
    await publishItem(
      api,
      'achievement',
      university,
      admin,
      achievementInput(uniOrg, {
        title: '钢渣微粉高值化利用技术',
        summary: '钢渣制备建材微粉，用于混凝土掺合料。',
        keywords: ['钢渣'],
        chains: ['steel.recycling'],
        trl: 6,
      }),
    ),
  );
  await eventually('achievements indexed', async () => (await api.call('GET', `/api/search/achievements?q=${encodeURIComponent('钢渣')}`)).body.total === 1, 20_000);
  needs.push(
    await publishItem(api, 'need', enterprise, admin, needInput(entOrg)),
    await publishItem(api, 'need', enterprise, admin, needInput(entOrg, { title: '钢渣综合利用与建材微粉制备技术需求', keywords: ['钢渣'], chains: ['steel.recycling'] })),
  );
  // Matches found on publication, before any broker exists: they wait unassigned for the quarterly run.
  await eventually(
    'publication matches',
    async () => (await api.db.query(`SELECT count(DISTINCT need_id)::int AS n FROM match WHERE need_id = ANY($1)`, [needs])).rows[0].n === 2,
    20_000,
  );
  marineBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '海洋经纪人' });
  steelBroker = await registerUser(api, { roles: [PlatformRole.Broker], displayName: '钢铁经纪人' });
  for (const [b, chains] of [
    [marineBroker, ['marine.ranching']],
    [steelBroker, ['steel.recycling']],
  ] as const) {
    const res = await api.call('PUT', '/api/broker/profile', { token: b.token, body: { chains, regions: ['potou'], capacity: 50, active: true } });
    expect(res.status).toBe(200);
  }
}, 90_000);
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await smtp?.stop();
});

describe('new matches on publication', () => {
  it('tells the owning organisation once per item how many new matches were found', async () => {
    await eventually(
      'match.new notifications',
      async () => (await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'match.new' AND user_id = $1`, [enterprise.id])).rows[0].n === 2,
    );
    const list = await api.call('GET', '/api/notifications', { token: enterprise.token });
    const titles = list.body.items.filter((n: { body: string }) => n.body.includes('条新的匹配推荐')).map((n: { body: string }) => n.body);
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^“南美白对虾.*”有 \d+ 条新的匹配推荐$/)]));
    const keys = (await api.db.query(`SELECT dedupe_key FROM notification WHERE type = 'match.new' AND user_id = $1`, [enterprise.id])).rows.map((r) => r.dedupe_key);
    expect(keys.sort()).toEqual([...needs].sort().map((id) => expect.stringMatching(new RegExp(`^match-new:need:${id}:\\d{4}-\\d{2}-\\d{2}$`))));
  });
});

describe('the quarterly run', () => {
  it('refuses anyone but a platform admin (403)', async () => {
    expect((await api.call('GET', '/api/admin/matching/runs', { token: enterprise.token })).status).toBe(403);
    expect((await api.call('POST', '/api/admin/matching/runs', { token: marineBroker.token })).status).toBe(403);
    expect((await api.call('POST', '/api/admin/matching/runs')).status).toBe(401);
  });

  it('runs once per quarter however often started, matches every published item, and sends each broker one digest', async () => {
    const started = await Promise.all([1, 2].map(() => api.call('POST', '/api/admin/matching/runs', { token: admin.token })));
    const accepted = started.filter((r) => r.status === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const r of started) expect([202, 409]).toContain(r.status);
    expect(new Set(accepted.map((r) => r.body.id)).size).toBe(1);
    expect(accepted[0].body).toMatchObject({ quarter, startedBy: admin.id, total: 4 });

    await eventually('run completed', async () => (await api.call('GET', '/api/admin/matching/runs', { token: admin.token })).body[0]?.status === 'completed', 30_000);
    const runs = (await api.call('GET', '/api/admin/matching/runs', { token: admin.token })).body;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ quarter, status: 'completed', total: 4, processed: 4, errors: 0, finishedAt: expect.any(String) });
    expect(runs[0].summary).toMatchObject({ needs: 2, achievements: 2, digests: 2 });
    expect(runs[0].summary.matches).toBeGreaterThan(0);
    expect(Object.keys(runs[0].summary.brokers).sort()).toEqual([marineBroker.id, steelBroker.id].sort());
    expect((await api.db.query(`SELECT count(*)::int AS n FROM match_run`)).rows[0].n).toBe(1);

    await eventually('digests emailed', async () => digestsTo(marineBroker).length >= 1 && digestsTo(steelBroker).length >= 1, 20_000);
    await eventually('deliveries settled', deliveriesSettled, 20_000);
    expect(digestsTo(marineBroker)).toHaveLength(1);
    expect(digestsTo(steelBroker)).toHaveLength(1);
    const mail = decodeMail(digestsTo(marineBroker)[0].raw);
    expect(mail).toContain(`本季度为您新分派了 ${runs[0].summary.brokers[marineBroker.id]} 条匹配`);
    expect(mail).toContain('http://localhost:3000/broker/matches');
    const keys = await api.db.query(`SELECT user_id, dedupe_key FROM notification WHERE type = 'match.digest'`);
    expect(keys.rows.map((r) => `${r.user_id}:${r.dedupe_key}`).sort()).toEqual([marineBroker.id, steelBroker.id].map((id) => `${id}:digest:${quarter}`).sort());
    // Quarterly runs do not tell owners about new matches again.
    expect((await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'match.new'`)).rows[0].n).toBe(2);
  });

  it('answers 409 once this quarter’s run has completed, and sends nothing more', async () => {
    const before = smtp.messages.length;
    const again = await api.call('POST', '/api/admin/matching/runs', { token: admin.token });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'MATCH_RUN_COMPLETED', message: '本季度的全量匹配已完成，下个季度再运行' });
    // The job itself, queued again under another id, skips a completed quarter.
    const queues = worker.get(QueueService);
    await queues.add(JobName.QuarterlyRun, { quarter }, { jobId: `quarterly-${quarter}-again` });
    await jobSettled(queues.queue(QueueName.Matching), `quarterly-${quarter}-again`, 20_000);
    await eventually('deliveries settled', deliveriesSettled);
    expect(smtp.messages.length).toBe(before);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE type = 'match.digest'`)).rows[0].n).toBe(2);
  });

  it('resumes a run whose worker died from its cursor, without redoing earlier items or sending a digest twice', async () => {
    const q4 = (await api.db.query(`SELECT started_at FROM match_run WHERE quarter = $1`, [quarter])).rows[0];
    const [first, second] = [...achievements].sort();
    // As if a worker had done both needs and the first achievement (in id order), then died.
    await api.db.query(
      `INSERT INTO match_run (quarter, status, total, processed, errors, cursor_kind, cursor_id, started_at, summary)
       VALUES ('2026Q3', 'running', 4, 3, 0, 'achievement', $1, $2, '{"needs": 2, "achievements": 1, "matches": 5}')`,
      [first, q4.started_at],
    );
    const seeded = new Date((await api.db.query(`SELECT now() AS t`)).rows[0].t);
    const untouched = async () => (await api.db.query(`SELECT max(updated_at) AS t FROM match WHERE achievement_id = $1`, [first])).rows[0].t;
    const firstBefore = await untouched();
    const queues = worker.get(QueueService);
    await queues.add(JobName.QuarterlyRun, { quarter: '2026Q3' }, { jobId: 'quarterly-2026Q3' });
    await jobSettled(queues.queue(QueueName.Matching), 'quarterly-2026Q3', 20_000);
    const run = (await api.call('GET', '/api/admin/matching/runs', { token: admin.token })).body.find((r: { quarter: string }) => r.quarter === '2026Q3');
    expect(run).toMatchObject({ status: 'completed', total: 4, processed: 4, errors: 0, summary: { needs: 2, achievements: 2 } });
    // Items before the cursor were not matched again; the one after it was.
    expect(await untouched()).toEqual(firstBefore);
    const secondMatches = await api.db.query(`SELECT count(*)::int AS n, max(updated_at) AS t FROM match WHERE achievement_id = $1`, [second]);
    if (secondMatches.rows[0].n > 0) expect(new Date(secondMatches.rows[0].t).getTime()).toBeGreaterThanOrEqual(seeded.getTime());

    // Its digest (the assignments since its start) went out once per broker; running it again sends none.
    await queues.add(JobName.QuarterlyRun, { quarter: '2026Q3' }, { jobId: 'quarterly-2026Q3-again' });
    await jobSettled(queues.queue(QueueName.Matching), 'quarterly-2026Q3-again', 20_000);
    await eventually('deliveries settled', deliveriesSettled, 20_000);
    const digests = await api.db.query(`SELECT user_id, count(*)::int AS n FROM notification WHERE dedupe_key = 'digest:2026Q3' GROUP BY user_id`);
    expect(digests.rows.map((r) => `${r.user_id}:${r.n}`).sort()).toEqual([marineBroker.id, steelBroker.id].map((id) => `${id}:1`).sort());
    for (const b of [marineBroker, steelBroker]) expect(digestsTo(b)).toHaveLength(2);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM match_run WHERE quarter = '2026Q3'`)).rows[0].n).toBe(1);
  });
});

describe('the snapshot a quarterly run ranks from', () => {
  it('ranks like the live path, drops an item withdrawn after it was taken, and leaves an item published later to the live path', async () => {
    const db = worker.get(DataSource);
    const matching = worker.get(MatchRanker);
    await matching.settings();
    const snapshot = await CatalogueSnapshot.take(worker.get(CatalogueReader), databaseClock(db));
    expect(snapshot.sizes).toEqual({ need: 2, achievement: 2 });
    const best = (kind: 'need' | 'achievement', id: string) => matching.rankFromSnapshot(snapshot, kind, id)?.map((p) => (kind === 'need' ? p.achievementId : p.needId));
    // The steel need finds the steel achievement first, as publication did, with a reason naming 钢渣.
    expect(best('need', needs[1] as string)?.[0]).toBe(achievements[1]);
    const steel = matching.rankFromSnapshot(snapshot, 'need', needs[1] as string)?.[0];
    expect(steel?.explanation.sharedTerms).toContain('钢渣');
    const live = await api.db.query(`SELECT achievement_id FROM match WHERE need_id = $1 ORDER BY score DESC LIMIT 1`, [needs[1]]);
    expect(live.rows[0].achievement_id).toBe(achievements[1]);

    const withdrawn = await api.call('POST', `/api/achievements/${achievements[1]}/withdraw`, { token: university.token });
    expect(withdrawn.status).toBe(200);
    expect(await snapshot.refresh()).toBe(1);
    expect(best('need', needs[1] as string) ?? []).not.toContain(achievements[1]);
    expect(matching.rankFromSnapshot(snapshot, 'achievement', achievements[1] as string)).toBeNull();

    const uniOrg = (await api.db.query(`SELECT owner_org_id FROM achievement WHERE id = $1`, [achievements[0]])).rows[0].owner_org_id;
    const later = await publishItem(
      api,
      'achievement',
      university,
      admin,
      achievementInput(uniOrg, { title: '钢渣碳化固碳建材技术', keywords: ['钢渣'], chains: ['steel.recycling'] }),
    );
    expect(matching.rankFromSnapshot(snapshot, 'achievement', later)).toBeNull();
  });
});
