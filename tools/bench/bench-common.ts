// What the search and matching benchmarks share: the paper records, a migrated database with one
// verified organisation and the papers as published achievements, the product's indexing of them,
// the default-settings baseline index, and the run-with-services wrapper (Ctrl-C safe).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { creditCodeCheckChar, industryOfChain, ItemKind } from '@ztt/contracts';
import { Achievement, CatalogueReader, TechNeed } from '@ztt/catalogue';
import { Organisation, OrganisationDirectory } from '@ztt/identity';
import { MIGRATIONS } from '@ztt/entities';
import { AppConfig, dataSourceOptions, EntityList, loadConfig, migrate } from '@ztt/platform';
import { SearchAnswers, SearchIndexService, SearchService } from '@ztt/search';
import { createCache } from 'cache-manager';
import { Meilisearch } from 'meilisearch';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { BenchStack, startStack } from './bench-stack';

export interface Paper {
  title: string;
  abstract: string;
  keywords: string[];
  /** 学科 (one of 67 in CSL), when the record has one */
  discipline: string | null;
  /** 门类 (one of 13 in CSL), when the record has one */
  category: string | null;
}

/** One achievement as the benchmark loads it. */
export interface AchievementRow {
  title: string;
  summary: string;
  keywords: string[];
  chain: string;
}

export const SEND_BATCH = 500;
const DATABASE = 'ztt_bench';

export class UsageError extends Error {}

export const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

/** Command-line flags as `--flag value` or `--flag=value`; `handle` returns false for an unknown flag. */
export function parseFlags(argv: string[], handle: (flag: string, value: () => string, count: () => number, inline: string | undefined) => boolean): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const count = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1 (got "${v}")`);
      return n;
    };
    if (flag === '--help' || flag === '-h') throw new UsageError('');
    if (!handle(flag, value, count, inline)) throw new UsageError(`unknown option ${a}`);
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function readPapers(file: string, limit: number): Paper[] {
  if (!fs.existsSync(file)) throw new UsageError(`data file not found: ${file}`);
  const papers: Paper[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (papers.length >= limit) break;
    if (!line.trim()) continue;
    let rec: { title?: unknown; abstract?: unknown; keywords?: unknown; discipline?: unknown; category?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch (e) {
      throw new UsageError(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof rec.title !== 'string' || !rec.title.trim() || typeof rec.abstract !== 'string') {
      throw new UsageError(`${file}:${i + 1}: needs a non-empty "title" and an "abstract" string`);
    }
    const keywords = Array.isArray(rec.keywords) ? rec.keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== '') : [];
    papers.push({ title: rec.title.trim(), abstract: rec.abstract, keywords, discipline: text(rec.discipline), category: text(rec.category) });
  }
  if (!papers.length) throw new UsageError(`${file} holds no records`);
  return papers;
}

/** Creates and migrates the benchmark database; returns the product configuration pointing at the stack. */
/** A database of its own (named `ztt_bench`, or `ztt_bench_<name>`) and Meilisearch indexes of its own, migrated. */
export async function createDatabase(stack: BenchStack, name?: string): Promise<AppConfig> {
  const database = name ? `${DATABASE}_${name}` : DATABASE;
  const c = new pg.Client({ connectionString: stack.superUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${database} ENCODING 'UTF8'`);
  } finally {
    await c.end();
  }
  const url = stack.urlWithDatabase(database);
  await migrate(url, MIGRATIONS);
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    MEILI_URL: stack.meiliUrl,
    MEILI_MASTER_KEY: stack.meiliKey,
    MEILI_INDEX_PREFIX: name ? `bench_${name}` : 'bench',
    DATA_DIR: `${stack.dir}/data`,
    LOG_LEVEL: 'warn',
    ...(stack.redisUrl ? { REDIS_URL: stack.redisUrl } : {}),
  });
}

/**
 * What an app process (the API, the worker) started by a benchmark needs in its environment to use
 * the benchmark's database, Redis, Meilisearch indexes and data folder, and to accept its tokens.
 */
export function serviceEnv({ dataDir, db, redis, meili, auth }: AppConfig): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: meili.indexPrefix,
    AUTH_JWT_SECRET: auth.jwtSecret,
  };
}

