// Matching benchmark: known-item matching on Chinese paper metadata through the product's own
// code path — the papers indexed by SearchIndexService as published achievements (abstract as the
// summary, the paper keywords as keywords, NO title), and each paper's title (or its keywords) sent
// as a draft need to MatchRanker.rankNeed, the ranking behind POST /api/matching/preview. The
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
import { ITEM_LIMITS } from '@ztt/contracts';
import { CatalogueSnapshot, databaseClock, MatchRanker, NeedSide, Pair, TextStatistics } from '@ztt/matching';
import type { SearchService } from '@ztt/search';
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
  readPorts,
  searchIndexService,
  searchService,
  UsageError,
} from './bench-common';
import { chainOf, FALLBACK_CHAIN } from './chains';
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

/**
 * The two ways the catalogue is loaded. `abstract-only` (reported first) is the harder and more
 * honest one: the achievements hold only the abstract (no title, no keywords) and all share one
 * chain, so nothing but the text can match them. `full` adds the paper's keywords and a chain from
 * its discipline, which the need shares.
 */
const MODES = ['abstract-only', 'full'] as const;
type Mode = (typeof MODES)[number];
/** The one chain every item of the abstract-only mode shares: it tells the matching nothing. */
const NEUTRAL_CHAIN = FALLBACK_CHAIN;

