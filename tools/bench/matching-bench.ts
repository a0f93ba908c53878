// Matching benchmark: known-item matching on Chinese paper metadata through the product's own
// code path — the papers indexed by SearchIndexService as published achievements (abstract as the
// summary, the paper keywords as keywords, NO title), and each paper's title (or its keywords) sent
// as a draft need to MatchingService.preview, the code behind POST /api/matching/preview. The
// baseline is a plain Meilisearch index with default settings over the abstracts. Starts and
// removes its own PostgreSQL and Meilisearch. Progress goes to stderr; the last line on stdout is
// one JSON object.
//
//   npm run bench:matching -- --data ../shared/data/csl-dev/papers.jsonl [--limit N] [--show-misses N]
//
// Each achievement gets one industry chain derived from the paper's discipline (学科; by its
// category 门类 when the discipline is not in the table below, a fixed chain when the record has
// neither); the need carries the same chain, no TRL, no modes, no budget, no region.
// disciplineP10 is the mean, over title queries, of the share of the top 10 in the query paper's
// discipline (null when the data has no discipline field). `quarterlyRun` gives the same figures
// for the quarterly run's path: the same model ranking candidates from a snapshot of the catalogue
// and its in-process bigram index (MatchingService.rankSideFromSnapshot) instead of Meilisearch.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { ITEM_LIMITS, MatchView } from '@ztt/contracts';
import { CatalogueService } from '@ztt/catalogue';
import { BrokersService, CatalogueSnapshot, MatchingService, NeedSide, Pair } from '@ztt/matching';
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
  Paper,
  parseFlags,
  readPapers,
  UsageError,
} from './bench-common';
import { chainOf } from './chains';
import { KnownItem, percentile, round } from './metrics';

interface Options {
  data: string;
  limit: number;
  showMisses: number;
}

const TOP_K = 10;

/** Whole keywords, space-joined, up to the title limit the preview endpoint accepts. */
function keywordTitle(keywords: string[]): string {
  let out = '';
  for (const k of keywords) {
    const next = out ? `${out} ${k}` : k;
    if (next.length > ITEM_LIMITS.titleMax) break;
    out = next;
  }
  return out || (keywords[0] ?? '').slice(0, ITEM_LIMITS.titleMax);
}

/** A draft need as the preview controller builds it from a body holding only a title and chains. */
function draftNeed(title: string, chain: string): NeedSide {
  return { title, summary: '', keywords: [], chains: [chain], trl: null, cooperationModes: [], budgetMax: null, budgetNegotiable: false, region: null };
}

/**
 * preview() never touches the catalogue service (only listing stored matches does); building the
 * real one would need the audit and notification services. Anything it is asked for throws.
 */
const NO_CATALOGUE = new Proxy({} as CatalogueService, {
  get(_t, prop) {
    throw new Error(`matching-bench: CatalogueService.${String(prop)} used by preview()`);
  },
});

function parseArgs(argv: string[]): Options {
  const opts: Options = { data: '', limit: Infinity, showMisses: 0 };
  parseFlags(argv, (flag, value, count) => {
    if (flag === '--data') opts.data = value();
    else if (flag === '--limit') opts.limit = count();
    else if (flag === '--show-misses') opts.showMisses = count();
    else return false;
    return true;
  });
  if (!opts.data) throw new UsageError('--data <papers.jsonl> is required');
  return opts;
}

const USAGE = 'usage: npm run bench:matching -- --data <papers.jsonl> [--limit N] [--show-misses N]';

