import { PlatformRole } from '@ztt/contracts';
import { Client } from 'pg';
import { registerUser, TestUser } from '../harness/builders';
import { concretePath, liveRoutes } from '../harness/routes';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
let user: TestUser;
let admin: TestUser;
beforeAll(async () => {
  api = await startTestApi();
  user = await registerUser(api);
  admin = await registerUser(api, { roles: [PlatformRole.Admin] });
});
afterAll(() => api.close());

/** Routes anyone may call; every other route needs a signed-in caller. */
const PUBLIC = new Set([
  'GET /api/health/live',
  'GET /api/health/ready',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'GET /api/orgs',
  'GET /api/orgs/:id',
  'GET /api/needs/:id',
  'GET /api/achievements/:id',
  'GET /api/search/needs',
  'GET /api/search/achievements',
  'GET /api/challenges',
  'GET /api/challenges/:id',
  'GET /api/challenges/:id/notice',
  'GET /api/public/stats',
  'GET /api/home',
  'GET /api/brokers',
  'GET /api/brokers/:id',
  'GET /api/commissioners',
  'GET /api/counties/:code',
  'GET /api/experts',
  'GET /api/capacity/providers',
  'GET /api/capacity/providers/:id',
  'GET /api/capacity/instruments',
  'GET /api/capacity/instruments/:id',
]);
const apiRoutes = () => liveRoutes(api.app).filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'));

describe('health', () => {
  it('reports live, and ready with postgres, redis and meilisearch each up', async () => {
    expect((await api.call('GET', '/api/health/live')).body).toEqual({ status: 'up' });
    const ready = await api.call('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'up', services: { postgres: 'up', redis: 'up', meilisearch: 'up' } });
  });
});

describe('errors', () => {
  it('have one body shape, in English when asked, with the request id echoed', async () => {
    const res = await api.call('GET', '/api/orgs/00000000-0000-4000-8000-000000000000', { headers: { 'accept-language': 'en-GB,en;q=0.9', 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: 'trace-123' } });
  });

  it('answer an unknown route with the same shape', async () => {
    const res = await api.call('GET', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: '未找到该内容' });
  });

  it('never carry a stack trace, even for a fault of ours (500)', async () => {
    // Take SELECT on sessions away from the app's role in this file's database: the next request fails inside.
    await api.db.query('REVOKE SELECT ON auth_session FROM ztt_app');
    try {
      const res = await api.call('GET', '/api/me', { token: user.token });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '系统出错了，请稍后再试', requestId: expect.any(String) } });
      expect(res.text).not.toMatch(/at \w+ \(|node_modules|permission denied|auth_session/);
    } finally {
      await api.db.query('GRANT SELECT ON auth_session TO ztt_app');
    }
  });

  it('answer malformed JSON with 400 and an oversized body with 413, never 5xx', async () => {
    const bad = await api.call('POST', '/api/auth/login', { rawBody: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const huge = await api.call('POST', '/api/auth/register', { body: { email: 'a@b.cn', password: 'x'.repeat(10), displayName: 'y'.repeat(2_000_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });
  });

  it('refuse page sizes past the maximum and over-long strings (docs/security.md #12)', async () => {
    const big = await api.call('GET', '/api/orgs?pageSize=100000');
    expect(big.status).toBe(400);
    expect(big.body.error.details[0]).toMatchObject({ field: 'pageSize', code: 'max', message: '不能大于 100' });
    const long = await api.call('PATCH', '/api/me', { token: user.token, body: { displayName: '长'.repeat(51) } });
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].message).toBe('最多 50 个字符');
  });
});

