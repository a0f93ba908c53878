import { Injectable, INestApplicationContext, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { FlowRegistry, JobHandler, JobName, JobOutcome, MEILI_CLIENT, OutboxRelay, PlatformModule, QueueName, QueueService, WorkerHost } from '@ztt/platform';
import { SearchIndexService } from '@ztt/search';
import { Meilisearch } from 'meilisearch';
import { Client } from 'pg';
import { jobResult } from '../harness/jobs';
import { createTestDatabase, testConfig } from '../harness/test-env';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { ENTITIES } from '@ztt/entities';

describe('worker', () => {
  let worker: INestApplicationContext;
  let db: Client;
  let queues: QueueService;

  beforeAll(async () => {
    const { name, appUrl, ownerUrl } = await createTestDatabase();
    worker = await createWorker(testConfig(appUrl, name));
    await worker.init();
    queues = worker.get(QueueService);
    db = new Client({ connectionString: ownerUrl });
    await db.connect();
  });
  afterAll(async () => {
    await worker.close();
    await db.end();
  });

  it('registers recurring work as BullMQ job schedulers (one per cluster, not per-process timers)', async () => {
    expect(await queues.queue(QueueName.Maintenance).getJobSchedulers()).toEqual([
      expect.objectContaining({ key: 'purge-expired-auth', name: JobName.PurgeExpiredAuth, pattern: '15 3 * * *', tz: 'Asia/Shanghai' }),
    ]);
    expect(await queues.queue(QueueName.Catalogue).getJobSchedulers()).toEqual([
      expect.objectContaining({ key: 'expire-needs', name: JobName.ExpireNeeds, pattern: '10 0 * * *', tz: 'Asia/Shanghai' }),
    ]);
    const search = await queues.queue(QueueName.Search).getJobSchedulers();
    expect(search.map((s) => s.key).sort()).toEqual(['reconcile-index', 'relay-outbox']);
    expect(await queues.queue(QueueName.Notifications).getJobSchedulers()).toEqual([expect.objectContaining({ key: 'sweep-deliveries', name: JobName.SweepDeliveries })]);
    expect(await queues.queue(QueueName.Matching).getJobSchedulers()).toEqual([
      expect.objectContaining({ key: 'quarterly-match-run', name: JobName.QuarterlyRun, pattern: '0 0 1 1,4,7,10 *', tz: 'Asia/Shanghai' }),
      expect.objectContaining({ key: 'text-statistics', name: JobName.RefreshTextStatistics, every: 30_000 }),
    ]);
  });

  it('configures both search indexes before its first job, so early matching finds an empty index rather than an unconfigured one', async () => {
    const meili = worker.get<Meilisearch>(MEILI_CLIENT);
    const indexes = worker.get(SearchIndexService);
    for (const kind of ['need', 'achievement'] as const) {
      const settings = await meili.index(indexes.indexName(kind)).getSettings();
      expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['status']));
    }
  });

  it('runs the clean-up job end to end: spent tokens and old attempts go, live ones stay; running it twice is harmless', async () => {
    const user = await db.query(`INSERT INTO app_user (email, password_hash, display_name) VALUES ('purge@test.zj.cn', 'x', 'p') RETURNING id`);
    const session = await db.query(`INSERT INTO auth_session (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`, [user.rows[0].id]);
    const sid = session.rows[0].id;
    await db.query(
      `INSERT INTO refresh_token (session_id, token_hash, expires_at, used_at) VALUES
         ($1, 'expired', now() - interval '1 hour', NULL),
         ($1, 'spent', now() + interval '1 day', now() - interval '2 days'),
         ($1, 'live', now() + interval '1 day', NULL)`,
      [sid],
    );
    await db.query(`INSERT INTO login_attempt (email, succeeded, occurred_at) VALUES ('a@b.cn', false, now() - interval '8 days'), ('a@b.cn', false, now())`);

    const queue = queues.queue(QueueName.Maintenance);
    for (const run of [1, 2]) {
      const job = await queue.add(JobName.PurgeExpiredAuth, {}, { jobId: `purge-test-${run}` });
      const outcome = await jobResult(queue, job.id as string);
      expect(outcome).toMatchObject({ status: 'success' });
    }
    const tokens = await db.query('SELECT token_hash FROM refresh_token WHERE session_id = $1', [sid]);
    expect(tokens.rows).toEqual([{ token_hash: 'live' }]);
    const attempts = await db.query(`SELECT count(*)::int AS n FROM login_attempt WHERE email = 'a@b.cn'`);
    expect(attempts.rows[0].n).toBe(1);
  });
});