/** A data source on the benchmark database; by default with the catalogue's entities and organisations (search names owners through identity's directory). */
export async function openDataSource(config: AppConfig, entities: EntityList = [Achievement, TechNeed, Organisation]): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config.db.url, entities, { poolSize: 5 }));
  await ds.initialize();
  return ds;
}

/** A client of the benchmark's Meilisearch: `meili` is an app config's (`config.meili`) or the stack's own. */
export function meiliClient(meili: { url: string; masterKey: string }): Meilisearch {
  return new Meilisearch({ host: meili.url, apiKey: meili.masterKey, timeout: 60_000 });
}

/** One verified organisation and every row as a published achievement; returns the item ids in row order. */
export async function loadAchievements(ds: DataSource, rows: AchievementRow[]): Promise<string[]> {
  const orgId = randomUUID();
  const first17 = '12440800MB0000001';
  await ds.query(
    `INSERT INTO organisation (id, name, type, credit_code, region, industries, verification_status, submitted_at, verified_at)
     VALUES ($1, '基准测试大学', 'university', $2, 'chikan', '{marine}', 'verified', now(), now())`,
    [orgId, first17 + creditCodeCheckChar(first17)],
  );
  const ids = rows.map(() => randomUUID());
  const cols = 15;
  for (let start = 0; start < rows.length; start += 200) {
    const values: string[] = [];
    const params: unknown[] = [];
    rows.slice(start, start + 200).forEach((r, j) => {
      const b = j * cols;
      values.push(`(${Array.from({ length: cols }, (_, k) => `$${b + k + 1}`).join(', ')})`);
      params.push(
        ids[start + j],
        orgId,
        r.title,
        r.summary,
        [r.chain],
        [industryOfChain(r.chain)],
        r.keywords,
        'chikan',
        5,
        ['transfer'],
        'x',
        'published',
        'pilot-small',
        new Date(),
        new Date(),
      );
    });
    await ds.query(
      `INSERT INTO achievement (id, owner_org_id, title, summary, chains, industries, keywords, region, trl, cooperation_modes,
         contact_name, status, maturity_stage, submitted_at, published_at) VALUES ${values.join(', ')}`,
      params,
    );
  }
  return ids;
}

/** Setup phases timed one after the other: `lap(name)` logs and keeps the seconds since the last lap. */
export function setupTimer(): { seconds: Record<string, number>; lap: (name: string) => void } {
  const seconds: Record<string, number> = {};
  let since = performance.now();
  return {
    seconds,
    lap(name) {
      const now = performance.now();
      seconds[name] = Math.round((now - since) / 10) / 100;
      since = now;
      log(`${name}: ${seconds[name]} s`);
    },
  };
}

/** Runs `fn` over `items` with at most `width` calls in flight. */
export async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

