import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { PlatformRole } from '@ztt/contracts';
import { achievementInput, createOrg, needInput, publishItem, registerUser, TestUser } from '../harness/builders';
import { eventually, startTestApi, startTestWorker, TestApi } from '../harness/test-app';

/*
 * The partner API's `webhooks` scope (docs/security.md #29): when a need or an achievement is
 * published, edited and published again, or withdrawn, each active key holding the scope gets one
 * POST at its URL with the item's public fields, once per key and version of the item.
 */

interface Received {
  path: string;
  body: Record<string, unknown>;
  key?: string;
}

let server: http.Server;
let port: number;
const received: Received[] = [];
let api: TestApi;
let worker: INestApplicationContext;
let admin: TestUser;
let owner: TestUser;
let orgId: string;
let partnerOrg: string;
/** Set by the first test, followed by the next: what the key with webhooks was told of. */
let ids: { need: string; achievement: string };

const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'), key: req.headers['idempotency-key'] as string | undefined });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  // Plain http to a local listener is allowed in tests only, by exact host:port.
  const allow = { NOTIFY_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${port}` };
  api = await startTestApi(allow);
  worker = await startTestWorker(api, allow);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
  owner = await registerUser(api);
  orgId = (await createOrg(api, owner, { verified: true })).id;
  const partner = await registerUser(api);
  partnerOrg = (await createOrg(api, partner, { verified: true, input: { name: '湛江合作推送中心' } })).id;
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

async function issue(scopes: string[], path: string): Promise<string> {
  const res = await api.call('POST', '/api/admin/partner-keys', {
    token: admin.token,
    body: { orgId: partnerOrg, name: '推送测试', scopes, ratePerMinute: 100, expiresAt: inAYear(), webhookUrl: `http://127.0.0.1:${port}${path}` },
  });
  expect(res.status).toBe(201);
  return res.body.key.id as string;
}

describe('partner webhooks (docs/security.md #29)', () => {
  it('POSTs a published need and achievement, public fields only, once per key and item, to keys with the webhooks scope', async () => {
    const hooked = await issue(['webhooks'], '/hook-a');
    await issue(['catalogue:read'], '/hook-b');

    const need = await publishItem(api, 'need', owner, admin, needInput(orgId, { title: '推送：港口岸电改造需求', confidentialDetails: '机密：报价 C-42' }));
    const achievement = await publishItem(api, 'achievement', owner, admin, achievementInput(orgId, { title: '推送：海藻生物肥成果' }));
    const draft = await api.call('POST', '/api/needs', { token: owner.token, body: needInput(orgId, { title: '推送：未提交的草稿' }) });
    expect(draft.status).toBe(201);

    await eventually('both items posted to the webhook', async () => [need, achievement].every((id) => received.some((r) => r.body.id === id)), 30_000);
    const forNeed = received.filter((r) => r.body.id === need);
    expect(forNeed).toHaveLength(1);
    expect(forNeed[0].path).toBe('/hook-a');
    const version = forNeed[0].body.version as number;
    expect(forNeed[0].key).toBe(`${hooked}:${need}:${version}`);
    expect(forNeed[0].body).toEqual({
      event: 'published',
      kind: 'need',
      id: need,
      version,
      title: '推送：港口岸电改造需求',
      url: expect.stringMatching(new RegExp(`/needs/${need}$`)),
    });
    expect(received.find((r) => r.body.id === achievement)?.body).toMatchObject({ event: 'published', kind: 'achievement', title: '推送：海藻生物肥成果' });
    expect(JSON.stringify(received)).not.toContain('C-42');
    // The key without the webhooks scope got nothing, nor did the draft go out.
    expect(received.some((r) => r.path === '/hook-b')).toBe(false);
    expect(received.some((r) => r.body.id === draft.body.id)).toBe(false);

    const recorded = await api.db.query(`SELECT key_id, event, kind FROM partner_webhook_delivery WHERE item_id = $1`, [need]);
    expect(recorded.rows).toEqual([{ key_id: hooked, event: 'published', kind: 'need' }]);
    ids = { need, achievement };

    // The same outbox row relayed again (as after a crash) sends nothing more.
    await api.db.query(`INSERT INTO outbox (topic, aggregate_id) VALUES ('need.changed', $1)`, [need]);
    await eventually('the repeated row relayed', async () => (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0].n === 0, 15_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(received.filter((r) => r.body.id === need)).toHaveLength(1);
  });

  it('tells the key when an item leaves the catalogue (no content), and again when it is published after an edit', async () => {
    const { need, achievement } = ids;
    expect((await api.call('POST', `/api/needs/${need}/withdraw`, { token: owner.token })).status).toBe(200);
    await eventually('the withdrawal posted', async () => received.some((r) => r.body.id === need && r.body.event === 'withdrawn'), 30_000);
    const withdrawn = received.filter((r) => r.body.id === need && r.body.event === 'withdrawn');
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].body).toEqual({ event: 'withdrawn', kind: 'need', id: need, version: expect.any(Number), url: expect.stringMatching(new RegExp(`/needs/${need}$`)) });

    // An edit of the published achievement sends it back to review (it leaves the catalogue); published again, the key hears of it again.
    const current = (await api.call('GET', `/api/achievements/${achievement}`, { token: owner.token })).body as { version: number };
    const { ownerOrgId: _fixed, ...changes } = achievementInput(orgId, { title: '推送：海藻生物肥成果（第二版）' });
    const edited = await api.call('PATCH', `/api/achievements/${achievement}`, { token: owner.token, body: { ...changes, version: current.version } });
    expect(edited.text).toContain('第二版');
    await eventually('the edit took it out of the catalogue', async () => received.some((r) => r.body.id === achievement && r.body.event === 'withdrawn'), 30_000);
    expect((await api.call('POST', `/api/achievements/${achievement}/submit`, { token: owner.token })).status).toBe(200);
    expect((await api.call('POST', `/api/admin/review/achievement/${achievement}/decision`, { token: admin.token, body: { decision: 'publish' } })).status).toBe(200);
    await eventually('the new version posted', async () => received.some((r) => r.body.id === achievement && r.body.title === '推送：海藻生物肥成果（第二版）'), 30_000);
    const events = received.filter((r) => r.body.id === achievement).map((r) => [r.body.event, r.body.version] as const);
    expect(events.map(([e]) => e)).toEqual(['published', 'withdrawn', 'published']);
    // Each one about a later version of the achievement, each with its own Idempotency-Key.
    const versions = events.map(([, v]) => v as number);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(3);
    expect(received.every((r) => r.path === '/hook-a')).toBe(true);
    expect(new Set(received.map((r) => r.key)).size).toBe(received.length);
  });

  it('refuses a webhook URL an admin gives that the server would not call, in Chinese, and issues nothing', async () => {
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM partner_api_key`)).rows[0].n;
    for (const url of ['http://partner.example.cn/hook', 'https://127.0.0.1/hook', 'not a url']) {
      const res = await api.call('POST', '/api/admin/partner-keys', {
        token: admin.token,
        body: { orgId: partnerOrg, name: '地址不对', scopes: ['webhooks'], ratePerMinute: 100, expiresAt: inAYear(), webhookUrl: url },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ field: 'webhookUrl', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
    expect((await api.db.query(`SELECT count(*)::int AS n FROM partner_api_key`)).rows[0].n).toBe(before);
  });
});
