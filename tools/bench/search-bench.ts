// Search benchmark: known-item retrieval on Chinese paper metadata, through the product's own
// indexing (SearchIndexService) and search (SearchService) code, against a plain Meilisearch
// index with default settings as the baseline. Starts and removes its own PostgreSQL and
// Meilisearch. Progress goes to stderr; the last line on stdout is one JSON object.
//
//   npm run bench:search -- --data ../shared/data/csl-dev/papers.jsonl [--limit N] [--show-misses N] [--abstract-only]
//
// Two modes, each in a database and index of its own, reported in this order:
// - abstractOnly: each paper is loaded with an empty title and no keywords, only its abstract (the
//   harder task the data set's README describes: the title query has to find the abstract);
// - full: title = title, summary = abstract, keywords = keywords, so a title query finds its own title.
// --abstract-only runs the first mode alone. Every item shares one chain, so the chain tells nothing.
// The baseline always holds {id, abstract} (default settings over the abstracts).
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { BenchStack } from './bench-stack';
import {
  baselineRank,
  benchMain,
  buildBaseline,
  createDatabase,
  indexAchievements,
  loadAchievements,
  log,
  meiliClient,
  openDataSource,
  Paper,
  parseFlags,
  readPapers,
  searchIndexService,
  searchService,
  UsageError,
} from './bench-common';
import { KnownItem, percentile, round } from './metrics';

interface Options {
  data: string;
  limit: number;
  showMisses: number;
  /** Run the abstract-only mode alone (empty title, no keywords: the titles must find the abstracts). */
  abstractOnly: boolean;
}

const TOP_K = 10;
const CHAIN = 'marine.biomed';

function parseArgs(argv: string[]): Options {
  const opts: Options = { data: '', limit: Infinity, showMisses: 0, abstractOnly: false };
  parseFlags(argv, (flag, value, count, inline) => {
    if (flag === '--data') opts.data = value();
    else if (flag === '--limit') opts.limit = count();
    else if (flag === '--show-misses') opts.showMisses = count();
    else if (flag === '--abstract-only' && inline === undefined) opts.abstractOnly = true;
    else return false;
    return true;
  });
  if (!opts.data) throw new UsageError('--data <papers.jsonl> is required');
  return opts;
}

const USAGE = 'usage: npm run bench:search -- --data <papers.jsonl> [--limit N] [--show-misses N] [--abstract-only]';

async function run(opts: Options, stack: BenchStack): Promise<void> {
  const papers = readPapers(opts.data, opts.limit);
  log(`${papers.length} records from ${opts.data}`);
  const meili = meiliClient({ url: stack.meiliUrl, masterKey: stack.meiliKey });
  // ---- baseline: default settings, the abstracts ------------------------------------------
  const baseUid = await buildBaseline(meili, papers);
  const result: Record<string, unknown> = { n: papers.length };
  result.abstractOnly = await measure(true, papers, baseUid, opts, stack);
  if (!opts.abstractOnly) result.full = await measure(false, papers, baseUid, opts, stack);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function measure(abstractOnly: boolean, papers: Paper[], baseUid: string, opts: Options, stack: BenchStack): Promise<Record<string, unknown>> {
  const n = papers.length;
  const mode = abstractOnly ? 'abstract-only' : 'full';
  const config = await createDatabase(stack, abstractOnly ? 'abstract_only' : 'full');
  log(`[${mode}] database created and migrated`);
  const ds = await openDataSource(config);
  const meili = meiliClient(config.meili);
  try {
    const rows = papers.map((p) => ({ title: abstractOnly ? '' : p.title, summary: p.abstract, keywords: abstractOnly ? [] : p.keywords, chain: CHAIN }));
    const ids = await loadAchievements(ds, rows);
    const paperOf = new Map(ids.map((id, i) => [id, i]));
    log(`[${mode}] ${n} published achievements inserted`);

    // ---- the product's indexing ------------------------------------------------------------
    const indexes = searchIndexService(config, meili, ds);
    const indexingSeconds = await indexAchievements(indexes, meili, ids);

    // ---- queries ---------------------------------------------------------------------------
    // Answers are not kept (answerKeepMs 0): each query is measured as if asked for the first time.
    const search = searchService(meili, indexes, ds);
    const project = new KnownItem();
    const baseline = new KnownItem();
    const latencies: number[] = [];
    const misses: string[] = [];
    for (const [i, p] of papers.entries()) {
      const t0 = performance.now();
      const { result: res } = await search.search('achievement', { q: p.title, sort: 'relevance', page: 1, pageSize: TOP_K });
      latencies.push(performance.now() - t0);
      const rank = res.items.slice(0, TOP_K).findIndex((h) => paperOf.get(h.id) === i);
      project.add(rank);
      if (rank < 0 && misses.length < opts.showMisses) {
        misses.push(
          `miss #${i} ${p.title} (returned ${res.total})\n    top: ${
            res.items
              .slice(0, 3)
              .map((h) => h.title || h.summary.slice(0, 30))
              .join(' | ') || '(nothing)'
          }`,
        );
      }

      baseline.add(await baselineRank(meili, baseUid, p.title, i, TOP_K));
      if ((i + 1) % 100 === 0 || i + 1 === n) {
        log(`[${mode}] ${i + 1}/${n} queries: project recall@10 ${project.recall.toFixed(4)}, baseline ${baseline.recall.toFixed(4)}`);
      }
    }
    for (const m of misses) log(m);

    return {
      project: { recall10: round(project.recall, 4), mrr10: round(project.mrr, 4) },
      baseline: { recall10: round(baseline.recall, 4), mrr10: round(baseline.mrr, 4) },
      indexingRecordsPerSec: round(n / indexingSeconds, 1),
      searchLatencyMs: { p50: round(percentile(latencies, 50), 1), p99: round(percentile(latencies, 99), 1) },
    };
  } finally {
    await ds.destroy();
  }
}

benchMain(USAGE, parseArgs, run);
