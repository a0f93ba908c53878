import { once } from 'node:events';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthReport } from '@ztt/contracts';
import type Redis from 'ioredis';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { createRedis } from '../queues/redis-connection';
import { MEILI_CLIENT } from '../search/meili.provider';

const PROBE_TIMEOUT_MS = 2_000;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private redis: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(MEILI_CLIENT) private readonly meili: Meilisearch,
  ) {}

  async report(): Promise<HealthReport> {
    const probe = async (fn: () => Promise<unknown>): Promise<'up' | 'down'> => {
      try {
        await within(fn(), PROBE_TIMEOUT_MS);
        return 'up';
      } catch {
        return 'down';
      }
    };
    const [postgres, redis, meilisearch] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(async () => {
        this.redis ??= createRedis(this.config.redis.url, 'probe');
        // The probe connection refuses commands until it is connected (no offline queue).
        if (this.redis.status !== 'ready') await once(this.redis, 'ready');
        if ((await this.redis.ping()) !== 'PONG') throw new Error('no PONG');
      }),
      probe(async () => {
        const h = await this.meili.health();
        if (h.status !== 'available') throw new Error(h.status);
      }),
    ]);
    const services = { postgres, redis, meilisearch };
    return { status: Object.values(services).every((s) => s === 'up') ? 'up' : 'down', services };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
