import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { DELETED_USER_NAME, PlatformRole } from '@ztt/contracts';
import { MEILI_CLIENT } from '@ztt/platform';
import { achievementInput, createOrg, needInput, PASSWORD, publishItem, registerUser, TestUser, uniqueEmail } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

// docs/security.md #26 — PIPL rights: a complete export, and a deletion after which nothing personal is
// left in PostgreSQL, Meilisearch or Redis, except what docs/adr/0005-personal-data.md keeps.

let api: TestApi;
let worker: INestApplicationContext;
let hook: http.Server;
let hookPort: number;
let admin: TestUser;
let person: TestUser;
let colleague: TestUser;
let partner: TestUser;
let orgId: string;
let partnerOrgId: string;
let needId: string;
let dealId: string;
let applicationId: string;
let achievementId: string;

const NAME = '隐私测试林小满';
const PHONE = '13912345678';

beforeAll(async () => {
  hook = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"errcode":0}'));
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hookPort = (hook.address() as AddressInfo).port;
  const allow = { NOTIFY_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${hookPort}` };
  api = await startTestApi(allow);
  worker = await startTestWorker(api, allow);
  admin = await registerUser(api, { roles: [PlatformRole.Admin], displayName: '平台管理员' });

  // A person active across the product: org member, need contact, notifications, a webhook, broker, deal note, challenge team.
  person = await registerUser(api, { email: uniqueEmail('pipl'), displayName: NAME, roles: [PlatformRole.Broker] });
  expect((await api.call('PATCH', '/api/me', { token: person.token, body: { phone: PHONE } })).status).toBe(200);
  colleague = await registerUser(api, { displayName: '同事王工' });
  orgId = (await createOrg(api, person, { verified: true, input: { name: '湛江隐私测试海洋科技有限公司' } })).id;
  // The colleague is a second admin, so the person may leave the organisation.
  await api.db.query(`INSERT INTO membership (organisation_id, user_id, role, status) VALUES ($1, $2, 'admin', 'active')`, [orgId, colleague.id]);
  partner = await registerUser(api, { displayName: '合作方赵工' });
  partnerOrgId = (await createOrg(api, partner, { verified: true, input: { name: '湛江隐私测试合作研究院', type: 'institute' } })).id;

  needId = await publishItem(api, 'need', person, admin, needInput(orgId, { title: '海水养殖尾水脱氮隐私测试需求', contact: { name: NAME, phone: PHONE, email: person.email } }));
  // Closing a second need tells the colleague, naming the person as the one who did it.
  const closedId = await publishItem(api, 'need', person, admin, needInput(orgId, { title: '已关闭的隐私测试需求', contact: { name: '值班室', phone: null, email: null } }));
  expect((await api.call('POST', `/api/needs/${closedId}/close`, { token: person.token })).status).toBe(200);
  // The organisation's achievement lists the person on its team, by account.
  achievementId = await publishItem(
    api,
    'achievement',
    colleague,
    admin,
    achievementInput(orgId, {
      team: [
        { name: NAME, title: '高级工程师', userId: person.id },
        { name: '同事王工', title: '工程师', userId: null },
      ],
    }),
  );
  // Last quarter's report froze the brokers' figures, the person's row with their name.
  await api.db.query(`INSERT INTO quarterly_report (quarter, status, figures) VALUES ('2026Q3', 'sent', $1)`, [
    JSON.stringify({
      dashboard: {
        brokers: [
          { brokerId: person.id, name: NAME, deals: 1 },
          { brokerId: admin.id, name: '平台管理员', deals: 0 },
        ],
      },
      campaigns: [],
    }),
  ]);
  const hookUrl = `http://127.0.0.1:${hookPort}/hook?key=pipl`;
  expect((await api.call('PUT', '/api/me/notification-settings', { token: person.token, body: { email: true, webhookUrl: hookUrl, webhookKind: 'generic' } })).status).toBe(200);
  await api.db.query(`INSERT INTO broker_profile (user_id, chains, regions, capacity) VALUES ($1, '{marine.ranching}', '{potou}', 20)`, [person.id]);

  const deal = await api.db.query(
    `INSERT INTO deal (title, need_id, demand_org_id, supply_org_id, demand_contact, supply_contact, lead_broker_id, created_by)
     VALUES ('尾水脱氮对接', $1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [
      needId,
      orgId,
      partnerOrgId,
      JSON.stringify({ name: NAME, phone: PHONE, email: person.email }),
      JSON.stringify({ name: '合作方赵工', phone: '13700000000', email: null }),
      person.id,
    ],
  );
  dealId = deal.rows[0].id;
  await api.db.query(`INSERT INTO deal_note (deal_id, author_id, body) VALUES ($1, $2, $3)`, [dealId, person.id, `已与合作方通话，回电请打 ${PHONE}`]);

  const challenge = await api.db.query(
    `INSERT INTO challenge (owner_org_id, acceptor_user_id, created_by, title, background, indicators, chains, bounty, funding_source,
                            application_deadline, period_months, eligibility, mode, teams, rubric, milestones, status)
     VALUES ($1, $2, $2, '尾水脱氮揭榜', '背景', '[]', '{marine.ranching}', 1000000, '市财政', now() + interval '30 days', 12, '{}', 'single', 1, '[]', '[]', 'published') RETURNING id`,
    [partnerOrgId, partner.id],
  );
  const application = await api.db.query(
    `INSERT INTO challenge_application (challenge_id, org_id, lead_user_id, technical_route, indicator_plans, schedule, budget, team)
     VALUES ($1, $2, $3, '生物膜工艺', '[]', '十二个月', 500000, $4) RETURNING id`,
    [
      challenge.rows[0].id,
      orgId,
      person.id,
      JSON.stringify([
        { name: NAME, role: '负责人', userId: person.id },
        { name: '同事王工', role: '成员', userId: colleague.id },
      ]),
    ],
  );
  applicationId = application.rows[0].id;
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
});

describe('GET /api/me/export', () => {
  it('downloads everything held about the caller, in the documented shape, and audits it', async () => {
    await eventually('the person has notifications', async () => (await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1`, [person.id])).rows[0].n > 0);
    const res = await api.call('GET', '/api/me/export', { token: person.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const x = res.body;
    expect(x).toMatchObject({ format: 'ztt-personal-data', version: 1, account: { id: person.id, email: person.email, displayName: NAME, phone: PHONE } });
    expect(JSON.stringify(x)).not.toMatch(/argon2|password/i);
    expect(x.platformRoles.map((r: any) => r.role)).toEqual(['broker']);
    expect(x.memberships).toEqual([expect.objectContaining({ organisationId: orgId, role: 'admin', status: 'active' })]);
    expect(x.sessions.length).toBeGreaterThan(0);
    expect(x.organisationsCreated.map((o: any) => o.id)).toEqual([orgId]);
    expect(x.needs).toEqual([
      expect.objectContaining({ id: needId, contactName: NAME, contactPhone: PHONE, contactEmail: person.email, createdByMe: true }),
      expect.objectContaining({ title: '已关闭的隐私测试需求', status: 'closed', createdByMe: true }),
    ]);
    expect(x.achievements).toEqual([
      expect.objectContaining({ id: achievementId, createdByMe: false, team: expect.arrayContaining([{ name: NAME, title: '高级工程师', userId: person.id }]) }),
    ]);
    expect(x.notifications.length).toBeGreaterThan(0);
    expect(x.notificationSettings).toMatchObject({ email: true, webhookUrl: `http://127.0.0.1:${hookPort}/hook?key=pipl`, webhookKind: 'generic' });
    expect(x.brokerProfile).toMatchObject({ chains: ['marine.ranching'], capacity: 20 });
    expect(x.deals).toEqual([expect.objectContaining({ id: dealId, myRole: 'lead-broker' })]);
    expect(x.dealNotes).toEqual([expect.objectContaining({ dealId, body: `已与合作方通话，回电请打 ${PHONE}` })]);
    expect(x.challengeApplications).toEqual([expect.objectContaining({ id: applicationId, lead: true })]);
    expect(x.auditLog.map((a: any) => a.action)).toEqual(expect.arrayContaining(['auth.register', 'item.created']));
    const audit = await api.db.query(`SELECT actor_id, target_type, target_id FROM audit_log WHERE action = 'data.exported' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]).toEqual({ actor_id: person.id, target_type: 'user', target_id: person.id });
  });

  it('answers 401 without a token', async () => {
    expect((await api.call('GET', '/api/me/export')).status).toBe(401);
  });
});

describe('DELETE /api/me refusals change nothing', () => {
  const snapshot = async (id: string) =>
    (
      await api.db.query(
        `SELECT u.email, u.display_name, u.phone, u.status, u.password_hash, (SELECT count(*)::int FROM membership WHERE user_id = u.id) AS memberships,
                               (SELECT count(*)::int FROM auth_session WHERE user_id = u.id AND revoked_at IS NULL) AS sessions
                          FROM app_user u WHERE u.id = $1`,
        [id],
      )
    ).rows[0];

  it('refuses a wrong password (400, in Chinese first)', async () => {
    const before = await snapshot(person.id);
    const res = await api.call('DELETE', '/api/me', { token: person.token, body: { password: '不是这个密码123' }, headers: { 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'password', code: 'wrong_password', message: '当前密码不正确' })]);
    expect(await snapshot(person.id)).toEqual(before);
    expect((await api.call('GET', '/api/me', { token: person.token })).status).toBe(200);
  });

  it('refuses malformed bodies with 400, never 5xx', async () => {
    for (const body of [undefined, {}, { password: '' }, { password: 123 }, { password: PASSWORD, extra: 1 }, { password: 'x'.repeat(10_000) }]) {
      const res = await api.call('DELETE', '/api/me', { token: person.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await api.call('DELETE', '/api/me', { token: person.token, rawBody: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await snapshot(person.id)).status).toBe('active');
    expect((await api.call('DELETE', '/api/me', { body: { password: PASSWORD } })).status).toBe(401);
  });

  it('refuses the last admin of an organisation (409 LAST_ORG_ADMIN naming it)', async () => {
    const solo = await registerUser(api, { displayName: '独立机构管理员' });
    await createOrg(api, solo, { input: { name: '湛江独管测试有限公司' } });
    const before = await snapshot(solo.id);
    const res = await api.call('DELETE', '/api/me', { token: solo.token, body: { password: PASSWORD }, headers: { 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('LAST_ORG_ADMIN');
    expect(res.body.error.message).toBe('机构至少需要一名管理员');
    expect(res.body.error.details[0].message).toContain('湛江独管测试有限公司');
    expect(await snapshot(solo.id)).toEqual(before);
    const en = await api.call('DELETE', '/api/me', { token: solo.token, body: { password: PASSWORD }, headers: { 'accept-language': 'en' } });
    expect(en.body.error.details[0].message).toMatch(/only admin of: 湛江独管测试有限公司/);
  });
});

describe('DELETE /api/me', () => {
  const needles = () => [person.email, PHONE, NAME];
  let kept: { table: string; column: string; needle: string }[] = [];

  it('deletes the account in one go: 204, old tokens and credentials dead', async () => {
    // A second session, to show every session ends, not only the caller's.
    const other = await api.call('POST', '/api/auth/login', { body: { email: person.email, password: PASSWORD } });
    expect(other.status).toBe(200);
    const res = await api.call('DELETE', '/api/me', { token: person.token, body: { password: PASSWORD } });
    expect(res.status).toBe(204);

    expect((await api.call('GET', '/api/me', { token: person.token })).status).toBe(401);
    expect((await api.call('GET', '/api/me', { token: other.body.accessToken })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: person.tokens.refreshToken } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status).toBe(401);
    expect((await api.call('DELETE', '/api/me', { token: person.token, body: { password: PASSWORD } })).status).toBe(401);

    const u = (await api.db.query(`SELECT email, display_name, phone, status, deleted_at, password_hash FROM app_user WHERE id = $1`, [person.id])).rows[0];
    expect(u).toMatchObject({ email: `deleted-${person.id}@deleted.invalid`, display_name: DELETED_USER_NAME, phone: null, status: 'deleted' });
    expect(u.deleted_at).not.toBeNull();
    expect(u.password_hash).not.toMatch(/^\$argon2/);
    const gone = await api.db.query(
      `SELECT (SELECT count(*)::int FROM membership WHERE user_id = $1) AS memberships, (SELECT count(*)::int FROM auth_session WHERE user_id = $1) AS sessions,
              (SELECT count(*)::int FROM notification WHERE user_id = $1) AS notifications, (SELECT count(*)::int FROM notification_preference WHERE user_id = $1) AS channels,
              (SELECT count(*)::int FROM broker_profile WHERE user_id = $1) AS broker, (SELECT count(*)::int FROM platform_role_assignment WHERE user_id = $1) AS roles`,
      [person.id],
    );
    expect(gone.rows[0]).toEqual({ memberships: 0, sessions: 0, notifications: 0, channels: 0, broker: 0, roles: 0 });
    // An admin can bring a deleted account back neither way.
    expect((await api.call('POST', `/api/admin/users/${person.id}/enable`, { token: admin.token })).status).toBe(409);
    expect((await api.call('POST', `/api/admin/users/${person.id}/disable`, { token: admin.token })).status).toBe(409);
    const audit = await api.db.query(`SELECT actor_id, actor_email, target_id FROM audit_log WHERE action = 'user.deleted'`);
    expect(audit.rows).toEqual([{ actor_id: person.id, actor_email: null, target_id: person.id }]);
  });

  it('keeps the business records for the organisations, without the person', async () => {
    const need = (await api.db.query(`SELECT status, contact_name, contact_phone, contact_email, owner_org_id FROM tech_need WHERE id = $1`, [needId])).rows[0];
    expect(need).toEqual({ status: 'published', contact_name: DELETED_USER_NAME, contact_phone: null, contact_email: null, owner_org_id: orgId });
    const deal = (await api.db.query(`SELECT demand_org_id, lead_broker_id, demand_contact, supply_contact FROM deal WHERE id = $1`, [dealId])).rows[0];
    expect(deal).toEqual({
      demand_org_id: orgId,
      lead_broker_id: person.id,
      demand_contact: { name: DELETED_USER_NAME, phone: null, email: null },
      supply_contact: { name: '合作方赵工', phone: '13700000000', email: null },
    });
    const app = (await api.db.query(`SELECT org_id, team FROM challenge_application WHERE id = $1`, [applicationId])).rows[0];
    expect(app).toEqual({
      org_id: orgId,
      team: [
        { name: DELETED_USER_NAME, role: '负责人', userId: person.id },
        { name: '同事王工', role: '成员', userId: colleague.id },
      ],
    });
    // The colleague's notification that the person closed a need named them; it now names nobody.
    const told = (await api.db.query(`SELECT params FROM notification WHERE user_id = $1 AND type = 'item.closed'`, [colleague.id])).rows;
    expect(told).toEqual([{ params: { title: '已关闭的隐私测试需求', actor: DELETED_USER_NAME } }]);
    const note = (await api.db.query(`SELECT author_id, body FROM deal_note WHERE deal_id = $1`, [dealId])).rows[0];
    expect(note).toEqual({ author_id: person.id, body: `已与合作方通话，回电请打 ${DELETED_USER_NAME}` });
    const team = (await api.db.query(`SELECT team, published_snapshot->'team' AS snapshot FROM achievement WHERE id = $1`, [achievementId])).rows[0];
    expect(team.team).toEqual([
      { name: DELETED_USER_NAME, title: '高级工程师', userId: person.id },
      { name: '同事王工', title: '工程师', userId: null },
    ]);
    expect(team.snapshot).toEqual(team.team);
    const report = (await api.db.query(`SELECT figures->'dashboard'->'brokers' AS brokers FROM quarterly_report WHERE quarter = '2026Q3'`)).rows[0];
    expect(report.brokers).toEqual([
      { brokerId: person.id, name: DELETED_USER_NAME, deals: 1 },
      { brokerId: admin.id, name: '平台管理员', deals: 0 },
    ]);
    // The colleague still runs the organisation.
    expect((await api.call('GET', `/api/orgs/${orgId}`, { token: colleague.token })).status).toBe(200);
  });

  it('leaves no e-mail, phone or name in any text, jsonb or array column of any table, except the security log', async () => {
    const columns = (
      await api.db.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
          ORDER BY table_name, column_name`,
      )
    ).rows as { table_name: string; column_name: string }[];
    expect(columns.length).toBeGreaterThan(100);
    const hits: { table: string; column: string; needle: string }[] = [];
    for (const c of columns) {
      for (const needle of needles()) {
        const r = await api.db.query(`SELECT count(*)::int AS n FROM "${c.table_name}" WHERE strpos(lower("${c.column_name}"::text), lower($1)) > 0`, [needle]);
        if (r.rows[0].n > 0) hits.push({ table: c.table_name, column: c.column_name, needle });
      }
    }
    // Kept (ADR 0005): the append-only security log holds the e-mail of the events before deletion, as a legal-retention exception.
    kept = hits;
    expect(hits.filter((h) => h.table !== 'audit_log')).toEqual([]);
    expect(hits).toEqual([{ table: 'audit_log', column: 'actor_email', needle: person.email }]);
  });

  it('leaves nothing of the person in Redis', async () => {
    expect(kept.length).toBe(1);
    const redis = new Redis(api.config.redis.url);
    try {
      const found: string[] = [];
      let cursor = '0';
      let keys = 0;
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${api.config.redis.prefix}:*`, 'COUNT', 500);
        cursor = next;
        for (const key of batch) {
          keys++;
          const type = await redis.type(key);
          const value =
            type === 'string'
              ? await redis.get(key)
              : type === 'hash'
                ? JSON.stringify(await redis.hgetall(key))
                : type === 'list'
                  ? JSON.stringify(await redis.lrange(key, 0, -1))
                  : type === 'set'
                    ? JSON.stringify(await redis.smembers(key))
                    : type === 'zset'
                      ? JSON.stringify(await redis.zrange(key, 0, -1))
                      : type === 'stream'
                        ? JSON.stringify(await redis.xrange(key, '-', '+'))
                        : '';
          const text = `${key} ${value ?? ''}`.toLowerCase();
          for (const needle of [...needles(), person.id]) if (text.includes(needle.toLowerCase())) found.push(`${key}: ${needle}`);
        }
      } while (cursor !== '0');
      expect(keys).toBeGreaterThan(0);
      expect(found).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('leaves nothing of the person in Meilisearch, and the need stays searchable', async () => {
    await eventually('outbox relayed', async () => (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0].n === 0, 15_000);
    const meili = api.app.get(MEILI_CLIENT);
    await eventually(
      'need indexed',
      async () => (await meili.index(`${api.dbName}_needs`).getDocuments({ limit: 1000 })).results.some((d: { id: string }) => d.id === needId),
      15_000,
    );
    for (const index of ['needs', 'achievements']) {
      const docs = await meili
        .index(`${api.dbName}_${index}`)
        .getDocuments({ limit: 1000 })
        .catch(() => ({ results: [] }));
      const text = JSON.stringify(docs.results).toLowerCase();
      for (const needle of needles()) expect(text.includes(needle.toLowerCase())).toBe(false);
    }
  });

  it('refuses the old credentials (checked after the scans: a failed login records the address typed, as for anyone)', async () => {
    const res = await api.call('POST', '/api/auth/login', { body: { email: person.email, password: PASSWORD } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('frees the e-mail: the person may register again as a new account', async () => {
    const again = await api.call('POST', '/api/auth/register', { body: { email: person.email, password: PASSWORD, displayName: '新账号' } });
    expect(again.status).toBe(201);
    const me = await api.call('GET', '/api/me', { token: again.body.accessToken });
    expect(me.body.id).not.toBe(person.id);
    expect(me.body.memberships).toEqual([]);
  });
});
