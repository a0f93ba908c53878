// Publishing benchmark: does indexing keep up with people publishing? Starts its own PostgreSQL,
// Redis and Meilisearch, migrates a database, seeds the demo organisations and users, and starts the
// API (as `npm start` runs it) and the worker, each in its own process. Then, through the API, the
// university's researcher creates and submits N achievements (texts recombined from the CSL paper
// records, as bench:http makes them) and the demo admin publishes each: three requests an
// achievement, `--concurrency` achievements at a time. After the last publish answers, it waits
// until Meilisearch holds all N and until the API's search finds the last one by its title.
//
// Prints the publishing rate and, from the last publish, how long until the index held all N and
// until the last was found; the last line is one JSON object. The aim (issue 13): the last item
// searchable within 30 s of the last publish, at 10,000.
//
//   npm run bench:publish -- [--achievements N (10000)] [--concurrency N (8)] [--seed N (1)] [--data <papers.jsonl>]
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PasswordService } from '@ztt/identity';
import { ENTITIES } from '@ztt/entities';
import { identitySeeder } from '../seed/seeders/identity.seeder';
import { BenchStack } from './bench-stack';
import { benchMain, createDatabase, log, meiliClient, openDataSource, parseFlags, pool, readPapers, serviceEnv, setupTimer, UsageError } from './bench-common';
import { apiClient, apiEnv, demoToken, freePort, generateAchievements, halt, lastLines, launch, ROOT, sleep, whenUp } from './bench-processes';
import { round } from './metrics';

interface Options {
  data: string;
  achievements: number;
  concurrency: number;
  seed: number;
}

const DEFAULT_DATA = path.relative(process.cwd(), path.resolve(ROOT, '..', 'shared', 'data', 'csl-dev', 'papers.jsonl'));
/** The demo users (tools/seed/demo-data.ts): a researcher of the university, and the platform admin. */
const OWNER_EMAIL = 'researcher@demo.zj.cn';
const ADMIN_EMAIL = 'admin@demo.zj.cn';
/** How long to wait for the index after the last publish before calling the run a failure. */
const WAIT_LIMIT_MS = 15 * 60_000;

const USAGE = 'usage: npm run bench:publish -- [--achievements N (10000)] [--concurrency N (8)] [--seed N (1)] [--data <papers.jsonl>]';

function parseArgs(argv: string[]): Options {
  const opts: Options = { data: DEFAULT_DATA, achievements: 10_000, concurrency: 8, seed: 1 };
  parseFlags(argv, (flag, value, count) => {
    if (flag === '--data') opts.data = value();
    else if (flag === '--achievements') opts.achievements = count();
    else if (flag === '--concurrency') opts.concurrency = count();
    else if (flag === '--seed') opts.seed = count();
    else return false;
    return true;
  });
  if (opts.achievements < 1) throw new UsageError('--achievements must be at least 1');
  return opts;
}

