import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@ztt/platform';
import { fromBrowser, REFRESH_COOKIE, RefreshCookie } from './refresh-cookie';

const TOKENS = { accessToken: 'a.b.c', refreshToken: 'opaque', expiresIn: 900 };

function cookieFor(env: AppConfig['env'], protocol: 'http' | 'https', headers: Record<string, string> = {}) {
  const config = { env, auth: { refreshTtlDays: 30 } } as AppConfig;
  const set: [string, string, Record<string, unknown>][] = [];
  const reply = { setCookie: (name: string, value: string, opts: Record<string, unknown>) => set.push([name, value, opts]) } as unknown as FastifyReply;
  const req = { protocol, headers, cookies: {} } as unknown as FastifyRequest;
  const body = new RefreshCookie(config).issue(req, reply, TOKENS);
  return { body, set };
}

describe('the refresh cookie (docs/security.md #28)', () => {
  it('is HttpOnly, SameSite=Strict, on /api/auth only, for the refresh token’s lifetime', () => {
    const { set } = cookieFor('development', 'http');
    expect(set).toEqual([[REFRESH_COOKIE, 'opaque', { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: false, maxAge: 30 * 86_400 }]]);
  });

  it('is Secure over HTTPS and always in production, and not over plain http elsewhere (localhost keeps working)', () => {
    expect(cookieFor('development', 'https').set[0]?.[2].secure).toBe(true);
    expect(cookieFor('production', 'http').set[0]?.[2].secure).toBe(true);
    expect(cookieFor('test', 'http').set[0]?.[2].secure).toBe(false);
  });

  it('leaves the refresh token out of a browser’s JSON, and in for other clients', () => {
    expect(cookieFor('development', 'http', { 'sec-fetch-site': 'same-origin' }).body).toEqual({ accessToken: 'a.b.c', expiresIn: 900 });
    expect(cookieFor('development', 'http').body).toEqual(TOKENS);
  });

  it('takes a request with Sec-Fetch-Site for a browser’s, and Node’s fetch (Sec-Fetch-Mode only) for not', () => {
    expect(fromBrowser({ headers: { 'sec-fetch-site': 'none' } } as unknown as FastifyRequest)).toBe(true);
    expect(fromBrowser({ headers: { 'sec-fetch-mode': 'cors' } } as unknown as FastifyRequest)).toBe(false);
  });
});
