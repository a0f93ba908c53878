// HTTP benchmark: what the API adds over the services it stands on, measured in one run on one
// machine. Loads N published achievements (texts recombined from the CSL paper records with a seeded
// PRNG, so the same flags give the same catalogue) in bulk, indexes them through the product's own
// SearchIndexService, seeds the demo organisations and users, starts the real API in its own process
// as `npm start` runs it, and a bare node:http server in another; then drives each of these with
// autocannon from this process, one after the other, for the same time at the same concurrency:
//
//   meili     POST /indexes/<uid>/search on Meilisearch directly (master key), the same queries
//   search    GET  /api/search/achievements?q=…
//   meili-varied, search-varied
//             the same two over 2,000 different queries (keywords of the paper records), taken in
//             turn across all connections, so no query comes back while the API keeps its answer
//             (a second, SearchAnswers): what a search costs when it is not a repeat
//   preview   POST /api/matching/preview, a draft need per query, signed in as a demo enterprise user
//   list      GET  /api/orgs (the public directory)
//   live      GET  /api/health/live
//   bare      GET  / on a bare node:http server answering a small JSON
//   nest      GET / on a NestJS app with that one route and nothing else, on Fastify like the API (nest-bare.ts)
//
// The last one splits what the API's liveness probe costs over bare Node into what the framework and
// its adapter cost, and what the API's own pipeline (guards, interceptors, logging, hooks) adds
// (docs/adr/0008-http-adapter.md).
// The queries rotate across requests. Prints a table (requests/s, p50, p99, errors, non-2xx) and the
// ratios (API search over Meilisearch, liveness over the bare server) to stdout, the last line one
// JSON object; progress goes to stderr. Any error or non-2xx response fails the run (exit 1), after
// the figures: a benchmark of 401s or 429s measures nothing. Starts and removes its own
// PostgreSQL, Redis and Meilisearch; all traffic goes to 127.0.0.1.
//
//   npm run bench:http -- [--achievements N (10000)] [--duration S (10)] [--connections N (50)] [--warmup S (2)] [--seed N (1)] [--data <papers.jsonl>] [--cpu-profile DIR] [--targets a,b,…]
//
// --cpu-profile writes the API process's CPU profile (node --cpu-prof) into DIR when it stops.
// --targets drives only the named targets (say `live,nest,bare` to profile the pipeline alone); the
// ratios of targets not driven are null.
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { prng } from '@ztt/contracts';
import { PasswordService } from '@ztt/identity';
import { AppConfig } from '@ztt/platform';
import { queryChunks } from '@ztt/search';
import { ENTITIES } from '@ztt/entities';
import { identitySeeder } from '../seed/seeders/identity.seeder';
import { BenchStack } from './bench-stack';
import {
  benchMain,
  createDatabase,
  Paper,
  indexItems,
  loadAchievements,
  log,
  meiliClient,
  openDataSource,
  parseFlags,
  readPapers,
  searchIndexService,
  setupTimer,
  UsageError,
} from './bench-common';
import { apiEnv, demoToken, freePort, generateAchievements, halt, lastLines, launch, ROOT, whenUp } from './bench-processes';
import { round } from './metrics';

interface Options {
  data: string;
  achievements: number;
  seed: number;
  /** seconds each target is measured */
  duration: number;
  /** seconds each target is driven before it is measured (not counted) */
  warmup: number;
  connections: number;
  /** a directory for the API's CPU profile (node --cpu-prof), written when it stops */
  cpuProfile: string | null;
  /** Only these targets, by name; all when null. */
  targets: string[] | null;
}

