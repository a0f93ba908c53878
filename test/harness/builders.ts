import { randomBytes } from 'node:crypto';
import { AuthTokens, creditCodeCheckChar, PlatformRole } from '@ztt/contracts';
import { TestApi } from './test-app';

export const PASSWORD = '海边的风吹过红树林2026';

let seq = 0;
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}@test.zj.cn`;
}

/** A valid 统一社会信用代码 that no other test uses. */
export function uniqueCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (const b of randomBytes(9)) body += alphabet[b % 31];
  const first17 = `91440800${body}`;
  return first17 + creditCodeCheckChar(first17);
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  tokens: AuthTokens;
  token: string;
}

export async function registerUser(api: TestApi, opts: { email?: string; displayName?: string; roles?: PlatformRole[] } = {}): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  const res = await api.call<AuthTokens>('POST', '/api/auth/register', { body: { email, password: PASSWORD, displayName: opts.displayName ?? '测试用户' } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  const me = await api.call<{ id: string }>('GET', '/api/me', { token: res.body.accessToken });
  for (const role of opts.roles ?? []) {
    await api.db.query('INSERT INTO platform_role_assignment (user_id, role) VALUES ($1, $2)', [me.body.id, role]);
  }
  return { id: me.body.id, email, password: PASSWORD, tokens: res.body, token: res.body.accessToken };
}

export async function login(api: TestApi, email: string, password = PASSWORD): Promise<AuthTokens> {
  const res = await api.call<AuthTokens>('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body;
}

export function orgInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '湛江测试海洋科技有限公司', type: 'enterprise', creditCode: uniqueCreditCode(), region: 'xiashan', industries: ['marine'], ...overrides };
}

/** An organisation created by `owner` (its admin) and, when asked, verified directly in the database. */
export async function createOrg(api: TestApi, owner: TestUser, opts: { verified?: boolean; input?: Record<string, unknown> } = {}): Promise<{ id: string; creditCode: string }> {
  const res = await api.call<{ id: string; creditCode: string }>('POST', '/api/orgs', { token: owner.token, body: orgInput(opts.input) });
  if (res.status !== 201) throw new Error(`create org failed: ${res.status} ${res.text}`);
  if (opts.verified) await api.db.query(`UPDATE organisation SET verification_status = 'verified', verified_at = now() WHERE id = $1`, [res.body.id]);
  return res.body;
}
