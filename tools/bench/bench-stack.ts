// Throw-away PostgreSQL and Meilisearch (and Redis when asked) for the benchmark: free ports, a temp directory, and one
// idempotent stop() that the benchmark calls at the end, on error and on Ctrl-C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Started {
  stop(): Promise<void>;
}

/** The part of tools/stack/services.mjs (ESM, untyped) the benchmark uses. */
interface Services {
  freePort(): Promise<number>;
  secret(bytes?: number): string;
  startPostgres(o: { dir: string; port: number; password: string; logFile: string; fast?: boolean }): Promise<Started & { superUrl: string }>;
  startMeili(o: { dir: string; port: number; masterKey: string; logFile: string }): Promise<Started & { url: string }>;
  startRedis(o: { dir: string; port: number; password: string; logFile: string }): Promise<Started & { url: string }>;
  urlWithDatabase(url: string, database: string): string;
}

export interface BenchStack {
  dir: string;
  superUrl: string;
  meiliUrl: string;
  meiliKey: string;
  /** Only when started with `{ redis: true }`. */
  redisUrl: string | null;
  urlWithDatabase(database: string): string;
  stop(): Promise<void>;
}

// A real dynamic import (swc would turn `import()` into `require()`): services.mjs is ESM.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

export async function startStack(log: (msg: string) => void, opts: { redis?: boolean } = {}): Promise<BenchStack> {
  const services = (await importEsm(path.resolve(__dirname, '../stack/services.mjs'))) as Services;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztt-bench-'));
  fs.chmodSync(dir, 0o755);
  const started: Started[] = [];
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.allSettled(started.map((s) => s.stop()));
      fs.rmSync(dir, { recursive: true, force: true });
    })());

  try {
    const pgPassword = services.secret(12);
    const meiliKey = services.secret(24);
    const [pgPort, meiliPort] = [await services.freePort(), await services.freePort()];
    const redisPort = opts.redis ? await services.freePort() : null;
    log(`starting PostgreSQL (:${pgPort}), Meilisearch (:${meiliPort})${redisPort ? ` and Redis (:${redisPort})` : ''} in ${dir}`);
    const results = await Promise.allSettled([
      services.startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, password: pgPassword, logFile: path.join(dir, 'postgres.log'), fast: true }),
      services.startMeili({ dir: path.join(dir, 'meili'), port: meiliPort, masterKey: meiliKey, logFile: path.join(dir, 'meili.log') }),
      ...(redisPort ? [services.startRedis({ dir: path.join(dir, 'redis'), port: redisPort, password: services.secret(18), logFile: path.join(dir, 'redis.log') })] : []),
    ]);
    const [pg, meili, redis] = results as [
      PromiseSettledResult<Started & { superUrl: string }>,
      PromiseSettledResult<Started & { url: string }>,
      PromiseSettledResult<Started & { url: string }>?,
    ];
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    if (pg.status === 'rejected') throw pg.reason;
    if (meili.status === 'rejected') throw meili.reason;
    if (redis?.status === 'rejected') throw redis.reason;
    return {
      dir,
      superUrl: pg.value.superUrl,
      meiliUrl: meili.value.url,
      meiliKey,
      redisUrl: redis?.status === 'fulfilled' ? redis.value.url : null,
      urlWithDatabase: (database) => services.urlWithDatabase(pg.value.superUrl, database),
      stop,
    };
  } catch (e) {
    // The directory goes away with the logs in it: show their ends first.
    for (const name of ['postgres.log', 'meili.log', 'redis.log']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) log(`${name} (end):\n${fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n')}`);
    }
    await stop();
    throw e;
  }
}