describe('HTTP hardening (docs/security.md #16)', () => {
  it('sends the security headers and no X-Powered-By', async () => {
    const res = await api.call('GET', '/api/health/live');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('marks private data Cache-Control: no-store', async () => {
    const res = await api.call('GET', '/api/me', { token: user.token });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('allows cross-origin calls only from the configured origins', async () => {
    const ok = await api.call('GET', '/api/health/live', { headers: { origin: 'https://allowed.example.cn' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://allowed.example.cn');
    const no = await api.call('GET', '/api/health/live', { headers: { origin: 'https://evil.example.com' } });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('authorisation over the live route table', () => {
  it('has routes to check (the table is read from the running app)', () => {
    expect(apiRoutes().length).toBeGreaterThan(15);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    for (const r of apiRoutes().filter((r) => !PUBLIC.has(`${r.method} ${r.path}`))) {
      const res = await api.call(r.method, concretePath(r.path), { body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(`${r.method} ${r.path} → ${res.status}`).toBe(`${r.method} ${r.path} → 401`);
    }
  });

  it('refuses every admin route to a signed-in non-admin with 403, and audits it (docs/security.md #7)', async () => {
    const adminRoutes = apiRoutes().filter((r) => r.path.startsWith('/api/admin/'));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(6);
    for (const r of adminRoutes) {
      const res = await api.call(r.method, concretePath(r.path), { token: user.token, body: r.method === 'GET' ? undefined : {} });
      expect(`${r.method} ${r.path} → ${res.status}`).toBe(`${r.method} ${r.path} → 403`);
    }
    const denials = await api.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND actor_id = $1 AND target_type = 'route'`, [user.id]);
    expect(denials.rows[0].n).toBe(adminRoutes.length);
  });

  it('lets an admin through the same routes', async () => {
    expect((await api.call('GET', '/api/admin/users', { token: admin.token })).status).toBe(200);
    expect((await api.call('GET', '/api/admin/verifications', { token: admin.token })).status).toBe(200);
    expect((await api.call('GET', '/api/admin/audit', { token: admin.token })).status).toBe(200);
  });
});

describe('secrets stay on the server (docs/security.md #3)', () => {
  it('never puts the Meilisearch key or the JWT secret in a response', async () => {
    const bodies = await Promise.all([
      api.call('GET', '/api/health/ready'),
      api.call('GET', '/api/docs/openapi.json'),
      api.call('GET', '/api/me', { token: admin.token }),
      api.call('GET', '/api/admin/users', { token: admin.token }),
    ]);
    for (const b of bodies) {
      expect(b.text).not.toContain(api.config.meili.masterKey);
      expect(b.text).not.toContain(api.config.auth.jwtSecret);
    }
  });

  it('runs Meilisearch on loopback only', () => {
    expect(new URL(api.config.meili.url).hostname).toBe('127.0.0.1');
  });
});

describe('the audit log (docs/security.md #25)', () => {
  it('records logins, ok and failed, with UTC time, actor, action, result and address', async () => {
    await api.call('POST', '/api/auth/login', { body: { email: user.email, password: 'wrong password here' } });
    await api.call('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    const { rows } = await api.db.query(
      `SELECT action, result, actor_id, client_address, occurred_at FROM audit_log WHERE actor_email = $1 AND action LIKE 'auth.login%' ORDER BY id`,
      [user.email],
    );
    expect(rows.map((r) => [r.action, r.result])).toEqual([
      ['auth.login_failed', 'failed'],
      ['auth.login', 'ok'],
    ]);
    for (const r of rows) {
      expect(r.actor_id).toBe(user.id);
      expect(r.client_address).toMatch(/127\.0\.0\.1/);
      expect(Math.abs(new Date(r.occurred_at).getTime() - Date.now())).toBeLessThan(60_000);
    }
  });

  it('lets admins query it by actor, action and time', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const res = await api.call('GET', `/api/admin/audit?actorEmail=${encodeURIComponent(user.email)}&action=auth.login&from=${from}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(1);
    expect(res.body.items.every((e: { action: string; actorEmail: string }) => e.action === 'auth.login' && e.actorEmail === user.email)).toBe(true);
    const future = await api.call('GET', `/api/admin/audit?from=${new Date(Date.now() + 3_600_000).toISOString()}`, { token: admin.token });
    expect(future.body.total).toBe(0);
  });

  it('cannot be changed or deleted by the application’s database role', async () => {
    const app = new Client({ connectionString: api.appDbUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE audit_log SET result = 'ok'`)).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
      await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
      // It can still append.
      await app.query(`INSERT INTO audit_log (action, result) VALUES ('test.append', 'ok')`);
    } finally {
      await app.end();
    }
    // Not even the owner can rewrite history.
    await expect(api.db.query(`DELETE FROM audit_log WHERE action = 'test.append'`)).rejects.toThrow(/append-only/);
  });
});
