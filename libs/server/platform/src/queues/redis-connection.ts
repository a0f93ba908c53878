import Redis, { RedisOptions } from 'ioredis';

/** Producers fail fast when Redis is down; workers wait for it (docs/security.md, BullMQ facts). */
export function createRedis(url: string, role: 'producer' | 'worker' | 'probe'): Redis {
  const opts: RedisOptions =
    role === 'worker' ? { maxRetriesPerRequest: null, enableReadyCheck: true } : { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3_000, lazyConnect: false };
  const redis = new Redis(url, opts);
  // Connection errors are reported by health checks and BullMQ; keep them from crashing the process.
  redis.on('error', () => undefined);
  return redis;
}
