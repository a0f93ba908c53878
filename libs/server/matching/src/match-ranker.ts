import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind, MatchingModel } from '@ztt/contracts';
import { Achievement, CatalogueItem, CatalogueReader, TechNeed } from '@ztt/catalogue';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import { SearchService } from '@ztt/search';
import { DataSource } from 'typeorm';
import { indexedTextOfRow, queryOf, sideOfRow } from './sides';
import { TextStatistics } from './text-statistics';
import { chooseTerms, documentGrams, IndexedText, queryGrams, rankTexts } from './text-relevance';
import { AchievementSide, CandidatePair, DEFAULT_WEIGHTS, MatchWeights, NeedSide, rankCandidates, RankedPair } from './scoring';
import { CatalogueSnapshot } from './snapshot';

/** How long a process keeps the matching model before reading it again (an admin may have tuned it). */
const MODEL_TTL_MS = 5_000;

/** How many candidates text relevance passes to the scoring model, on every path. */
const CANDIDATES = 100;
/**
 * On the live path, Meilisearch brings the items holding each of the ANCHORS rarest scored bigrams
 * of a query, PER_ANCHOR of them each, for text relevance to rank: the candidates the quarterly run
 * would keep must be among them for both paths to agree.
 */
const ANCHORS = 16;
const PER_ANCHOR = 40;
/** Bigrams of a query the corpus statistics do not know, asked of Meilisearch as well (at most). */
const UNKNOWN_ANCHORS = 8;
/** Scoring sides kept between calls (a few KB each with what scoring derives from them). */
const SIDE_CACHE = 20_000;

export type Pair = RankedPair;

/**
 * The one ranking of every path (ADR 0007): for a need, the achievements most likely to become a
 * deal (for an achievement, the needs). Candidates come from Meilisearch on the live path (preview,
 * publication, refresh) or from a snapshot's in-process index in the quarterly run; text relevance
 * ranks them with the corpus statistics every path shares, and the model in force (weights, top K)
 * scores and explains the best. It reads, and stores nothing: MatchingService stores and notifies;
 * the benchmarks use it as it is.
 */