describe('worker start-up check', () => {
  @Injectable()
  class DuplicatePurge {
    @JobHandler(JobName.PurgeExpiredAuth)
    async purge(): Promise<JobOutcome> {
      return { status: 'skipped' };
    }
  }
  @Injectable()
  class AnotherPurge {
    @JobHandler(JobName.PurgeExpiredAuth)
    async purge(): Promise<JobOutcome> {
      return { status: 'skipped' };
    }
  }

  it('refuses to start when a job has two handlers, naming them', async () => {
    const { name, appUrl } = await createTestDatabase();
    @Module({ imports: [PlatformModule.forRoot(testConfig(appUrl, name), ENTITIES), DiscoveryModule], providers: [WorkerHost, DuplicatePurge, AnotherPurge] })
    class BrokenWorkerModule {}
    // Creating the context runs the start-up check; it must refuse.
    await expect(NestFactory.createApplicationContext(BrokenWorkerModule, { logger: false, abortOnError: false })).rejects.toThrow(
      /maintenance.purge-expired-auth" has 2 handlers: DuplicatePurge.purge, AnotherPurge.purge/,
    );
  });

  it('refuses to start when a job has no handler', async () => {
    const { name, appUrl } = await createTestDatabase();
    @Module({ imports: [PlatformModule.forRoot(testConfig(appUrl, name), ENTITIES), DiscoveryModule], providers: [WorkerHost] })
    class EmptyWorkerModule {}
    await expect(NestFactory.createApplicationContext(EmptyWorkerModule, { logger: false, abortOnError: false })).rejects.toThrow(/has no handler/);
  });

  it('refuses to start when an outbox topic has no handler, naming the topic', async () => {
    const { name, appUrl } = await createTestDatabase();
    @Module({ imports: [PlatformModule.forRoot(testConfig(appUrl, name), ENTITIES), DiscoveryModule], providers: [FlowRegistry, OutboxRelay] })
    class NoOutboxHandlersModule {}
    await expect(NestFactory.createApplicationContext(NoOutboxHandlersModule, { logger: false, abortOnError: false })).rejects.toThrow(
      /outbox topic "need.changed" has no @OnOutbox handler/,
    );
  });
});

describe('npm run flows', () => {
  it('prints the flow from a published need to the delivered notification, as the worker wires it', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', './tools/swc-register.cjs', 'tools/flows/flows.ts'], {
      cwd: path.join(__dirname, '..', '..'),
      timeout: 60_000,
    });
    const lines = stdout.split('\n').map((l) => l.trim());
    const chain = [
      'outbox need.changed',
      '→ SearchProcessors.needsChanged',
      'job search.index-batch → SearchProcessors.indexBatch',
      'job matching.match-item → MatchingProcessor.match',
      'outbox notification.created',
      '→ DeliveryQueue.notificationsCreated',
      'job notifications.deliver → NotificationDeliveryProcessor.deliver',
    ];
    let at = -1;
    for (const step of chain) {
      const next = lines.indexOf(step, at + 1);
      expect({ step, inOrder: next > at }).toEqual({ step, inOrder: true });
      at = next;
    }
    expect(stdout).not.toContain('NO HANDLER');
  });
});