async function waitIdle(meili: Meilisearch, indexUid: string): Promise<void> {
  for (;;) {
    const pending = await meili.tasks.getTasks({ indexUids: [indexUid], statuses: ['enqueued', 'processing'], limit: 1 });
    if (!pending.results.length) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Indexes the achievements through the product's SearchIndexService (settings first, then the
 * documents built from the database); returns the seconds the indexing itself took.
 */
export async function indexAchievements(indexes: SearchIndexService, meili: Meilisearch, ids: string[]): Promise<number> {
  return indexItems(indexes, meili, 'achievement', ids, SEND_BATCH);
}

/** Indexes published items of one kind as the product builds their documents, `batch` documents per task. */
export async function indexItems(indexes: SearchIndexService, meili: Meilisearch, kind: ItemKind, ids: string[], batch: number): Promise<number> {
  const n = ids.length;
  const uid = indexes.indexName(kind);
  await indexes.ensureIndex(uid); // settings first, as the product does; not part of the timing
  let t = performance.now();
  const docs = [];
  for (let i = 0; i < ids.length; i += SEND_BATCH) docs.push(...(await indexes.documents(kind, ids.slice(i, i + SEND_BATCH))));
  const batches = [];
  for (let i = 0; i < docs.length; i += batch) batches.push(docs.slice(i, i + batch));
  log(`${n} ${kind} documents built from the database in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  t = performance.now();
  await pool(batches, 4, (b) => indexes.addDocuments(uid, b));
  await waitIdle(meili, uid);
  const seconds = (performance.now() - t) / 1000;
  const stats = await meili.index(uid).getStats();
  if (stats.numberOfDocuments !== n) throw new Error(`index ${uid} holds ${stats.numberOfDocuments} documents, expected ${n}`);
  log(`indexed ${n} ${kind} documents in ${seconds.toFixed(2)} s (${(n / seconds).toFixed(0)}/s)`);
  return seconds;
}

/**
 * The baseline as the issue defines it: Meilisearch with default settings over the abstracts,
 * {id, abstract} with id = the paper's position. Returns the index uid.
 */
export async function buildBaseline(meili: Meilisearch, papers: Paper[]): Promise<string> {
  const uid = 'bench_baseline';
  await meili.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
  const docs = papers.map((p, i) => ({ id: String(i), abstract: p.abstract }));
  for (let i = 0; i < docs.length; i += SEND_BATCH * 4) {
    const task = await meili
      .index(uid)
      .addDocuments(docs.slice(i, i + SEND_BATCH * 4))
      .waitTask({ timeout: 600_000 });
    if (task.status !== 'succeeded') throw new Error(`baseline indexing failed: ${task.error?.message}`);
  }
  log('baseline index ready');
  return uid;
}

/** 0-based rank of paper `i` among the baseline's top `k` for `q`, or -1. */
export async function baselineRank(meili: Meilisearch, uid: string, q: string, i: number, k: number): Promise<number> {
  const b = await meili.index(uid).search<{ id: string }>(q, { limit: k, attributesToRetrieve: ['id'] });
  return b.hits.findIndex((h) => h.id === String(i));
}

/**
 * The command-line shell of a benchmark: parses the options (usage errors exit 2), checks the data
 * file before starting anything, starts the services, runs, and always stops them (also on Ctrl-C).
 */
export function benchMain<O extends { data: string }>(
  usage: string,
  parse: (argv: string[]) => O,
  run: (opts: O, stack: BenchStack) => Promise<void>,
  stackOptions: { redis?: boolean } = {},
): void {
  const main = async (): Promise<number> => {
    let opts: O;
    try {
      opts = parse(process.argv.slice(2));
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`${e.message ? `${e.message}\n` : ''}${usage}\n`);
        return 2;
      }
      throw e;
    }
    // Fail on a bad data file before starting anything.
    try {
      readPapers(opts.data, 1);
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`${e.message}\n`);
        return 2;
      }
      throw e;
    }

    const starting = startStack(log, stackOptions);
    let shuttingDown = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (shuttingDown) return;
      shuttingDown = true;
      log(`${signal}: stopping the services`);
      void starting
        .then((s) => s.stop())
        .catch(() => undefined)
        .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const stack = await starting;
    try {
      await run(opts, stack);
      return 0;
    } catch (e) {
      // After Ctrl-C the services go away under the running queries: that is no failure to report.
      if (!shuttingDown) process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      return 1;
    } finally {
      await stack.stop();
      log('services stopped, temp directory removed');
    }
  };

  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`benchmark failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

/** The read ports search and matching are built with, over the benchmark's database, as the apps inject them. */
export function readPorts(ds: DataSource): { catalogue: CatalogueReader; organisations: OrganisationDirectory } {
  return { catalogue: new CatalogueReader(ds), organisations: new OrganisationDirectory(ds) };
}

/** The product's SearchIndexService over the benchmark's database and Meilisearch. */
export function searchIndexService(config: AppConfig, meili: Meilisearch, ds: DataSource): SearchIndexService {
  const { catalogue, organisations } = readPorts(ds);
  return new SearchIndexService(config, meili, catalogue, organisations);
}

/** The product's SearchService; answers are not kept (answerKeepMs 0): each query is measured as if asked for the first time. */
export function searchService(meili: Meilisearch, indexes: SearchIndexService, ds: DataSource): SearchService {
  const { catalogue, organisations } = readPorts(ds);
  return new SearchService(meili, indexes, new SearchAnswers(createCache(), catalogue, { search: { answerKeepMs: 0 } }), catalogue, organisations);
}
