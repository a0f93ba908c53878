import { applyDecorators, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, of, tap } from 'rxjs';
import { currentRequest } from './request-context';

const PUBLIC_READ_TTL = 'ztt:public-read-ttl';

/**
 * Answers a public read for an anonymous reader from a per-process cache (cache-manager, in
 * memory) for a few seconds, and says so in `X-Cache: HIT | MISS`. Only GETs without an
 * Authorization header are cached: a signed-in reader may see more (a member, an admin), so their
 * answers are always fresh and never stored. The key is the locale and the URL with its query.
 * Only for endpoints whose answer is the same for every anonymous reader and may be a few seconds
 * old (docs/architecture.md, "Caching public reads").
 */
@Injectable()
export class PublicReadCacheInterceptor implements NestInterceptor {
  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const ttlMs = this.reflector.get<number | undefined>(PUBLIC_READ_TTL, context.getHandler());
    if (!ttlMs || req.method !== 'GET' || req.headers.authorization) return next.handle();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    const key = `public-read ${currentRequest()?.locale ?? 'zh-CN'} ${req.url}`;
    const kept = await this.cache.get<unknown>(key);
    if (kept !== undefined && kept !== null) {
      void res.header('X-Cache', 'HIT');
      return of(kept);
    }
    void res.header('X-Cache', 'MISS');
    return next.handle().pipe(tap((body) => void this.cache.set(key, body, ttlMs)));
  }
}

/** Caches the endpoint's answers to anonymous readers for `seconds` (see PublicReadCacheInterceptor). */
export const PublicReadCache = (seconds: number): MethodDecorator => applyDecorators(SetMetadata(PUBLIC_READ_TTL, seconds * 1000), UseInterceptors(PublicReadCacheInterceptor));
