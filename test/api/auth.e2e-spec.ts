import { createHmac } from 'node:crypto';
import { AccessToken, AuthTokens, PlatformRole } from '@ztt/contracts';
import { PASSWORD, login, registerUser, uniqueEmail } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

function b64url(obj: object): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

/** Signs a token the way the server does, with whatever claims and key the test chooses. */
function forge(claims: Record<string, unknown>, opts: { key?: string; alg?: string } = {}): string {
  const header = b64url({ alg: opts.alg ?? 'HS256', typ: 'JWT' });
  const payload = b64url(claims);
  if (opts.alg === 'none') return `${header}.${payload}.`;
  const sig = createHmac('sha256', opts.key ?? api.config.auth.jwtSecret)
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${sig}`;
}

function decode(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
}

describe('registration, login, refresh and logout', () => {
  it('registers a person, signs them in, and /api/me shows who they are', async () => {
    const email = uniqueEmail('reg');
    const reg = await api.call<AuthTokens>('POST', '/api/auth/register', { body: { email, password: PASSWORD, displayName: '张伟' } });
    expect(reg.status).toBe(201);
    expect(reg.body.expiresIn).toBe(900);
    const me = await api.call('GET', '/api/me', { token: reg.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, displayName: '张伟', platformRoles: [], memberships: [] });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('refuses a second account with the same e-mail in any letter case, in Chinese by default', async () => {
    const u = await registerUser(api);
    const again = await api.call('POST', '/api/auth/register', { body: { email: u.email.toUpperCase(), password: PASSWORD, displayName: '李四' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'EMAIL_TAKEN', message: '该邮箱已注册' });
  });

  it('logs in with the right password and refuses a wrong one', async () => {
    const u = await registerUser(api);
    expect((await api.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).status).toBe(200);
    const bad = await api.call('POST', '/api/auth/login', { body: { email: u.email, password: 'not the password' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers login with missing fields with a 400 naming them', async () => {
    const res = await api.call('POST', '/api/auth/login', { body: { email: 'a@b.cn' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'password', code: 'isNotEmpty' })]);
  });

  it('rotates the refresh token: the new pair works and the old refresh token is spent', async () => {
    const u = await registerUser(api);
    const first = await login(api, u.email);
    const second = await api.call<AuthTokens>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await api.call('GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);
  });

  it('revokes the whole family when an old refresh token is used again', async () => {
    const u = await registerUser(api);
    const first = await login(api, u.email);
    const second = (await api.call<AuthTokens>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).body;
    const replay = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    // Both the thief's and the owner's tokens of that session are now dead.
    expect((await api.call('GET', '/api/me', { token: second.accessToken })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);
    const audit = await api.db.query(`SELECT result FROM audit_log WHERE action = 'auth.refresh_reuse' AND actor_id = $1`, [u.id]);
    expect(audit.rows).toEqual([{ result: 'denied' }]);
  });

  it('ends the session at logout: the access token and the refresh token stop working at once', async () => {
    const u = await registerUser(api);
    const t = await login(api, u.email);
    expect((await api.call('POST', '/api/auth/logout', { token: t.accessToken })).status).toBe(204);
    expect((await api.call('GET', '/api/me', { token: t.accessToken })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: t.refreshToken } })).status).toBe(401);
  });

  it('ends every session when the password changes, and the new password works', async () => {
    const u = await registerUser(api);
    const other = await login(api, u.email);
    const res = await api.call<AuthTokens>('POST', '/api/me/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: '新的密码也要足够长才行' } });
    expect(res.status).toBe(200);
    expect((await api.call('GET', '/api/me', { token: u.token })).status).toBe(401);
    expect((await api.call('GET', '/api/me', { token: other.accessToken })).status).toBe(401);
    expect((await api.call('GET', '/api/me', { token: res.body.accessToken })).status).toBe(200);
    expect((await api.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).status).toBe(401);
    await login(api, u.email, '新的密码也要足够长才行');
  });

  it('refuses a password change with the wrong current password, changing nothing', async () => {
    const u = await registerUser(api);
    const res = await api.call('POST', '/api/me/password', { token: u.token, body: { currentPassword: 'wrong one', newPassword: '另一个足够长的新密码' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'currentPassword', message: '当前密码不正确' });
    expect((await api.call('GET', '/api/me', { token: u.token })).status).toBe(200);
  });

  it('ends the sessions of a user a platform admin disables, and refuses their login', async () => {
    const admin = await registerUser(api, { roles: [PlatformRole.Admin] });
    const u = await registerUser(api);
    const res = await api.call('POST', `/api/admin/users/${u.id}/disable`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('disabled');
    expect((await api.call('GET', '/api/me', { token: u.token })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: u.tokens.refreshToken } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).status).toBe(401);
    expect((await api.call('POST', `/api/admin/users/${u.id}/enable`, { token: admin.token })).status).toBe(200);
    await login(api, u.email);
  });
});

describe('access tokens that must be refused (docs/security.md #8)', () => {
  let user: Awaited<ReturnType<typeof registerUser>>;
  let claims: Record<string, unknown>;
  beforeAll(async () => {
    user = await registerUser(api);
    claims = decode(user.token);
  });
  const now = () => Math.floor(Date.now() / 1000);
  const expect401 = async (token: string) => {
    const res = await api.call('GET', '/api/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  };

  it('accepts the genuine token (so the refusals below are about the claims)', async () => {
    expect((await api.call('GET', '/api/me', { token: forge(claims) })).status).toBe(200);
  });
  it('refuses alg=none', () => expect401(forge(claims, { alg: 'none' })));
  it('refuses a token signed with another key', () => expect401(forge(claims, { key: 'another-key-another-key-another-key-0123' })));
  it('refuses an expired token', () => expect401(forge({ ...claims, iat: now() - 3600, exp: now() - 60 })));
  it('refuses a token not valid yet (nbf in the future)', () => expect401(forge({ ...claims, nbf: now() + 600 })));
  it('refuses the wrong audience', () => expect401(forge({ ...claims, aud: 'some-other-api' })));
  it('refuses the wrong issuer', () => expect401(forge({ ...claims, iss: 'someone-else' })));
  it('refuses a token naming a session that does not exist', () => expect401(forge({ ...claims, sid: '00000000-0000-4000-8000-000000000000' })));
  it('refuses garbage and a missing token', async () => {
    await expect401('not-a-jwt');
    const res = await api.call('GET', '/api/me');
    expect(res.status).toBe(401);
  });
});

describe('password policy and storage (docs/security.md #11)', () => {
  const register = (password: string) => api.call('POST', '/api/auth/register', { body: { email: uniqueEmail('pw'), password, displayName: '密码测试' } });

  it('refuses 7 characters, saying why in Chinese', async () => {
    const res = await register('abc1234');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'password', code: 'too_short', message: '密码至少 8 个字符' }] });
  });

  it('refuses a very common password', async () => {
    const res = await register('password123');
    expect(res.body.error.details[0].code).toBe('too_common');
  });

  it('accepts a 64-character Chinese passphrase intact and stores only an Argon2id hash', async () => {
    const phrase = '湛江港的海风吹过红树林与金鲳鱼网箱'.repeat(4).slice(0, 64);
    const email = uniqueEmail('cn');
    const res = await api.call('POST', '/api/auth/register', { body: { email, password: phrase, displayName: '长密码' } });
    expect(res.status).toBe(201);
    const { rows } = await api.db.query('SELECT password_hash FROM app_user WHERE email = $1', [email]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // No truncation: the same phrase less its last character is a different password.
    expect((await api.call('POST', '/api/auth/login', { body: { email, password: phrase.slice(0, 63) } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/login', { body: { email, password: phrase } })).status).toBe(200);
  });

  it('refuses creating nothing when the password is refused', async () => {
    const email = uniqueEmail('none');
    await api.call('POST', '/api/auth/register', { body: { email, password: 'short', displayName: 'x' } });
    const { rowCount } = await api.db.query('SELECT 1 FROM app_user WHERE email = $1', [email]);
    expect(rowCount).toBe(0);
  });
});

describe('mass assignment (docs/security.md #5)', () => {
  it('refuses PATCH /api/me with role or orgId, and changes nothing', async () => {
    const u = await registerUser(api, { displayName: '原名' });
    for (const extra of [{ role: 'admin' }, { orgId: '00000000-0000-4000-8000-000000000000' }, { platformRoles: ['admin'] }, { status: 'disabled' }]) {
      const res = await api.call('PATCH', '/api/me', { token: u.token, body: { displayName: '改名', ...extra } });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'whitelistValidation', message: '不允许提交该字段' })]));
    }
    const me = await api.call('GET', '/api/me', { token: u.token });
    expect(me.body).toMatchObject({ displayName: '原名', platformRoles: [] });
    const roles = await api.db.query('SELECT 1 FROM platform_role_assignment WHERE user_id = $1', [u.id]);
    expect(roles.rowCount).toBe(0);
  });

  it('lets a person change their own display name, phone and language', async () => {
    const u = await registerUser(api);
    const res = await api.call('PATCH', '/api/me', { token: u.token, body: { displayName: '王海', phone: '13912345678', locale: 'en' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '王海', phone: '13912345678', locale: 'en' });
  });
});

describe('the refresh token in an HttpOnly, SameSite=Strict cookie (docs/security.md #28)', () => {
  const BROWSER = { 'sec-fetch-site': 'same-origin' };

  /** The attributes of the ztt_refresh cookie an answer sets, by lower-case name ('value' is the cookie's value). */
  function refreshCookie(res: { headers: Headers }): Record<string, string> | undefined {
    const line = res.headers.getSetCookie().find((c) => c.startsWith('ztt_refresh='));
    if (!line) return undefined;
    const [pair, ...attributes] = line.split(/;\s*/);
    const entries = attributes.map((a) => {
      const [k, v = ''] = a.split('=');
      return [(k as string).toLowerCase(), v] as const;
    });
    return { value: decodeURIComponent((pair as string).slice('ztt_refresh='.length)), ...Object.fromEntries(entries) };
  }

  async function browserLogin(email: string) {
    const res = await api.call<AccessToken>('POST', '/api/auth/login', { headers: BROWSER, body: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = refreshCookie(res);
    expect(cookie?.value).toBeTruthy();
    return { accessToken: res.body.accessToken, cookie: cookie?.value as string };
  }

  const refreshWith = (cookie: string) => api.call<AccessToken>('POST', '/api/auth/refresh', { headers: { ...BROWSER, cookie: `ztt_refresh=${cookie}` } });

  it('is set at login: HttpOnly, SameSite=Strict, Path=/api/auth, for the refresh token’s lifetime, not Secure over plain http outside production', async () => {
    const u = await registerUser(api);
    const res = await api.call<AuthTokens>('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    const cookie = refreshCookie(res);
    expect(cookie).toMatchObject({ value: res.body.refreshToken, httponly: '', samesite: 'Strict', path: '/api/auth', 'max-age': String(api.config.auth.refreshTtlDays * 86_400) });
    expect(cookie).not.toHaveProperty('secure');
    expect(cookie).not.toHaveProperty('domain');
  });

  it('is set at registration and by a password change, which starts the new session', async () => {
    const reg = await api.call<AccessToken>('POST', '/api/auth/register', { headers: BROWSER, body: { email: uniqueEmail('cookie'), password: PASSWORD, displayName: '王芳' } });
    expect(reg.status).toBe(201);
    expect(refreshCookie(reg)).toMatchObject({ httponly: '', samesite: 'Strict', path: '/api/auth' });
    const changed = await api.call<AccessToken>('POST', '/api/me/password', {
      headers: BROWSER,
      token: reg.body.accessToken,
      body: { currentPassword: PASSWORD, newPassword: '换一个足够长的新密码吧' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).not.toHaveProperty('refreshToken');
    const cookie = refreshCookie(changed)?.value as string;
    expect((await refreshWith(cookie)).status).toBe(200);
  });

  it('never reaches a browser in JSON: a browser’s login answers only the access token', async () => {
    const u = await registerUser(api);
    const res = await api.call('POST', '/api/auth/login', { headers: BROWSER, body: { email: u.email, password: PASSWORD } });
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn']);
    expect(res.text).not.toContain(refreshCookie(res)?.value as string);
  });

  it('rotates with only the cookie: a new cookie and access token, and the old cookie refused afterwards, ending the session', async () => {
    const u = await registerUser(api);
    const first = await browserLogin(u.email);
    const second = await refreshWith(first.cookie);
    expect(second.status).toBe(200);
    expect(Object.keys(second.body).sort()).toEqual(['accessToken', 'expiresIn']);
    const rotated = refreshCookie(second);
    expect(rotated).toMatchObject({ httponly: '', samesite: 'Strict', path: '/api/auth' });
    expect(rotated?.value).not.toBe(first.cookie);
    expect((await api.call('GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);
    // The spent cookie is a replay: refused, and (as with a token in the body) the whole session ends.
    const replay = await refreshWith(first.cookie);
    expect(replay.status).toBe(401);
    expect(refreshCookie(replay)).toMatchObject({ value: '', expires: 'Thu, 01 Jan 1970 00:00:00 GMT', path: '/api/auth' });
    expect((await refreshWith(rotated?.value as string)).status).toBe(401);
    expect((await api.call('GET', '/api/me', { token: second.body.accessToken })).status).toBe(401);
  });

  it('is cleared at logout, and the old cookie no longer refreshes', async () => {
    const u = await registerUser(api);
    const s = await browserLogin(u.email);
    const out = await api.call('POST', '/api/auth/logout', { headers: BROWSER, token: s.accessToken });
    expect(out.status).toBe(204);
    expect(refreshCookie(out)).toMatchObject({ value: '', expires: 'Thu, 01 Jan 1970 00:00:00 GMT', path: '/api/auth', httponly: '', samesite: 'Strict' });
    expect((await refreshWith(s.cookie)).status).toBe(401);
  });

  it('answers a refresh with neither cookie nor token 401, in Chinese', async () => {
    for (const opts of [{ headers: BROWSER }, { headers: BROWSER, body: {} }, {}]) {
      const res = await api.call('POST', '/api/auth/refresh', opts);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
  });
});
