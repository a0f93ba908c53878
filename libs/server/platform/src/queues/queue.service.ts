import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JOB_DEFAULTS, JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-names';
import { createRedis } from './redis-connection';

/** Producer side: adds jobs (ids only in payloads) and manages job schedulers. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private connection: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      this.connection ??= createRedis(this.config.redis.url, 'producer');
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.config.redis.prefix,
        defaultJobOptions: JOB_DEFAULTS,
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  /** `jobId` deduplicates: the same id is never queued twice while it is kept. */
  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions & { jobId?: string } = {}): Promise<void> {
    if (opts.jobId && (opts.jobId.includes(':') || /^\d+$/.test(opts.jobId))) {
      throw new Error(`job id "${opts.jobId}" may not contain ':' or be all digits`);
    }
    await this.queue(JOB_QUEUE[name]).add(name, data, opts);
  }

  /** A cron `pattern` (in `tz`), or a fixed interval in milliseconds. */
  async schedule(schedulerId: string, name: JobName, when: { pattern: string; tz: string } | { every: number }): Promise<void> {
    await this.queue(JOB_QUEUE[name]).upsertJobScheduler(schedulerId, when, {
      name,
      data: {},
      // Frequent housekeeping leaves no trail of completed runs behind.
      opts: 'every' in when ? { removeOnComplete: true, removeOnFail: { count: 100 } } : {},
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection?.disconnect();
  }
}