const DEFAULT_DATA = path.relative(process.cwd(), path.resolve(ROOT, '..', 'shared', 'data', 'csl-dev', 'papers.jsonl'));
/** Documents per Meilisearch addDocuments task. */
const INDEX_BATCH = 10_000;
/** The demo enterprise user the preview is sent as (tools/seed/demo-data.ts). */
const ENTERPRISE_EMAIL = 'marine@demo.zj.cn';
/** The queries, each with the chain its draft need carries in the preview; each finds something in the CSL records. */
const QUERIES: [q: string, chain: string][] = [
  ['海水养殖', 'marine.ranching'],
  ['对虾育种', 'food.seed'],
  ['冶金工艺', 'steel.low-carbon'],
  ['海上风电', 'energy.wind'],
  ['湿地生态', 'livelihood.ecology'],
];
/** How many different queries the -varied targets go through. */
const VARIED_QUERIES = 2_000;
/** As the web app asks: the first page of 20. */
const PAGE_SIZE = 20;

const USAGE =
  'usage: npm run bench:http -- [--achievements N (10000)] [--duration S (10)] [--connections N (50)] [--warmup S (2)] [--seed N (1)] [--data <papers.jsonl>] [--cpu-profile DIR] [--targets a,b,…]';

/** Each option and how it sets its field; `value` reads the flag's value, `count` a whole number of at least 1. */
const FLAGS: Record<string, (o: Options, value: () => string, count: () => number) => void> = {
  '--data': (o, value) => (o.data = value()),
  '--achievements': (o, _v, count) => (o.achievements = count()),
  '--seed': (o, _v, count) => (o.seed = count()),
  '--duration': (o, _v, count) => (o.duration = count()),
  '--connections': (o, _v, count) => (o.connections = count()),
  '--cpu-profile': (o, value) => (o.cpuProfile = path.resolve(value())),
  '--targets': (o, value) =>
    (o.targets = value()
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)),
  '--warmup': (o, value) => {
    const v = value();
    o.warmup = Number(v);
    if (!Number.isInteger(o.warmup) || o.warmup < 0) throw new UsageError(`--warmup must be a whole number of seconds (got "${v}")`);
  },
};

function parseArgs(argv: string[]): Options {
  const opts: Options = { data: DEFAULT_DATA, achievements: 10_000, seed: 1, duration: 10, warmup: 2, connections: 50, cpuProfile: null, targets: null };
  parseFlags(argv, (flag, value, count) => {
    const set = FLAGS[flag];
    set?.(opts, value, count);
    return set !== undefined;
  });
  return opts;
}

/** The baseline: the least an HTTP answer from Node costs, a small JSON like the liveness probe's. */
const BARE_SERVER = `require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end('{"status":"up"}');
}).listen(Number(process.env.PORT), '127.0.0.1');`;

// ---- load ---------------------------------------------------------------------------------------

interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Target {
  name: string;
  what: string;
  origin: string;
  requests: Request[];
  /**
   * When set, the requests are taken in turn by all connections together (one after another over
   * the whole run) instead of each connection going through them from the first.
   */
  inTurn?: boolean;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** the count of each status outside 2xx, e.g. {"503": 12} */
  otherStatuses: Record<string, number>;
}

/**
 * The search the API asks Meilisearch for a query of a few words (SearchService.onePage): the
 * query's tokens (the index holds Chinese bigrams as tokens, so the raw text would find nothing),
 * the published filter, the first page with its facets. What the API adds over this is its own cost.
 */
function meiliSearch(q: string): Record<string, unknown> {
  return {
    q: queryChunks(q).join(' '),
    filter: ['status = "published"'],
    matchingStrategy: 'frequency',
    page: 1,
    hitsPerPage: PAGE_SIZE,
    facets: ['industries', 'chains', 'region', 'cooperationModes', 'trl', 'ipTypes'],
    attributesToRetrieve: ['id'],
  };
}

const json = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...headers });

/** Different queries for the -varied targets: distinct keywords of the paper records, in a seeded order. */
function variedQueries(papers: Paper[], seed: number): string[] {
  const all = [
    ...new Set(
      papers
        .flatMap((p) => p.keywords)
        .map((k) => k.trim())
        .filter((k) => k.length >= 2 && queryChunks(k).length > 0),
    ),
  ].sort();
  const random = prng(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j] as string, all[i] as string];
  }
  return all.slice(0, VARIED_QUERIES);
}

