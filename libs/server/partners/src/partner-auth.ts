import { applyDecorators, CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiForbiddenResponse, ApiSecurity, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, PartnerScope } from '@ztt/contracts';
import { APP_CONFIG, AppConfig, AppException, AuthContext, IS_PUBLIC, Public } from '@ztt/platform';
import { PartnerCaller, PartnerKeysService } from './partner-keys.service';
import { RateLimiter } from './rate-limiter';

export const PARTNER_SCOPES_KEY = 'ztt:partner-scopes';
/** The OpenAPI security schemes of partner keys (declared in the API's document builder). */
export const PARTNER_KEY_HEADER_SCHEME = 'partnerKey';
export const PARTNER_KEY_BEARER_SCHEME = 'partnerBearer';

/** A request as the partner guard leaves it: the key's caller, or the row of a real key it refused (for the usage log). */
export type PartnerRequest = FastifyRequest & { partner?: PartnerCaller; partnerKeyRow?: string; user?: AuthContext };

/** The key a request presents: `X-Api-Key`, else `Authorization: Bearer ztt_…`. */
export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' ? /^Bearer\s+(ztt_\S+)$/i.exec(auth.trim()) : null;
  return bearer ? bearer[1] : null;
}

function tooMany(reply: FastifyReply, retryAfterSeconds: number): AppException {
  void reply.header('Retry-After', String(retryAfterSeconds));
  return new AppException(ErrorCode.RateLimited, HttpStatus.TOO_MANY_REQUESTS);
}

/**
 * A partner key is checked on every call: 401 (in the caller's language) for a missing, unknown,
 * revoked or expired key; 429 with `Retry-After` past the key's limit a minute; 403 without one of
 * the route's scopes.
 */
@Injectable()
export class PartnerKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: PartnerKeysService,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PartnerRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const presented = presentedKey(req);
    if (!presented) throw PartnerKeysService.refusal();
    const found = await this.keys.authenticate(presented);
    if ('refused' in found) {
      if (found.known) req.partnerKeyRow = found.known;
      throw PartnerKeysService.refusal();
    }
    req.partner = found.caller;
    const rate = await this.limiter.take(`key:${found.caller.id}`, found.caller.ratePerMinute);
    if (!rate.allowed) throw tooMany(reply, rate.retryAfterSeconds);
    const anyOf = this.reflector.getAllAndOverride<PartnerScope[] | undefined>(PARTNER_SCOPES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (anyOf.length && !anyOf.some((s) => found.caller.scopes.includes(s))) throw AppException.forbidden();
    return true;
  }
}

/**
 * A route of the partner API: called with a partner key holding one of `scopes`, not with a
 * session (the global session guard lets it through; this route's own guard checks the key).
 */
export const PartnerRoute = (...scopes: PartnerScope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    Public(),
    SetMetadata(PARTNER_SCOPES_KEY, scopes),
    UseGuards(PartnerKeyGuard),
    ApiSecurity(PARTNER_KEY_HEADER_SCHEME),
    ApiSecurity(PARTNER_KEY_BEARER_SCHEME),
    ApiUnauthorizedResponse({ description: '密钥缺失、无效、已吊销或已过期（API_KEY_INVALID）/ missing, unknown, revoked or expired key' }),
    ApiForbiddenResponse({ description: `密钥没有所需权限范围：${scopes.join(' 或 ')} / the key lacks the scope` }),
    ApiTooManyRequestsResponse({ description: "超过该密钥每分钟的请求上限，见 Retry-After（RATE_LIMITED）/ past the key's limit a minute; see Retry-After" }),
  );

/**
 * Anonymous callers of the public routes (`@Public()`, not the partner API) are counted per
 * address in Redis, shared by every API process: past `HTTP_PUBLIC_PER_MINUTE` in a minute they
 * get 429 with `Retry-After`. Signed-in callers are not counted here (their sessions are).
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<PartnerScope[] | undefined>(PARTNER_SCOPES_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<PartnerRequest>();
    if (req.user) return true;
    const rate = await this.limiter.take(`addr:${req.ip}`, this.config.http.publicPerMinute);
    if (!rate.allowed) throw tooMany(context.switchToHttp().getResponse<FastifyReply>(), rate.retryAfterSeconds);
    return true;
  }
}
