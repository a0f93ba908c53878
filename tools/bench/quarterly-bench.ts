// Quarterly matching benchmark: a generated catalogue of published needs and achievements (texts
// recombined from the CSL paper records, taxonomy chains, regions, TRL, modes and budgets; a seeded
// PRNG, so the same flags give the same catalogue), indexed in Meilisearch in large batches, the
// demo brokers with their specialties, then a real worker process — the worker app as `npm start`
// runs it — and the quarter's run queued exactly as the admin's "start" does (POST
// /api/admin/matching/runs → QuarterlyService.start). Waits for the run to complete and reports
// setup times, the run's wall time, needs/s and items/s, the worker's peak RSS (VmHWM), matches
// written, digests and errors. Starts and removes its own PostgreSQL, Redis and Meilisearch.
// Progress goes to stderr; the last line on stdout is one JSON object.
//
//   npm run bench:quarterly -- [--needs 10000] [--achievements 100000] [--seed 1] [--data <papers.jsonl>] [--time-limit S] [--cpu-profile DIR] [--full]
//
// By default the catalogue is abstract-only, the honest case: achievements have no title and no
// keywords, needs no keywords, and every item is in one and the same chain, so nothing but the text
// can pair them. --full generates titles, keywords and a chain per paper's discipline instead.
//
// With --time-limit, a run still going after S seconds is reported as it stands ("completed": false).
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { creditCodeCheckChar, industryOfChain, ITEM_LIMITS, ItemKind, prng, TAXONOMY } from '@ztt/contracts';
import { PasswordService } from '@ztt/identity';
import { BrokersService, MatchingService, MatchRanker, QuarterlyService } from '@ztt/matching';
import { NotificationsService } from '@ztt/notifications';
import { AppConfig, dataSourceOptions, QueueService } from '@ztt/platform';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { ENTITIES } from '@ztt/entities';
import { brokersSeeder } from '../seed/seeders/brokers.seeder';
import { identitySeeder } from '../seed/seeders/identity.seeder';
import { BenchStack } from './bench-stack';
import { benchMain, createDatabase, indexItems, log, meiliClient, Paper, parseFlags, readPapers, readPorts, searchIndexService } from './bench-common';
import { chainOf, FALLBACK_CHAIN } from './chains';
import { round } from './metrics';

interface Options {
  data: string;
  needs: number;
  achievements: number;
  seed: number;
  /** seconds after which a run still going is reported as it stands */
  timeLimit: number | null;
  /** a directory for the worker's CPU profile (node --cpu-prof), written when it stops */
  cpuProfile: string | null;
  /** no titles or keywords on achievements, no keywords on needs, one chain for all (the default) */
  abstractOnly: boolean;
}

/** The one chain of every item of an abstract-only catalogue: it tells the matching nothing. */
const NEUTRAL_CHAIN = FALLBACK_CHAIN;

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_DATA = path.relative(process.cwd(), path.resolve(ROOT, '..', 'shared', 'data', 'csl-dev', 'papers.jsonl'));
/** Rows per multi-row INSERT (well under PostgreSQL's 65,535 parameters). */
const INSERT_ROWS = 2_000;
/** Documents per Meilisearch addDocuments task: large batches index far faster than small ones. */
const INDEX_BATCH = 10_000;
/** Items per owner organisation. */
const NEEDS_PER_ORG = 50;
const ACHIEVEMENTS_PER_ORG = 500;
/** The bench's brokers take as many matches as the profile allows, so assignment works all run long. */
const BROKER_CAPACITY = 10_000;
const POLL_MS = 1_000;
const RUN_TIMEOUT_MS = 6 * 3_600_000;

const USAGE =
  'usage: npm run bench:quarterly -- [--needs N (10000)] [--achievements N (100000)] [--seed N (1)] [--data <papers.jsonl>] [--time-limit S] [--cpu-profile DIR] [--full]';

