// Search benchmark: known-item retrieval on Chinese paper metadata, through the product's own
// indexing (SearchIndexService) and search (SearchService) code, against a plain Meilisearch
// index with default settings as the baseline. Starts and removes its own PostgreSQL and
// Meilisearch. Progress goes to stderr; the last line on stdout is one JSON object.
//
//   npm run bench:search -- --data ../shared/data/csl-dev/papers.jsonl [--limit N] [--show-misses N] [--abstract-only]
//
// By default each paper is loaded as title = title, summary = abstract, keywords = keywords, so a
// title query finds its own title. --abstract-only loads an empty title and no keywords into the
// project too: the harder task the data set's README describes. The baseline always holds
// {id, abstract} (default settings over the abstracts).
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { SearchIndexService, SearchService } from '@ztt/search';
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
  parseFlags,
  readPapers,
  UsageError,
} from './bench-common';
import { KnownItem, percentile, round } from './metrics';

interface Options {
  data: string;
  limit: number;
  showMisses: number;
  /** Index the abstracts only (empty title, no keywords): titles are then real paraphrase-free queries. */
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
  const n = papers.length;
  log(`${n} records from ${opts.data}${opts.abstractOnly ? ' (abstract only: empty titles, no keywords)' : ''}`);

  const config = await createDatabase(stack);
  log('database created and migrated');
  const ds = await openDataSource(config);
  const meili = meiliClient(config);
  try {
    const rows = papers.map((p) => ({ title: opts.abstractOnly ? '' : p.title, summary: p.abstract, keywords: opts.abstractOnly ? [] : p.keywords, chain: CHAIN }));
    const ids = await loadAchievements(ds, rows);
    const paperOf = new Map(ids.map((id, i) => [id, i]));
    log(`${n} published achievements inserted`);

    // ---- the product's indexing ------------------------------------------------------------
    const indexes = new SearchIndexService(config, meili, ds);
    const indexingSeconds = await indexAchievements(indexes, meili, ids);

    // ---- baseline: default settings, the abstracts ------------------------------------------
    const baseUid = await buildBaseline(meili, papers);

    // ---- queries ---------------------------------------------------------------------------
    const search = new SearchService(ds, meili, indexes);
    const project = new KnownItem();
    const baseline = new KnownItem();
    const latencies: number[] = [];
    const misses: string[] = [];
    for (const [i, p] of papers.entries()) {
      const t0 = performance.now();
      const res = await search.search('achievement', { q: p.title, sort: 'relevance', page: 1, pageSize: TOP_K });
      latencies.push(performance.now() - t0);
      const rank = res.items.slice(0, TOP_K).findIndex((h) => paperOf.get(h.id) === i);
      project.add(rank);
      if (rank < 0 && misses.length < opts.showMisses) {
        misses.push(`miss #${i} ${p.title} (returned ${res.total})\n    top: ${res.items.slice(0, 3).map((h) => h.title || h.summary.slice(0, 30)).join(' | ') || '(nothing)'}`);
      }

      baseline.add(await baselineRank(meili, baseUid, p.title, i, TOP_K));
      if ((i + 1) % 100 === 0 || i + 1 === n) {
        log(`${i + 1}/${n} queries: project recall@10 ${project.recall.toFixed(4)}, baseline ${baseline.recall.toFixed(4)}`);
      }
    }
    for (const m of misses) log(m);

    const result = {
      n,
      project: { recall10: round(project.recall, 4), mrr10: round(project.mrr, 4) },
      baseline: { recall10: round(baseline.recall, 4), mrr10: round(baseline.mrr, 4) },
      indexingRecordsPerSec: round(n / indexingSeconds, 1),
      searchLatencyMs: { p50: round(percentile(latencies, 50), 1), p99: round(percentile(latencies, 99), 1) },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await ds.destroy();
  }
}

benchMain(USAGE, parseArgs, run);