function targets(config: AppConfig, meiliUid: string, api: string, bare: string, token: string, nest: string, varied: string[]): Target[] {
  const auth = { authorization: `Bearer ${token}` };
  const direct = (q: string): Request => ({
    method: 'POST',
    path: `/indexes/${meiliUid}/search`,
    headers: json({ authorization: `Bearer ${config.meili.masterKey}` }),
    body: JSON.stringify(meiliSearch(q)),
  });
  const throughApi = (q: string): Request => ({ method: 'GET', path: `/api/search/achievements?q=${encodeURIComponent(q)}` });
  return [
    { name: 'meili', what: 'Meilisearch search (direct)', origin: config.meili.url, requests: QUERIES.map(([q]) => direct(q)) },
    { name: 'search', what: 'GET /api/search/achievements', origin: api, requests: QUERIES.map(([q]) => throughApi(q)) },
    { name: 'meili-varied', what: `Meilisearch, ${varied.length} different queries`, origin: config.meili.url, requests: varied.map(direct), inTurn: true },
    { name: 'search-varied', what: `API search, ${varied.length} different queries`, origin: api, requests: varied.map(throughApi), inTurn: true },
    {
      name: 'preview',
      what: 'POST /api/matching/preview',
      origin: api,
      requests: QUERIES.map(([q, chain]) => ({
        method: 'POST',
        path: '/api/matching/preview',
        headers: json(auth),
        body: JSON.stringify({ title: `${q}关键技术需求`, summary: `寻求${q}方面的技术合作与成果转化。`, keywords: [q], chains: [chain], trl: 5, cooperationModes: ['transfer'] }),
      })),
    },
    { name: 'list', what: 'GET /api/orgs (public list)', origin: api, requests: [{ method: 'GET', path: '/api/orgs' }] },
    { name: 'live', what: 'GET /api/health/live', origin: api, requests: [{ method: 'GET', path: '/api/health/live' }] },
    { name: 'bare', what: 'bare node:http server', origin: bare, requests: [{ method: 'GET', path: '/' }] },
    { name: 'nest', what: 'NestJS, one route (Fastify)', origin: nest, requests: [{ method: 'GET', path: '/' }] },
  ];
}

/**
 * Each request of a target once (of one taken in turn, the first few only: asking them all would
 * put their answers in the API's cache), before the load: any non-2xx stops the run here. Returns
 * the hit counts where there are any.
 */
async function preflight(t: Target): Promise<(number | null)[]> {
  const counts: (number | null)[] = [];
  for (const r of t.inTurn ? t.requests.slice(0, QUERIES.length) : t.requests) {
    const res = await fetch(t.origin + r.path, { method: r.method, headers: r.headers, body: r.body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${t.name}: ${r.method} ${r.path} answered ${res.status}: ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as unknown;
    const b = body as { total?: number; totalHits?: number };
    counts.push(Array.isArray(body) ? body.length : (b.total ?? b.totalHits ?? null));
  }
  return counts;
}

async function drive(t: Target, seconds: number, connections: number): Promise<Figures> {
  let next = 0;
  // autocannon's connections each go through `requests` from the first; taken in turn, one request stands for the next of the list.
  const turn = (base: autocannon.Request): autocannon.Request => {
    const r = t.requests[next++ % t.requests.length] as Request;
    return { ...base, ...r, headers: { ...base.headers, ...r.headers } };
  };
  const requests = t.inTurn ? [{ setupRequest: turn }] : t.requests;
  const r = await autocannon({ url: t.origin, connections, duration: seconds, requests });
  return {
    rps: round(r.requests.average, 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    otherStatuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).flatMap(([code, v]) => (code.startsWith('2') ? [] : [[code, v.count ?? 0]]))),
  };
}

function table(ts: Target[], figures: Record<string, Figures>): string {
  const head = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx'];
  const rows = ts.map((t) => {
    const f = figures[t.name] as Figures;
    return [`${t.name.padEnd(14)}${t.what}`, f.rps.toFixed(1), String(f.p50), String(f.p99), String(f.requests), String(f.errors), String(f.non2xx)];
  });
  const widths = head.map((h, c) => Math.max(Array.from(h).length, ...rows.map((r) => Array.from(r[c] as string).length)));
  const line = (cells: string[]) => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c] as number) : s.padStart(widths[c] as number))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