function parseArgs(argv: string[]): Options {
  const opts: Options = { data: DEFAULT_DATA, needs: 10_000, achievements: 100_000, seed: 1, timeLimit: null, cpuProfile: null, abstractOnly: true };
  parseFlags(argv, (flag, value, count, inline) => {
    if (flag === '--data') opts.data = value();
    else if (flag === '--full' && inline === undefined) opts.abstractOnly = false;
    else if (flag === '--needs') opts.needs = count();
    else if (flag === '--achievements') opts.achievements = count();
    else if (flag === '--seed') opts.seed = count();
    else if (flag === '--time-limit') opts.timeLimit = count();
    else if (flag === '--cpu-profile') opts.cpuProfile = path.resolve(value());
    else return false;
    return true;
  });
  return opts;
}

// ---- deterministic generation ---------------------------------------------------------------

class Gen {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `n` distinct elements in random order. */
  some<T>(list: readonly T[], n: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }
  /** A version-4-shaped UUID from the PRNG, so ids (and the run's id order) are reproducible. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

const REGIONS = TAXONOMY.regions.map((r) => r.code);
const LOCAL_REGIONS = TAXONOMY.regions.filter((r) => !r.outside).map((r) => r.code);
const MODES = TAXONOMY.cooperationModes.map((m) => m.code);
const CATEGORIES = TAXONOMY.needCategories.map((c) => c.code);
const STAGES = TAXONOMY.maturityStages.map((s) => s.code);
const IP_TYPES = TAXONOMY.ipTypes.map((t) => t.code);
const CHAIN_LABEL = new Map(TAXONOMY.industries.flatMap((i) => i.chains.map((c) => [c.code, c.label] as const)));

/** An abstract's sentences, each with its end mark. */
function sentences(text: string): string[] {
  return (text.match(/[^。；！？!?]+[。；！？!?]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length >= 4);
}

const cut = (s: string, max: number) => (Array.from(s).length > max ? Array.from(s).slice(0, max).join('') : s);

function keywordsOf(g: Gen, p: Paper, other: Paper): string[] {
  const own = g.some(p.keywords, g.int(2, 4));
  if (g.chance(0.3) && other.keywords.length) own.push(g.pick(other.keywords));
  const out = [...new Set(own.map((k) => cut(k.trim(), ITEM_LIMITS.keywordMax)).filter(Boolean))];
  return out.slice(0, ITEM_LIMITS.keywordsMax);
}

interface Source {
  papers: Paper[];
  chains: string[];
  /** paper indexes by chain, to recombine texts of one field */
  byChain: Map<string, number[]>;
  sentences: string[][];
}

function source(papers: Paper[]): Source {
  const chains = papers.map(chainOf);
  const byChain = new Map<string, number[]>();
  chains.forEach((c, i) => byChain.set(c, [...(byChain.get(c) ?? []), i]));
  return { papers, chains, byChain, sentences: papers.map((p) => sentences(p.abstract)) };
}

/** A paper and another of the same chain (its sentences and keywords get mixed in). */
function pair(g: Gen, s: Source): { p: Paper; other: Paper; chain: string; i: number; j: number } {
  const i = g.int(0, s.papers.length - 1);
  const chain = s.chains[i] as string;
  const j = g.pick(s.byChain.get(chain) as number[]);
  return { p: s.papers[i] as Paper, other: s.papers[j] as Paper, chain, i, j };
}

interface Org {
  id: string;
  name: string;
  type: string;
  creditCode: string;
  region: string;
  industries: string[];
}

function orgs(g: Gen, n: number, kind: 'enterprise' | 'research', offset: number): Org[] {
  const industries = TAXONOMY.industries.map((i) => i.code);
  return Array.from({ length: n }, (_, k) => {
    const region = kind === 'enterprise' ? g.pick(LOCAL_REGIONS) : g.pick(REGIONS);
    const regionLabel = TAXONOMY.regions.find((r) => r.code === region)?.label ?? '';
    const first17 = `${kind === 'enterprise' ? '91' : '12'}440800${String(offset + k).padStart(9, '0')}`;
    return {
      id: g.uuid(),
      name: kind === 'enterprise' ? `${regionLabel}基准${k + 1}号科技有限公司` : `基准${k + 1}号${g.pick(['大学', '研究院', '研究所', '新型研发机构'])}`,
      type: kind === 'enterprise' ? 'enterprise' : g.pick(['university', 'institute', 'new-rd-institution']),
      creditCode: first17 + creditCodeCheckChar(first17),
      region,
      industries: g.some(industries, g.int(1, 2)),
    };
  });
}

const NEED_TITLES: ((kw: string[], chain: string, p: Paper) => string)[] = [
  (_kw, _c, p) => `${p.title}技术需求`,
  (kw) => `${kw[0]}${kw[1] ? `与${kw[1]}` : ''}关键技术攻关`,
  (kw, chain) => `面向${CHAIN_LABEL.get(chain) ?? ''}的${kw[0]}技术需求`,
  (kw) => `${kw[0]}工艺优化与产业化应用`,
];
const ACHIEVEMENT_TITLES: ((kw: string[], p: Paper) => string)[] = [
  (_kw, p) => p.title,
  (_kw, p) => p.title,
  (kw) => `${kw[0]}${kw[1] ? `及${kw[1]}` : ''}关键技术`,
  (kw, p) => `基于${kw[0]}的${cut(p.title, 30)}`,
];

const NOW = Date.now();
const daysAgo = (g: Gen, max: number) => new Date(NOW - g.int(1, max) * 86_400_000);

function money(g: Gen, min: number, max: number): string {
  return `${g.int(min, max)}.${String(g.int(0, 99)).padStart(2, '0')}`;
}

/** The chains and industries columns of an item of `chain` (the neutral chain in an abstract-only catalogue). */
function chainsOf(chain: string, abstractOnly: boolean): [string[], string[]] {
  const c = abstractOnly ? NEUTRAL_CHAIN : chain;
  return [[c], [industryOfChain(c)]];
}

function needRow(g: Gen, s: Source, org: Org, abstractOnly: boolean): unknown[] {
  const { p, other, chain, i, j } = pair(g, s);
  const kw = keywordsOf(g, p, other);
  const title = cut(g.pick(NEED_TITLES)(kw.length ? kw : [p.title], chain, p), ITEM_LIMITS.titleMax);
  const own = s.sentences[i] as string[];
  const summary = cut(
    [
      `我单位在${CHAIN_LABEL.get(chain) ?? ''}领域寻求技术合作。`,
      ...g.some(own, g.int(2, 4)),
      g.pick((s.sentences[j] as string[]).length ? (s.sentences[j] as string[]) : ['']),
    ].join(''),
    ITEM_LIMITS.summaryMax,
  );
  const budgetNegotiable = g.chance(0.2);
  const budgetMax = budgetNegotiable ? null : money(g, 10, 2_000);
  const published = daysAgo(g, 700);
  return [
    g.uuid(),
    org.id,
    title,
    summary,
    ...chainsOf(chain, abstractOnly),
    abstractOnly ? [] : kw,
    org.region,
    g.int(3, 9),
    g.some(MODES, g.int(1, 3)),
    '联系人',
    'published',
    published,
    published,
    g.pick(CATEGORIES),
    null,
    budgetMax,
    budgetNegotiable,
    g.chance(0.3) ? null : new Date(NOW + g.int(30, 400) * 86_400_000).toISOString().slice(0, 10),
    g.chance(0.5) ? `技术指标达到：${cut(g.pick(own.length ? own : ['合同约定']), 100)}` : '',
  ];
}
/** The columns both kinds of item are written with, in the order the row builders give them. */
const ITEM_COLUMNS = [
  'id',
  'owner_org_id',
  'title',
  'summary',
  'chains',
  'industries',
  'keywords',
  'region',
  'trl',
  'cooperation_modes',
  'contact_name',
  'status',
  'submitted_at',
  'published_at',
];
const NEED_COLUMNS = [...ITEM_COLUMNS, 'category', 'budget_min', 'budget_max', 'budget_negotiable', 'deadline', 'acceptance_criteria'];

function achievementRow(g: Gen, s: Source, org: Org, abstractOnly: boolean): unknown[] {
  const { p, other, chain, i, j } = pair(g, s);
  const kw = keywordsOf(g, p, other);
  const title = cut(g.pick(ACHIEVEMENT_TITLES)(kw.length ? kw : [p.title], p), ITEM_LIMITS.titleMax);
  const own = s.sentences[i] as string[];
  // Most of the paper's own abstract, in order, with one sentence of a paper of the same chain.
  const kept = own.filter(() => g.chance(0.85));
  const mixed = (s.sentences[j] as string[]).length ? [g.pick(s.sentences[j] as string[])] : [];
  const summary = cut([...(kept.length ? kept : own), ...mixed].join(''), ITEM_LIMITS.summaryMax);
  const priceNegotiable = g.chance(0.3);
  const published = daysAgo(g, 1_100);
  const ipItems = Array.from({ length: g.int(0, 3) }, () => ({
    type: g.pick(IP_TYPES),
    number: `ZL${g.int(2015, 2025)}${g.int(10_000_000, 99_999_999)}.${g.int(0, 9)}`,
    status: '已授权',
  }));
  return [
    g.uuid(),
    org.id,
    abstractOnly ? '' : title,
    summary,
    ...chainsOf(chain, abstractOnly),
    abstractOnly ? [] : kw,
    org.region,
    g.int(2, 9),
    g.some(MODES, g.int(1, 3)),
    '联系人',
    'published',
    published,
    published,
    g.pick(STAGES),
    JSON.stringify(ipItems),
    priceNegotiable ? null : money(g, 5, 1_500),
    priceNegotiable,
    cut(g.pick(own.length ? own : ['']), 200),
  ];
}
const ACHIEVEMENT_COLUMNS = [...ITEM_COLUMNS, 'maturity_stage', 'ip_items', 'asking_price', 'price_negotiable', 'application_fields'];

/** Multi-row INSERTs of `rows` (arrays in `columns` order), INSERT_ROWS at a time. */
async function insertRows(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.min(INSERT_ROWS, Math.floor(60_000 / columns.length));
  for (let start = 0; start < rows.length; start += per) {
    const chunk = rows.slice(start, start + per);
    const params: unknown[] = [];
    const values = chunk.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
    await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

async function generate(ds: DataSource, opts: Options, papers: Paper[]): Promise<{ needIds: string[]; achievementIds: string[] }> {
  const g = new Gen(prng(opts.seed));
  const s = source(papers);
  const enterprises = orgs(g, Math.ceil(opts.needs / NEEDS_PER_ORG), 'enterprise', 0);
  const research = orgs(g, Math.ceil(opts.achievements / ACHIEVEMENTS_PER_ORG), 'research', 500_000);
  await insertRows(
    ds,
    'organisation',
    ['id', 'name', 'type', 'credit_code', 'region', 'industries', 'verification_status', 'submitted_at', 'verified_at'],
    [...enterprises, ...research].map((o) => [o.id, o.name, o.type, o.creditCode, o.region, o.industries, 'verified', new Date(), new Date()]),
  );
  const needs = Array.from({ length: opts.needs }, (_, k) => needRow(g, s, enterprises[Math.floor(k / NEEDS_PER_ORG)] as Org, opts.abstractOnly));
  await insertRows(ds, 'tech_need', NEED_COLUMNS, needs);
  const achievements = Array.from({ length: opts.achievements }, (_, k) => achievementRow(g, s, research[Math.floor(k / ACHIEVEMENTS_PER_ORG)] as Org, opts.abstractOnly));
  await insertRows(ds, 'achievement', ACHIEVEMENT_COLUMNS, achievements);
  await ds.query('ANALYZE');
  return { needIds: needs.map((r) => r[0] as string), achievementIds: achievements.map((r) => r[0] as string) };
}

// ---- the worker -----------------------------------------------------------------------------

function workerEnv(config: AppConfig, stack: BenchStack): Record<string, string> {
  return {
    NODE_ENV: 'development',
    DATA_DIR: path.join(stack.dir, 'data'),
    DATABASE_URL: config.db.url,
    REDIS_URL: config.redis.url,
    MEILI_URL: config.meili.url,
    MEILI_MASTER_KEY: config.meili.masterKey,
    MEILI_INDEX_PREFIX: config.meili.indexPrefix,
    AUTH_JWT_SECRET: config.auth.jwtSecret,
    LOG_LEVEL: 'info',
  };
}

/** The worker app as `npm start` runs it, in its own process; its output goes to a log file. */
async function startWorker(env: Record<string, string>, logFile: string, cpuProfile: string | null): Promise<ChildProcess> {
  const out = fs.openSync(logFile, 'a');
  const profile = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfile}`] : [];
  const child = spawn(process.execPath, [...profile, '-r', './tools/swc-register.cjs', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited at start (code ${child.exitCode}):\n${tail(logFile)}`);
    if (fs.readFileSync(logFile, 'utf8').includes('workers started')) return child;
    if (performance.now() - t0 > 120_000) throw new Error(`worker not ready after 120 s:\n${tail(logFile)}`);
    await sleep(200);
  }
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Peak resident set size of a live process, in MiB (VmHWM). */
function peakRssMib(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

const tail = (file: string, lines = 20) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** QuarterlyService.start() only claims the run row and queues the job; the rest is the worker's. */
function notUsedHere<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_t, prop) {
      throw new Error(`quarterly-bench: ${name}.${String(prop)} used by QuarterlyService.start()`);
    },
  });
}