@Injectable()
export class MatchRanker {
  private readonly configured: { weights: MatchWeights; topK: number };
  private weights: MatchWeights;
  private topK: number;
  private model: MatchingModel;
  private modelReadAt = 0;
  /** Scoring sides by kind/id, oldest first, with the item version they were built from. */
  private readonly sideCache = new Map<string, { version: number; side: NeedSide | AchievementSide; text: IndexedText }>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueReader,
    private readonly search: SearchService,
    private readonly statistics: TextStatistics,
  ) {
    this.configured = { weights: { ...DEFAULT_WEIGHTS, ...config.matching.weights }, topK: config.matching.topK };
    this.weights = this.configured.weights;
    this.topK = this.configured.topK;
    this.model = { ...this.configured, source: 'configuration', updatedAt: null, updatedBy: null };
  }

  /**
   * The model in force: the weights and top K an admin saved, else those from configuration
   * (MATCH_WEIGHTS, MATCH_TOP_K). Every process (API and worker) rereads it at most every few seconds.
   */
  async settings(): Promise<MatchingModel> {
    if (Date.now() - this.modelReadAt < MODEL_TTL_MS) return this.model;
    const [row] = (await this.db.query(`SELECT weights, top_k, updated_by, updated_at FROM matching_model WHERE id = 1`)) as {
      weights: MatchWeights;
      top_k: number;
      updated_by: string | null;
      updated_at: Date;
    }[];
    this.model = row
      ? { weights: { ...this.configured.weights, ...row.weights }, topK: row.top_k, source: 'admin', updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by }
      : { ...this.configured, source: 'configuration', updatedAt: null, updatedBy: null };
    this.weights = this.model.weights;
    this.topK = this.model.topK;
    this.modelReadAt = Date.now();
    return this.model;
  }

  /** Reads the model again at the next `settings()` (an admin just changed it). */
  forgetSettings(): void {
    this.modelReadAt = 0;
  }

  /** The top K of the model last read by `settings()`. */
  get keep(): number {
    return this.topK;
  }

  /**
   * The quarterly run's ranking of one item against a snapshot of the catalogue (the model in force
   * as last read by `settings()`): its candidates from the snapshot's index, scored, the best K
   * kept. `null` when the item is not in the snapshot (published or changed since it was taken).
   */
  rankFromSnapshot(snapshot: CatalogueSnapshot, kind: ItemKind, id: string): Pair[] | null {
    const side = snapshot.side(kind, id);
    return side ? this.rankSideFromSnapshot(snapshot, kind, side, id) : null;
  }

  /** `rankFromSnapshot` for any side, a draft too (`id` null): how the run would rank it. */
  rankSideFromSnapshot(snapshot: CatalogueSnapshot, kind: ItemKind, side: NeedSide | AchievementSide, id: string | null): Pair[] {
    const other: ItemKind = kind === 'need' ? 'achievement' : 'need';
    return this.topPairs(snapshot.candidates(kind, side, CANDIDATES), (cid) => candidatePair(kind, id, side, cid, snapshot.side(other, cid)));
  }

  /** The top K achievements for a need (a draft: `needId` null), scored and explained. */
  async rankNeed(need: NeedSide, needId: string | null = null): Promise<Pair[]> {
    const { ranked, sides } = await this.candidates('achievement', [queryOf(need)]);
    return this.topPairs(ranked[0] ?? [], (id) => candidatePair('need', needId, need, id, sides.get(id)));
  }

  /**
   * The top K pairs of each item (all of one kind), in the order given: their queries in one
   * multi-search, the candidates of all of them read in one query, each candidate's side built once.
   */
  async rank(kind: ItemKind, items: CatalogueItem[]): Promise<Pair[][]> {
    if (!items.length) return [];
    const other: ItemKind = kind === 'need' ? 'achievement' : 'need';
    const { ranked, sides } = await this.candidates(other, items.map(queryOf));
    return items.map((item, i) => {
      const side = kind === 'need' ? needSide(item as TechNeed) : achievementSide(item as Achievement);
      return this.topPairs(ranked[i] ?? [], (id) => candidatePair(kind, item.id, side, id, sides.get(id)));
    });
  }

  /**
   * The candidates of each query among the published items of `kind`, ranked by the text relevance
   * model of the quarterly run (text-relevance.ts) with the shared corpus statistics: Meilisearch
   * supplies them (one multi-search), their text and sides are read in one query, the bigrams'
   * document frequencies in one more. With no statistics computed yet (a new catalogue), the
   * candidates stand in for the corpus.
   */
  private async candidates(kind: ItemKind, queries: string[]): Promise<{ ranked: { id: string; score: number }[][]; sides: Map<string, NeedSide | AchievementSide> }> {
    const wanted = queries.map(queryGrams);
    const frequencies = await this.statistics.frequencies(kind, [...new Set(wanted.flatMap((w) => [...w.keys()]))]);
    // Meilisearch is asked, in one multi-search, for the items holding each of the rarest bigrams
    // of each query: a sub-query of several words finds only items holding its rarest one
    // (matching strategy `frequency`), and the items text relevance ranks highest hold the rare
    // bigrams. Bigrams the statistics do not know are asked too, a few: an item published since
    // they were computed may hold them.
    const anchors = wanted.map((w) => [
      ...chooseTerms(w, (g) => frequencies.get(g) ?? 0)
        .slice(0, ANCHORS)
        .map((t) => t.gram),
      ...[...w.keys()].filter((g) => !frequencies.has(g)).slice(0, UNKNOWN_ANCHORS),
    ]);
    const asked = [...new Set(anchors.flat())];
    const found = new Map((await this.search.relevantMany(kind, asked, PER_ANCHOR)).map((h, i) => [asked[i] as string, h]));
    const hits = anchors.map((grams) => [...new Set(grams.flatMap((g) => (found.get(g) ?? []).map((h) => h.id)))]);
    const { sides, texts } = await this.sides(kind, [...new Set(hits.flat())]);
    const stored = await this.statistics.corpus(kind);
    const grams = new Map([...texts].map(([id, text]) => [id, documentGrams(text)]));
    const ranked = hits.map((its, i) => {
      const docs = its.flatMap((id) => (grams.has(id) ? [{ id, grams: grams.get(id) as Map<string, number> }] : []));
      const corpus = stored.documents ? stored : { documents: docs.length, totalLength: docs.reduce((n, d) => n + d.grams.size, 0) };
      // A bigram a candidate holds is held by one item at least, whatever statistics computed
      // before it was published say; with current statistics this changes nothing.
      const df = (g: string) => frequencies.get(g) ?? (docs.some((d) => d.grams.has(g)) ? 1 : 0);
      return rankTexts(chooseTerms(wanted[i] as Map<string, number>, df), corpus, docs).slice(0, CANDIDATES);
    });
    return { ranked, sides };
  }

  /** Scores the retrieved candidates still published and keeps the best K with something in common. */
  private topPairs(hits: { id: string; score: number }[], pairOfHit: (id: string) => CandidatePair | undefined): Pair[] {
    return rankCandidates(hits, pairOfHit, this.weights, this.topK);
  }

  /**
   * The scoring sides of the published items among `ids`. A side once built is kept (up to
   * SIDE_CACHE items, per version of the item: any edit or transition changes the version), so the
   * scoring's work on each side is done once: a quarterly run meets each need as a candidate of
   * hundreds of achievements. Only the versions are read for items already kept.
   */
  private async sides(kind: ItemKind, ids: string[]): Promise<{ sides: Map<string, NeedSide | AchievementSide>; texts: Map<string, IndexedText> }> {
    const sides = new Map<string, NeedSide | AchievementSide>();
    const texts = new Map<string, IndexedText>();
    if (!ids.length) return { sides, texts };
    const current = await this.catalogue.publishedVersions(kind, ids);
    const missing: string[] = [];
    for (const [id, version] of current) {
      const kept = this.sideCache.get(`${kind}/${id}`);
      if (kept && kept.version === version) {
        sides.set(id, kept.side);
        texts.set(id, kept.text);
      } else missing.push(id);
    }
    if (!missing.length) return { sides, texts };
    const rows = await this.catalogue.matchingRows(kind, missing);
    for (const r of rows) {
      const side = sideOfRow(kind, r);
      const text = indexedTextOfRow(r);
      sides.set(r.id, side);
      texts.set(r.id, text);
      const key = `${kind}/${r.id}`;
      this.sideCache.delete(key);
      this.sideCache.set(key, { version: r.version, side, text });
      if (this.sideCache.size > SIDE_CACHE) this.sideCache.delete(this.sideCache.keys().next().value as string);
    }
    return { sides, texts };
  }
}