// ---- the run ------------------------------------------------------------------------------------

async function run(opts: Options, stack: BenchStack): Promise<void> {
  const papers = readPapers(opts.data, Infinity);
  log(`${papers.length} paper records from ${opts.data}; generating ${opts.achievements} achievements (seed ${opts.seed})`);
  const { seconds: setup, lap } = setupTimer();
  const config = await createDatabase(stack);
  lap('migrate');
  const ds = await openDataSource(config, ENTITIES);
  const meili = meiliClient(config.meili);
  let api: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  let nest: ChildProcess | null = null;
  try {
    const ids = await loadAchievements(ds, generateAchievements(papers, opts.achievements, opts.seed));
    await ds.query('ANALYZE');
    lap('insert');
    const indexes = searchIndexService(config, meili, ds);
    await indexItems(indexes, meili, 'achievement', ids, INDEX_BATCH);
    lap('index');
    const passwords = new PasswordService(config);
    await ds.transaction((manager) => identitySeeder.run({ manager, hashPassword: (p) => passwords.hash(p) }));
    lap('seed');

    const [apiPort, barePort] = [await freePort(), await freePort()];
    const apiLog = path.join(stack.dir, 'api.log');
    const apiOrigin = `http://127.0.0.1:${apiPort}`;
    const profile = opts.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfile}`] : [];
    api = launch([...profile, '-r', './tools/swc-register.cjs', 'apps/api/src/main.ts'], apiEnv(config, apiPort), apiLog);
    const bareLog = path.join(stack.dir, 'bare.log');
    const bareOrigin = `http://127.0.0.1:${barePort}`;
    bare = launch(['-e', BARE_SERVER], { PORT: String(barePort) }, bareLog);
    const nestPort = await freePort();
    const nestLog = path.join(stack.dir, 'nest.log');
    const nestOrigin = `http://127.0.0.1:${nestPort}`;
    nest = launch(['-r', './tools/swc-register.cjs', 'tools/bench/nest-bare.ts'], { PORT: String(nestPort) }, nestLog);
    await Promise.all([
      whenUp('API', api, `${apiOrigin}/api/health/live`, apiLog),
      whenUp('bare server', bare, `${bareOrigin}/`, bareLog),
      whenUp('NestJS one-route app', nest, `${nestOrigin}/`, nestLog),
    ]);
    lap('start');

    // One login for the whole run.
    const accessToken = await demoToken(apiOrigin, ENTERPRISE_EMAIL);

    const varied = variedQueries(papers, opts.seed);
    const ts = targets(config, indexes.indexName('achievement'), apiOrigin, bareOrigin, accessToken, nestOrigin, varied).filter(
      (t) => !opts.targets || opts.targets.includes(t.name),
    );
    const hits: Record<string, (number | null)[]> = {};
    for (const target of ts) hits[target.name] = await preflight(target);
    log(`hits per query (${QUERIES.map(([q]) => q).join(', ')}): Meilisearch ${hits.meili?.join('/')}, API search ${hits.search?.join('/')}, preview ${hits.preview?.join('/')}`);
    if (hits.meili && hits.search && hits.meili.join() !== hits.search.join())
      log('warning: Meilisearch and the API count other hits: the direct search is no longer the one the API sends (see meiliSearch)');

    const figures: Record<string, Figures> = {};
    for (const target of ts) {
      if (opts.warmup > 0) await drive(target, opts.warmup, opts.connections);
      const f = await drive(target, opts.duration, opts.connections);
      figures[target.name] = f;
      log(`${target.name}: ${f.rps} requests/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.errors} errors, ${f.non2xx} non-2xx`);
    }
    if (api.exitCode !== null) throw new Error(`the API exited during the run:\n${lastLines(apiLog)}`);

    const fig = (name: string) => figures[name] ?? ({ rps: NaN, p50: NaN, p99: NaN } as Figures);
    const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? round(a / b, 2) : null);
    const ratios = {
      apiSearchP99OverMeiliP99: ratio(fig('search').p99, fig('meili').p99),
      apiSearchRpsOverMeiliRps: ratio(fig('search').rps, fig('meili').rps),
      variedSearchP99OverMeiliP99: ratio(fig('search-varied').p99, fig('meili-varied').p99),
      variedSearchRpsOverMeiliRps: ratio(fig('search-varied').rps, fig('meili-varied').rps),
      previewP99OverMeiliP99: ratio(fig('preview').p99, fig('meili').p99),
      liveRpsOverBareRps: ratio(fig('live').rps, fig('bare').rps),
      listRpsOverBareRps: ratio(fig('list').rps, fig('bare').rps),
      nestRpsOverBareRps: ratio(fig('nest').rps, fig('bare').rps),
      liveRpsOverNestRps: ratio(fig('live').rps, fig('nest').rps),
    };
    const failures = ts
      .filter((x) => fig(x.name).errors > 0 || fig(x.name).non2xx > 0)
      .map((x) => `${x.name} (${fig(x.name).errors} errors, ${fig(x.name).non2xx} non-2xx: ${JSON.stringify(fig(x.name).otherStatuses)})`);
    // The API's own account of them, before the temp directory goes.
    if (failures.length)
      log(
        `the API's last warnings and errors:\n${lastLines(apiLog, 20_000)
          .split('\n')
          .filter((l) => /"level":"(warn|error)"|"level":(40|50)/.test(l))
          .slice(-10)
          .join('\n')}`,
      );

    process.stdout.write(
      [
        `${opts.achievements} achievements; ${opts.connections} connections, ${opts.duration} s each (after ${opts.warmup} s of warm-up); queries ${QUERIES.map(([q]) => q).join(' ')}`,
        table(ts, figures),
        `API search p99 / Meilisearch p99   ${ratios.apiSearchP99OverMeiliP99}`,
        `API search rps / Meilisearch rps   ${ratios.apiSearchRpsOverMeiliRps}`,
        `  different queries, p99 / p99     ${ratios.variedSearchP99OverMeiliP99}`,
        `  different queries, rps / rps     ${ratios.variedSearchRpsOverMeiliRps}`,
        `preview p99 / Meilisearch p99      ${ratios.previewP99OverMeiliP99}`,
        `liveness rps / bare Node rps       ${ratios.liveRpsOverBareRps}`,
        `public list rps / bare Node rps    ${ratios.listRpsOverBareRps}`,
        `one-route NestJS rps / bare rps    ${ratios.nestRpsOverBareRps}`,
        `liveness rps / one-route NestJS    ${ratios.liveRpsOverNestRps}`,
        ...(failures.length ? [`NOT CLEAN: ${failures.join('; ')}`] : []),
        '',
      ].join('\n'),
    );
    const result = {
      achievements: opts.achievements,
      seed: opts.seed,
      connections: opts.connections,
      durationSeconds: opts.duration,
      warmupSeconds: opts.warmup,
      queries: QUERIES.map(([q]) => q),
      hits,
      setupSeconds: setup,
      targets: figures,
      ratios,
      clean: failures.length === 0,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (failures.length) throw new Error(`errors or non-2xx responses: ${failures.join('; ')}`);
  } finally {
    await Promise.all([halt(api), halt(bare), halt(nest)]);
    await ds.destroy();
  }
}

benchMain(USAGE, parseArgs, run, { redis: true });
