import { once } from 'node:events';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, createRedis } from '@ztt/platform';

/** Counts in a fixed window and, the first time, sets the window's end: one round trip, atomic. */
const COUNT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

export interface RateDecision {
  allowed: boolean;
  /** whole seconds until the window ends (what `Retry-After` says when refused) */
  retryAfterSeconds: number;
}

/**
 * Fixed one-minute windows counted in Redis, so every API process shares the same count. When
 * Redis cannot answer, the request is let through (and logged): an outage of the queue store
 * must not take the public site down with it.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiter');
  private redis: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Connects at boot, so the first requests are counted too (the connection fails fast rather than queueing commands). */
  async onModuleInit(): Promise<void> {
    this.redis = createRedis(this.config.redis.url, 'producer');
    if (this.redis.status === 'ready') return;
    await Promise.race([once(this.redis, 'ready'), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]).catch(() => undefined);
  }

  async take(bucket: string, limit: number, windowMs = 60_000): Promise<RateDecision> {
    this.redis ??= createRedis(this.config.redis.url, 'producer');
    const window = Math.floor(Date.now() / windowMs);
    const key = `${this.config.redis.prefix}:rate:${bucket}:${window}`;
    try {
      const [count, ttl] = (await this.redis.eval(COUNT, 1, key, String(windowMs))) as [number, number];
      const retryAfterSeconds = Math.max(1, Math.ceil((ttl > 0 ? ttl : windowMs) / 1000));
      return { allowed: count <= limit, retryAfterSeconds };
    } catch (err) {
      this.logger.warn({ msg: 'rate limit not counted: Redis did not answer', error: (err as Error).message });
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