async function run(opts: Options, stack: BenchStack): Promise<void> {
  const papers = readPapers(opts.data, Infinity);
  const rows = generateAchievements(papers, opts.achievements, opts.seed);
  const { seconds: setup, lap } = setupTimer();
  const config = await createDatabase(stack);
  const ds = await openDataSource(config, ENTITIES);
  const passwords = new PasswordService(config);
  await ds.transaction((manager) => identitySeeder.run({ manager, hashPassword: (p) => passwords.hash(p) }));
  await ds.destroy();
  // The uploads folder the API and the worker share; the worker is not ready without it.
  fs.mkdirSync(config.dataDir, { recursive: true });
  lap('migrate and seed');

  const [apiPort, workerHealthPort] = [await freePort(), await freePort()];
  const apiLog = path.join(stack.dir, 'api.log');
  const workerLog = path.join(stack.dir, 'worker.log');
  const api = launch(['-r', './tools/swc-register.cjs', 'apps/api/src/main.ts'], apiEnv(config, apiPort), apiLog);
  const worker = launch(
    ['-r', './tools/swc-register.cjs', 'apps/worker/src/main.ts'],
    { ...serviceEnv(config), NODE_ENV: 'development', LOG_LEVEL: 'info', WORKER_HEALTH_PORT: String(workerHealthPort) },
    workerLog,
  );
  try {
    const origin = `http://127.0.0.1:${apiPort}`;
    await Promise.all([whenUp('API', api, `${origin}/api/health/live`, apiLog), whenUp('worker', worker, `http://127.0.0.1:${workerHealthPort}/health/ready`, workerLog)]);
    lap('start');

    const owner = apiClient(origin, await demoToken(origin, OWNER_EMAIL));
    const admin = apiClient(origin, await demoToken(origin, ADMIN_EMAIL));
    const me = await owner<{ memberships: { organisationId: string }[] }>('GET', '/api/me');
    const ownerOrgId = me.memberships[0]?.organisationId;
    if (!ownerOrgId) throw new Error(`${OWNER_EMAIL} belongs to no organisation`);

    log(`publishing ${rows.length} achievements through the API, ${opts.concurrency} at a time`);
    const started = performance.now();
    let done = 0;
    let lastId = '';
    let lastTitle = '';
    let lastPublishedAt = 0;
    await pool(
      rows.map((r, i) => ({ ...r, i })),
      opts.concurrency,
      async (r) => {
        const { id } = await owner<{ id: string }>('POST', '/api/achievements', {
          ownerOrgId,
          title: r.title,
          summary: r.summary,
          chains: [r.chain],
          keywords: r.keywords,
          region: 'mazhang',
          trl: 5,
          cooperationModes: ['transfer', 'license'],
          contact: { name: '成果转化办公室', phone: null, email: 'tto@example.edu.cn' },
          maturityStage: 'pilot',
          ipItems: [],
          team: [],
          askingPrice: null,
          priceNegotiable: true,
        });
        await owner('POST', `/api/achievements/${id}/submit`);
        await admin('POST', `/api/admin/review/achievement/${id}/decision`, { decision: 'publish' });
        lastId = id;
        lastTitle = r.title;
        lastPublishedAt = performance.now();
        if (++done % 1000 === 0) log(`${done} published (${round(done / ((performance.now() - started) / 1000), 1)}/s)`);
      },
    );
    const publishSeconds = (lastPublishedAt - started) / 1000;
    log(`all ${done} published in ${round(publishSeconds, 1)} s; waiting for the index`);

    const meili = meiliClient(config.meili);
    const uid = `${config.meili.indexPrefix}_achievements`; // SearchIndexService.indexName
    let allIndexedMs: number | null = null;
    let lastFoundMs: number | null = null;
    while (performance.now() - lastPublishedAt < WAIT_LIMIT_MS && (allIndexedMs === null || lastFoundMs === null)) {
      if (allIndexedMs === null) {
        const stats = await meili
          .index(uid)
          .getStats()
          .catch(() => null);
        if ((stats?.numberOfDocuments ?? 0) >= opts.achievements) allIndexedMs = performance.now() - lastPublishedAt;
      }
      if (lastFoundMs === null) {
        const found = await apiClient(origin)<{ items: { id: string }[] }>('GET', `/api/search/achievements?pageSize=50&q=${encodeURIComponent(lastTitle)}`).catch(() => ({
          items: [],
        }));
        if (found.items.some((h) => h.id === lastId)) lastFoundMs = performance.now() - lastPublishedAt;
      }
      if (allIndexedMs === null || lastFoundMs === null) await sleep(250);
    }
    if (api.exitCode !== null) throw new Error(`the API exited during the run:\n${lastLines(apiLog)}`);
    if (worker.exitCode !== null) throw new Error(`the worker exited during the run:\n${lastLines(workerLog)}`);

    const result = {
      achievements: opts.achievements,
      concurrency: opts.concurrency,
      seed: opts.seed,
      setupSeconds: setup,
      publishSeconds: round(publishSeconds, 1),
      publishedPerSecond: round(opts.achievements / publishSeconds, 1),
      allIndexedSecondsAfterLastPublish: allIndexedMs === null ? null : round(allIndexedMs / 1000, 1),
      lastSearchableSecondsAfterLastPublish: lastFoundMs === null ? null : round(lastFoundMs / 1000, 1),
    };
    process.stdout.write(
      [
        `${opts.achievements} achievements published through the API (create, submit, publish), ${opts.concurrency} at a time`,
        `publishing took            ${result.publishSeconds} s (${result.publishedPerSecond} a second)`,
        `all in the index           ${result.allIndexedSecondsAfterLastPublish ?? 'not within the limit'} s after the last publish`,
        `the last found by search   ${result.lastSearchableSecondsAfterLastPublish ?? 'not within the limit'} s after the last publish`,
        '',
      ].join('\n'),
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (allIndexedMs === null || lastFoundMs === null) throw new Error(`the index did not catch up within ${WAIT_LIMIT_MS / 60_000} minutes:\n${lastLines(workerLog)}`);
  } finally {
    await Promise.all([halt(api), halt(worker)]);
  }
}

benchMain(USAGE, parseArgs, run, { redis: true });
