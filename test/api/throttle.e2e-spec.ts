import { registerUser, uniqueEmail } from '../harness/builders';
import { startTestApi, TestApi } from '../harness/test-app';

describe('login throttling (docs/security.md #10)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ AUTH_LOGIN_PER_ADDRESS_PER_MINUTE: '40' });
  });
  afterAll(() => api.close());

  const attempt = (email: string, password: string) => api.call('POST', '/api/auth/login', { body: { email, password } });

  it('locks an account on the 6th failure, even with the right password, and audits it', async () => {
    const u = await registerUser(api);
    for (let i = 1; i <= 5; i++) expect((await attempt(u.email, `wrong-${i}-password`)).status).toBe(401);
    const sixth = await attempt(u.email, u.password);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: '尝试次数过多，请稍后再试' });
    const rows = await api.db.query(`SELECT action, result FROM audit_log WHERE actor_email = $1 ORDER BY id`, [u.email]);
    expect(rows.rows.filter((r) => r.action === 'auth.login_failed')).toHaveLength(5);
    expect(rows.rows.at(-1)).toEqual({ action: 'auth.login_throttled', result: 'denied' });
  });

  it('answers unknown users exactly like known ones, lock included', async () => {
    const known = await registerUser(api);
    const unknown = uniqueEmail('ghost');
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) {
        const r = await attempt(email, `wrong-${i}-password`);
        out.push([r.status, r.body.error.code, r.body.error.message]);
      }
      return out;
    };
    expect(await answers(unknown)).toEqual(await answers(known.email));
  });

  it('counts a wrong password re-entered to delete the account or change the password like a failed login: a stolen token cannot guess faster', async () => {
    const u = await registerUser(api);
    for (let i = 1; i <= 3; i++) {
      const res = await api.call('DELETE', '/api/me', { token: u.token, body: { password: `wrong-${i}-password` } });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ field: 'password', message: '当前密码不正确' });
    }
    for (let i = 4; i <= 5; i++) {
      const res = await api.call('POST', '/api/me/password', { token: u.token, body: { currentPassword: `wrong-${i}-password`, newPassword: 'Another-Passphrase-2026' } });
      expect(res.status).toBe(400);
    }
    // The sixth try is refused even with the right password, and the account is still there.
    const sixth = await api.call('DELETE', '/api/me', { token: u.token, body: { password: u.password } });
    expect(sixth.status).toBe(429);
    expect((await api.db.query(`SELECT status FROM app_user WHERE id = $1`, [u.id])).rows[0].status).toBe('active');
    expect((await attempt(u.email, u.password)).status).toBe(429);
  });

  it('refuses an address that tries too many logins in a minute, whatever the account', async () => {
    let last = 0;
    for (let i = 0; i < 45 && last !== 429; i++) last = (await attempt(uniqueEmail('spray'), 'whatever-password')).status;
    expect(last).toBe(429);
  });
});