/**
 * The pair of an item (of `kind`, its id null for a draft) and a candidate of the other kind, need
 * first; undefined when the candidate is gone (no longer published).
 */
function candidatePair(
  kind: ItemKind,
  id: string | null,
  side: NeedSide | AchievementSide,
  otherId: string,
  other: NeedSide | AchievementSide | undefined,
): CandidatePair | undefined {
  if (!other) return undefined;
  return kind === 'need'
    ? { needId: id, achievementId: otherId, need: side as NeedSide, achievement: other as AchievementSide }
    : { needId: otherId, achievementId: id as string, need: other as NeedSide, achievement: side as AchievementSide };
}

export function needSide(n: TechNeed): NeedSide {
  return {
    title: n.title,
    summary: n.summary,
    keywords: n.keywords,
    chains: n.chains,
    trl: n.trl,
    cooperationModes: n.cooperationModes,
    budgetMax: n.budgetMax,
    budgetNegotiable: n.budgetNegotiable,
    region: n.region,
  };
}

function achievementSide(a: Achievement): AchievementSide {
  return {
    title: a.title,
    summary: a.summary,
    keywords: a.keywords,
    chains: a.chains,
    trl: a.trl,
    cooperationModes: a.cooperationModes,
    askingPrice: a.askingPrice,
    priceNegotiable: a.priceNegotiable,
    region: a.region,
    publishedAt: a.publishedAt,
  };
}
