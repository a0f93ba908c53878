import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isConnectionLost } from '../http/all-exceptions.filter';
import { runWithContext } from '../http/request-context';
import { checkJobHandlers, DiscoveredHandler, JOB_HANDLER } from './job-handler.decorator';
import { JOB_QUEUE, JobName, JobOutcome, QueueName } from './job-names';
import { OutageLog } from './outage-log';
import { createRedis } from './redis-connection';

/** How many times a job may lose its worker (killed, out of memory) and still be run again. */
const STALLS_ALLOWED = 3;

type Handler = (job: Job) => Promise<JobOutcome>;

/** Errors that only say Redis cannot be reached (BullMQ repeats them on every retry). */
const REDIS_UNREACHABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|EPIPE|Connection is closed|NOAUTH|WRONGPASS/;

/**
 * Consumer side: finds every @JobHandler, refuses to start unless each job has exactly one,
 * and runs one BullMQ worker per queue that dispatches by job name.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly workers: Worker[] = [];
  private readonly connections: ReturnType<typeof createRedis>[] = [];
  private readonly outages = new OutageLog(this.logger);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  discoverHandlers(): Map<JobName, Handler> & { list: DiscoveredHandler[] } {
    const found = new Map<JobName, Handler>() as Map<JobName, Handler> & { list: DiscoveredHandler[] };
    found.list = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (!name) continue;
        found.list.push({ name, owner: `${proto.constructor.name}.${method}` });
        found.set(name, (fn as Handler).bind(instance));
      }
    }
    return found;
  }

  onApplicationBootstrap(): void {
    const handlers = this.discoverHandlers();
    const problems = checkJobHandlers(Object.values(JobName), handlers.list);
    if (problems.length) throw new Error(`Worker cannot start:\n  - ${problems.join('\n  - ')}`);

    for (const queue of Object.values(QueueName)) {
      const connection = createRedis(this.config.redis.url, 'worker');
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler || JOB_QUEUE[job.name as JobName] !== queue) throw new Error(`no handler for job ${job.name}`);
          return runWithContext({ requestId: `job-${job.id}` }, async () => {
            const outcome = await handler(job);
            // Frequent pollers (the outbox relay) mostly find nothing: keep those out of the info log.
            const entry = { msg: 'job done', job: job.name, jobId: job.id, ...outcome };
            if (outcome.status === 'skipped') this.logger.debug(entry);
            else this.logger.log(entry);
            return outcome;
          });
        },
        {
          connection,
          prefix: this.config.redis.prefix,
          concurrency: 4,
          // A job whose worker died (its lock not renewed) goes back to the queue for another worker,
          // up to STALLS_ALLOWED times; the jobs are idempotent, so running one again is safe.
          lockDuration: this.config.jobs.lockMs,
          stalledInterval: this.config.jobs.lockMs,
          maxStalledCount: STALLS_ALLOWED,
        },
      );
      worker.on('failed', (job, err) => {
        // The job runs again (attempts, or the next tick of its scheduler): say the outage once.
        if (isConnectionLost(err)) return this.outages.down('PostgreSQL', err.message);
        this.logger.warn({ msg: 'job failed', job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: err.message });
      });
      worker.on('completed', () => this.outages.up('PostgreSQL'));
      worker.on('error', (err) => {
        if (REDIS_UNREACHABLE.test(err.message)) return this.outages.down('Redis', err.message);
        this.logger.warn({ msg: 'worker error', queue, error: err.message });
      });
      connection.on('ready', () => this.outages.up('Redis'));
      this.workers.push(worker);
    }
    this.logger.log({ msg: 'workers started', queues: Object.values(QueueName), jobs: handlers.list.map((h) => h.name) });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    for (const c of this.connections) c.disconnect();
  }
}