async function run(opts: Options, stack: BenchStack): Promise<void> {
  const papers = readPapers(opts.data, opts.limit);
  const n = papers.length;
  const hasDiscipline = papers.some((p) => p.discipline !== null);
  const chains = papers.map(chainOf);
  log(`${n} records from ${opts.data}; ${new Set(chains).size} chains from ${hasDiscipline ? 'the discipline field' : 'no discipline field (disciplineP10 will be null)'}`);

  const config = await createDatabase(stack);
  log('database created and migrated');
  const ds = await openDataSource(config);
  const meili = meiliClient(config);
  try {
    const ids = await loadAchievements(
      ds,
      papers.map((p, i) => ({ title: '', summary: p.abstract, keywords: p.keywords, chain: chains[i] as string })),
    );
    const paperOf = new Map(ids.map((id, i) => [id, i]));
    log(`${n} published achievements inserted (empty titles)`);

    const indexes = new SearchIndexService(config, meili, ds);
    await indexAchievements(indexes, meili, ids);
    const baseUid = await buildBaseline(meili, papers);

    // ---- the product's matching -------------------------------------------------------------
    const search = new SearchService(ds, meili, indexes);
    const matching = new MatchingService(config, ds, search, NO_CATALOGUE, new BrokersService(ds));

    const project = { title: new KnownItem(), keywords: new KnownItem() };
    const baseline = { title: new KnownItem(), keywords: new KnownItem() };
    // The quarterly run's path: the same model over a snapshot of the catalogue and its in-process index.
    const snapshot = await CatalogueSnapshot.take(ds);
    await matching.settings();
    const quarterly = { title: new KnownItem(), keywords: new KnownItem() };
    const rankInRun = (need: NeedSide, i: number): number =>
      matching
        .rankSideFromSnapshot(snapshot, 'need', need, null)
        .slice(0, TOP_K)
        .findIndex((p: Pair) => paperOf.get(p.achievementId) === i);
    let disciplineShare = 0;
    let cutKeywordTitles = 0;
    const latencies: number[] = [];
    const misses: string[] = [];

    const rankIn = (views: MatchView[], i: number): number => views.slice(0, TOP_K).findIndex((v) => paperOf.get(v.achievementId) === i);

    for (const [i, p] of papers.entries()) {
      const chain = chains[i] as string;
      const t0 = performance.now();
      const byTitle = await matching.preview(draftNeed(p.title, chain));
      latencies.push(performance.now() - t0);
      const rank = rankIn(byTitle, i);
      project.title.add(rank);
      quarterly.title.add(rankInRun(draftNeed(p.title, chain), i));
      if (hasDiscipline) {
        const top = byTitle.slice(0, TOP_K);
        disciplineShare += top.filter((v) => papers[paperOf.get(v.achievementId) as number]?.discipline === p.discipline).length / TOP_K;
      }
      if (rank !== 0 && misses.length < opts.showMisses) misses.push(await describeMiss(i, p, byTitle, search, paperOf, papers));

      const kwTitle = keywordTitle(p.keywords);
      if (kwTitle.length < p.keywords.join(' ').length) cutKeywordTitles++;
      project.keywords.add(kwTitle ? rankIn(await matching.preview(draftNeed(kwTitle, chain)), i) : -1);
      quarterly.keywords.add(kwTitle ? rankInRun(draftNeed(kwTitle, chain), i) : -1);

      baseline.title.add(await baselineRank(meili, baseUid, p.title, i, TOP_K));
      baseline.keywords.add(kwTitle ? await baselineRank(meili, baseUid, kwTitle, i, TOP_K) : -1);

      if ((i + 1) % 100 === 0 || i + 1 === n) {
        log(
          `${i + 1}/${n}: project title recall@10 ${project.title.recall.toFixed(4)} mrr ${project.title.mrr.toFixed(4)}, ` +
            `keywords ${project.keywords.recall.toFixed(4)}; quarterly-run path title ${quarterly.title.recall.toFixed(4)}, keywords ${quarterly.keywords.recall.toFixed(4)}; baseline title ${baseline.title.recall.toFixed(4)}, keywords ${baseline.keywords.recall.toFixed(4)}`,
        );
      }
    }
    if (cutKeywordTitles) log(`${cutKeywordTitles} keyword queries cut to whole keywords within the ${ITEM_LIMITS.titleMax}-character title limit`);
    log(`preview latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    for (const m of misses) log(m);

    const fig = (k: KnownItem) => ({ recall10: round(k.recall, 4), mrr10: round(k.mrr, 4) });
    const result = {
      n,
      project: { title: fig(project.title), keywords: fig(project.keywords), disciplineP10: hasDiscipline ? round(disciplineShare / n, 4) : null },
      baseline: { title: fig(baseline.title), keywords: fig(baseline.keywords) },
      quarterlyRun: { title: fig(quarterly.title), keywords: fig(quarterly.keywords) },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await ds.destroy();
  }
}

/**
 * A title query whose paper is not first: where the paper stood in retrieval (SearchService.relevant
 * with the title, which is the grams of what preview sends for a title-only need) and after the
 * reranking, with the score breakdowns of the paper and of the top match.
 */
async function describeMiss(i: number, p: Paper, views: MatchView[], search: SearchService, paperOf: Map<string, number>, papers: Paper[]): Promise<string> {
  const hits = await search.relevant('achievement', p.title, 1000);
  const retrievalRank = hits.findIndex((h) => paperOf.get(h.id) === i);
  const finalRank = views.findIndex((v) => paperOf.get(v.achievementId) === i);
  const own = views[finalRank];
  const top = views[0];
  const bd = (v: MatchView | undefined) => (v ? `${v.score} ${JSON.stringify(v.breakdown)}` : '-');
  const topPaper = top ? papers[paperOf.get(top.achievementId) as number] : undefined;
  return [
    `${finalRank < 0 || finalRank >= TOP_K ? 'miss' : 'late'} (rank ${finalRank < 0 ? `> ${views.length}` : finalRank + 1}) #${i} [${p.discipline ?? '-'}] ${p.title}`,
    `    retrieval rank ${retrievalRank < 0 ? `none of ${hits.length}` : `${retrievalRank + 1} of ${hits.length}`} (score ${retrievalRank < 0 ? '-' : hits[retrievalRank]?.score.toFixed(3)}, top ${hits[0]?.score.toFixed(3) ?? '-'})`,
    `    own:  ${bd(own)}`,
    `    top:  ${bd(top)} [${topPaper?.discipline ?? '-'}] ${topPaper?.title ?? ''}`,
  ].join('\n');
}

benchMain(USAGE, parseArgs, run);