async function run(opts: Options, stack: BenchStack): Promise<void> {
  const papers = readPapers(opts.data, opts.limit);
  const hasDiscipline = papers.some((p) => p.discipline !== null);
  const meili = meiliClient({ url: stack.meiliUrl, masterKey: stack.meiliKey });
  const baseUid = await buildBaseline(meili, papers);
  const result: Record<string, unknown> = { n: papers.length };
  for (const mode of MODES) result[mode === 'full' ? 'full' : 'abstractOnly'] = await measure(mode, papers, hasDiscipline, baseUid, opts, stack);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function measure(mode: Mode, papers: Paper[], hasDiscipline: boolean, baseUid: string, opts: Options, stack: BenchStack): Promise<Record<string, unknown>> {
  const n = papers.length;
  const chains = mode === 'full' ? papers.map(chainOf) : papers.map(() => NEUTRAL_CHAIN);
  log(`[${mode}] ${n} records from ${opts.data}; ${new Set(chains).size} chains`);

  const config = await createDatabase(stack, mode.replace('-', '_'));
  const ds = await openDataSource(config);
  const meili = meiliClient(config.meili);
  try {
    const ids = await loadAchievements(
      ds,
      papers.map((p, i) => ({ title: '', summary: p.abstract, keywords: mode === 'full' ? p.keywords : [], chain: chains[i] as string })),
    );
    const paperOf = new Map(ids.map((id, i) => [id, i]));
    log(`[${mode}] ${n} published achievements inserted (empty titles)`);

    const indexes = searchIndexService(config, meili, ds);
    await indexAchievements(indexes, meili, ids);

    // ---- the product's matching -------------------------------------------------------------
    // Answers are not kept (answerKeepMs 0): each query is measured as if asked for the first time.
    const search = searchService(meili, indexes, ds);
    const { catalogue } = readPorts(ds);
    // The corpus statistics every path ranks with, as the worker computes them after publication.
    const statistics = new TextStatistics(ds, catalogue);
    await statistics.refresh('achievement');
    const matching = new MatchRanker(config, ds, catalogue, search, statistics);

    const project = { title: new KnownItem(), keywords: new KnownItem() };
    const baseline = { title: new KnownItem(), keywords: new KnownItem() };
    // The quarterly run's path: the same model over a snapshot of the catalogue and its in-process index.
    const snapshot = await CatalogueSnapshot.take(catalogue, databaseClock(ds));
    await matching.settings();
    const quarterly = { title: new KnownItem(), keywords: new KnownItem() };
    const inRun = (need: NeedSide): string[] =>
      matching
        .rankSideFromSnapshot(snapshot, 'need', need, null)
        .slice(0, TOP_K)
        .map((p: Pair) => p.achievementId);
    const overlap = new TopOverlap();
    let disciplineShare = 0;
    let cutKeywordTitles = 0;
    const latencies: number[] = [];
    const misses: string[] = [];

    const rankIn = (top: string[], i: number): number => top.findIndex((id) => paperOf.get(id) === i);
    const topOf = (views: Pair[]): string[] => views.slice(0, TOP_K).map((v) => v.achievementId);

    for (const [i, p] of papers.entries()) {
      const chain = chains[i] as string;
      const t0 = performance.now();
      const byTitle = await matching.rankNeed(draftNeed(p.title, chain));
      latencies.push(performance.now() - t0);
      const rank = rankIn(topOf(byTitle), i);
      project.title.add(rank);
      const runTop = inRun(draftNeed(p.title, chain));
      quarterly.title.add(rankIn(runTop, i));
      overlap.add(topOf(byTitle), runTop);
      if (hasDiscipline) {
        const top = byTitle.slice(0, TOP_K);
        disciplineShare += top.filter((v) => papers[paperOf.get(v.achievementId) as number]?.discipline === p.discipline).length / TOP_K;
      }
      if (rank !== 0 && misses.length < opts.showMisses) misses.push(await describeMiss(i, p, byTitle, search, paperOf, papers));

      const kwTitle = keywordTitle(p.keywords);
      if (kwTitle.length < p.keywords.join(' ').length) cutKeywordTitles++;
      if (kwTitle) {
        const byKeywords = topOf(await matching.rankNeed(draftNeed(kwTitle, chain)));
        const runKeywords = inRun(draftNeed(kwTitle, chain));
        project.keywords.add(rankIn(byKeywords, i));
        quarterly.keywords.add(rankIn(runKeywords, i));
        overlap.add(byKeywords, runKeywords);
      } else {
        project.keywords.add(-1);
        quarterly.keywords.add(-1);
      }

      baseline.title.add(await baselineRank(meili, baseUid, p.title, i, TOP_K));
      baseline.keywords.add(kwTitle ? await baselineRank(meili, baseUid, kwTitle, i, TOP_K) : -1);

      if ((i + 1) % 100 === 0 || i + 1 === n) {
        log(
          `[${mode}] ${i + 1}/${n}: preview title recall@10 ${project.title.recall.toFixed(4)} mrr ${project.title.mrr.toFixed(4)}, ` +
            `keywords ${project.keywords.recall.toFixed(4)}; quarterly-run path title ${quarterly.title.recall.toFixed(4)}, keywords ${quarterly.keywords.recall.toFixed(4)}; ` +
            `top-10 overlap ${overlap.mean.toFixed(4)} (identical ${overlap.identicalShare.toFixed(4)}); baseline title ${baseline.title.recall.toFixed(4)}, keywords ${baseline.keywords.recall.toFixed(4)}`,
        );
      }
    }
    if (cutKeywordTitles) log(`${cutKeywordTitles} keyword queries cut to whole keywords within the ${ITEM_LIMITS.titleMax}-character title limit`);
    log(`[${mode}] preview latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    for (const m of misses) log(m);

    const fig = (k: KnownItem) => ({ recall10: round(k.recall, 4), mrr10: round(k.mrr, 4) });
    return {
      preview: { title: fig(project.title), keywords: fig(project.keywords), disciplineP10: hasDiscipline ? round(disciplineShare / n, 4) : null },
      quarterlyRun: { title: fig(quarterly.title), keywords: fig(quarterly.keywords) },
      top10Overlap: { mean: round(overlap.mean, 4), identical: round(overlap.identicalShare, 4), queries: overlap.count },
      baseline: { title: fig(baseline.title), keywords: fig(baseline.keywords) },
    };
  } finally {
    await ds.destroy();
  }
}

/**
 * How far two top-10 lists for the same query agree: the share of the longer list that the other
 * holds too (|A ∩ B| / max(|A|, |B|), 1 when both are empty), averaged over queries; and the share
 * of queries whose two lists are identical, order included.
 */
class TopOverlap {
  private sum = 0;
  private identical = 0;
  count = 0;

  add(a: string[], b: string[]): void {
    const inB = new Set(b);
    const longer = Math.max(a.length, b.length);
    this.sum += longer ? a.filter((id) => inB.has(id)).length / longer : 1;
    if (a.length === b.length && a.every((id, i) => id === b[i])) this.identical++;
    this.count++;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  get identicalShare(): number {
    return this.count ? this.identical / this.count : 0;
  }
}

/**
 * A title query whose paper is not first: where the paper stood in retrieval (SearchService.relevant
 * with the title, which is the grams of what preview sends for a title-only need) and after the
 * reranking, with the score breakdowns of the paper and of the top match.
 */
async function describeMiss(i: number, p: Paper, views: Pair[], search: SearchService, paperOf: Map<string, number>, papers: Paper[]): Promise<string> {
  const hits = await search.relevant('achievement', p.title, 1000);
  const retrievalRank = hits.findIndex((h) => paperOf.get(h.id) === i);
  const finalRank = views.findIndex((v) => paperOf.get(v.achievementId) === i);
  const own = views[finalRank];
  const top = views[0];
  const bd = (v: Pair | undefined) => (v ? `${v.score} ${JSON.stringify(v.breakdown)}` : '-');
  const topPaper = top ? papers[paperOf.get(top.achievementId) as number] : undefined;
  return [
    `${finalRank < 0 || finalRank >= TOP_K ? 'miss' : 'late'} (rank ${finalRank < 0 ? `> ${views.length}` : finalRank + 1}) #${i} [${p.discipline ?? '-'}] ${p.title}`,
    `    retrieval rank ${retrievalRank < 0 ? `none of ${hits.length}` : `${retrievalRank + 1} of ${hits.length}`} (score ${retrievalRank < 0 ? '-' : hits[retrievalRank]?.score.toFixed(3)}, top ${hits[0]?.score.toFixed(3) ?? '-'})`,
    `    own:  ${bd(own)}`,
    `    top:  ${bd(top)} [${topPaper?.discipline ?? '-'}] ${topPaper?.title ?? ''}`,
  ].join('\n');
}

benchMain(USAGE, parseArgs, run);
