import type {} from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessToken, AuthTokens } from '@ztt/contracts';
import { APP_CONFIG, AppConfig } from '@ztt/platform';

export const REFRESH_COOKIE = 'ztt_refresh';
/** Sent only to the auth routes: no other request carries the refresh token (docs/security.md #28). */
export const REFRESH_COOKIE_PATH = '/api/auth';

/**
 * Whether a browser sent the request. Browsers send Sec-Fetch-Site with every request, and a page's
 * script can neither set nor remove a `Sec-` header; Node's fetch, curl and other API clients do not
 * send it. A browser never sees the refresh token in JSON, so a script injected into the page could
 * not read it there either.
 */
export function fromBrowser(req: FastifyRequest): boolean {
  return req.headers['sec-fetch-site'] !== undefined;
}

/**
 * The refresh token as an HttpOnly, SameSite=Strict cookie limited to /api/auth, Secure over HTTPS
 * and always in production (plain http://localhost in development and tests keeps working, and an
 * HTTPS request behind a proxy is seen as such when HTTP_TRUST_PROXY is on).
 */
@Injectable()
export class RefreshCookie {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Sets the cookie to the new refresh token and returns what the body may carry: no refresh token for a browser. */
  issue(req: FastifyRequest, reply: FastifyReply, tokens: AuthTokens): AccessToken | AuthTokens {
    void reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, { ...this.attributes(req), maxAge: this.config.auth.refreshTtlDays * 86_400 });
    return fromBrowser(req) ? { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn } : tokens;
  }

  clear(req: FastifyRequest, reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, this.attributes(req));
  }

  read(req: FastifyRequest): string | undefined {
    return req.cookies[REFRESH_COOKIE] || undefined;
  }

  private attributes(req: FastifyRequest) {
    return { httpOnly: true, sameSite: 'strict' as const, secure: req.protocol === 'https' || this.config.env === 'production', path: REFRESH_COOKIE_PATH };
  }
}