interface RunRow {
  status: string;
  total: number;
  processed: number;
  errors: number;
  cursor_kind: ItemKind | null;
  started_at: Date;
  finished_at: Date | null;
  summary: { needs?: number; achievements?: number; matches?: number; digests?: number };
}

async function run(opts: Options, stack: BenchStack): Promise<void> {
  const papers = readPapers(opts.data, Infinity);
  log(
    `${papers.length} paper records from ${opts.data}; generating ${opts.needs} needs and ${opts.achievements} achievements (seed ${opts.seed}, ${opts.abstractOnly ? 'abstract-only' : 'full'})`,
  );
  const setup: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    setup[name] = round((performance.now() - t) / 1000, 2);
    t = performance.now();
    log(`${name}: ${setup[name]} s`);
  };

  const config = await createDatabase(stack);
  lap('migrate');
  const ds = new DataSource(dataSourceOptions(config.db.url, ENTITIES, { poolSize: 5 }));
  await ds.initialize();
  const meili: Meilisearch = meiliClient(config.meili);
  let worker: ChildProcess | null = null;
  const queues = new QueueService(config);
  try {
    const { needIds, achievementIds } = await generate(ds, opts, papers);
    lap('generate');

    const indexes = searchIndexService(config, meili, ds);
    await indexItems(indexes, meili, 'need', needIds, INDEX_BATCH);
    await indexItems(indexes, meili, 'achievement', achievementIds, INDEX_BATCH);
    lap('index');

    const passwords = new PasswordService(config);
    await ds.transaction((manager) => identitySeeder.run({ manager, hashPassword: (p) => passwords.hash(p) }));
    await ds.transaction((manager) => brokersSeeder.run({ manager, hashPassword: (p) => passwords.hash(p) }));
    await ds.query(`UPDATE broker_profile SET capacity = $1`, [BROKER_CAPACITY]);
    const brokers = (await ds.query(`SELECT user_id, chains, regions FROM broker_profile ORDER BY user_id`)) as { user_id: string; chains: string[]; regions: string[] }[];
    const [admin] = (await ds.query(`SELECT id FROM app_user WHERE email = 'admin@demo.zj.cn'`)) as { id: string }[];
    if (!admin) throw new Error('the demo admin is missing after seeding');
    lap('seed');
    log(`${brokers.length} demo brokers (capacity ${BROKER_CAPACITY} each): ${brokers.map((b) => `${b.chains.length} chains / ${b.regions.length} regions`).join('; ')}`);

    const logFile = path.join(stack.dir, 'worker.log');
    worker = await startWorker(workerEnv(config, stack), logFile, opts.cpuProfile);
    // Ctrl-C ends the benchmark with process.exit (see benchMain): the worker goes with it.
    const child = worker;
    process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
    lap('worker start');
    const pid = worker.pid as number;
    const rssAtStart = peakRssMib(pid);

    // Exactly what the admin's "start" does.
    const quarterly = new QuarterlyService(
      ds,
      readPorts(ds).catalogue,
      queues,
      notUsedHere<MatchingService>('MatchingService'),
      notUsedHere<MatchRanker>('MatchRanker'),
      notUsedHere<NotificationsService>('NotificationsService'),
      notUsedHere<BrokersService>('BrokersService'),
    );
    const wall0 = performance.now();
    const started = await quarterly.start(admin.id);
    log(`run ${started.quarter} queued: ${started.total} published items`);

    let row: RunRow | undefined;
    let needsDoneAt: number | null = null;
    let lastLog = 0;
    for (;;) {
      [row] = (await ds.query(`SELECT status, total, processed, errors, cursor_kind, started_at, finished_at, summary FROM match_run WHERE quarter = $1`, [
        started.quarter,
      ])) as RunRow[];
      const now = performance.now();
      if (needsDoneAt === null && (row?.cursor_kind === 'achievement' || row?.status === 'completed')) needsDoneAt = now;
      if (row?.status === 'completed' || row?.status === 'failed') break;
      if (worker.exitCode !== null) throw new Error(`worker exited during the run (code ${worker.exitCode}):\n${tail(logFile)}`);
      if (now - wall0 > RUN_TIMEOUT_MS) throw new Error('run not completed in time');
      if (opts.timeLimit !== null && now - wall0 > opts.timeLimit * 1000) break;
      if (now - lastLog > 10_000 && row) {
        lastLog = now;
        const s = (now - wall0) / 1000;
        log(`${row.processed}/${row.total} items in ${s.toFixed(0)} s (${(row.processed / s).toFixed(1)} items/s), ${row.errors} errors, RSS peak ${peakRssMib(pid)} MiB`);
      }
      await sleep(POLL_MS);
    }
    const wall = (performance.now() - wall0) / 1000;
    const rssPeak = peakRssMib(pid);
    if (!row || row.status === 'failed') throw new Error(`run ended ${row?.status}:\n${tail(logFile)}`);
    const completed = row.status === 'completed';
    const needsSeconds = ((needsDoneAt ?? performance.now()) - wall0) / 1000;
    const needsDone = needsDoneAt !== null ? opts.needs : (row.summary.needs ?? 0);
    const [counts] = (await ds.query(
      `SELECT count(*)::int AS matches, count(broker_id)::int AS assigned,
              (SELECT count(*)::int FROM notification WHERE type = 'match.digest') AS digest_notifications
         FROM match`,
    )) as { matches: number; assigned: number; digest_notifications: number }[];
    const failedLines = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('quarterly match failed')).length;

    const result = {
      mode: opts.abstractOnly ? 'abstract-only' : 'full',
      needs: opts.needs,
      achievements: opts.achievements,
      seed: opts.seed,
      setupSeconds: setup,
      completed,
      wallSeconds: round(wall, 1),
      runSeconds: row.finished_at ? round((row.finished_at.getTime() - row.started_at.getTime()) / 1000, 1) : null,
      needsPerSecond: round(needsDone / needsSeconds, 1),
      itemsPerSecond: round(row.processed / wall, 1),
      processed: row.processed,
      errors: row.errors,
      workerRssMib: { atStart: rssAtStart, peak: rssPeak },
      matchesWritten: row.summary.matches ?? null,
      matchRows: counts?.matches ?? 0,
      assigned: counts?.assigned ?? 0,
      digests: row.summary.digests ?? 0,
      digestNotifications: counts?.digest_notifications ?? 0,
    };
    log(
      `run ${completed ? 'completed' : `stopped at the time limit, ${row.processed}/${row.total} done`}: ${row.processed} items in ${wall.toFixed(1)} s (${result.itemsPerSecond} items/s; needs ${result.needsPerSecond}/s), ` +
        `${row.errors} errors (${failedLines} logged), ${result.matchRows} match rows, ${result.assigned} assigned, ${result.digests} digests, worker peak RSS ${rssPeak} MiB`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (worker) await stopWorker(worker);
    await queues.onApplicationShutdown();
    await ds.destroy();
  }
}

benchMain(USAGE, parseArgs, run, { redis: true });
