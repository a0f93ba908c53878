import { hundredths, industryOfChain, Locale, MATCH_FEATURES, MatchBreakdown, MatchExplanation, MatchFeature, TAXONOMY } from '@ztt/contracts';
import { grams, normalise, synonymVariants } from '@ztt/search';
import { IntSet } from './int-set';

/** The need side of a pairing: a published need, or a draft being previewed. */
export interface NeedSide {
  title: string;
  summary: string;
  keywords: string[];
  chains: string[];
  trl: number | null;
  cooperationModes: string[];
  budgetMax: string | null;
  budgetNegotiable: boolean;
  region: string | null;
}

export interface AchievementSide {
  title: string;
  summary: string;
  keywords: string[];
  chains: string[];
  trl: number;
  cooperationModes: string[];
  askingPrice: string | null;
  priceNegotiable: boolean;
  region: string;
  publishedAt: Date | null;
}

export type MatchWeights = Record<MatchFeature, number>;

/**
 * Default weights (sum 1): text relevance carries most, then the industry chain; the rest refine.
 * Override with MATCH_WEIGHTS, a JSON object of the same keys (see README).
 */
export const DEFAULT_WEIGHTS: MatchWeights = { text: 0.4, chain: 0.15, keywords: 0.1, trl: 0.1, mode: 0.1, budget: 0.05, region: 0.05, freshness: 0.05 };

/** Modes that can serve each other even when not the same (e.g. 技术许可 for a 技术转让 need). */
const MODE_AFFINITY: Record<string, string[]> = {
  'commissioned-dev': ['joint-dev', 'service', 'consulting'],
  'joint-dev': ['commissioned-dev', 'joint-platform'],
  transfer: ['license', 'equity', 'use-first-pay-later'],
  license: ['transfer', 'use-first-pay-later'],
  equity: ['transfer'],
  'use-first-pay-later': ['transfer', 'license'],
  consulting: ['service', 'commissioned-dev'],
  service: ['consulting', 'commissioned-dev'],
  'joint-platform': ['joint-dev', 'talent'],
  talent: ['joint-platform'],
};

const OUTSIDE = new Set(TAXONOMY.regions.filter((r) => r.outside).map((r) => r.code));
const PARTNERS = new Set(['gba', 'hainan', 'maoming']);

/** Two-character words too common in listings to count as a shared term on their own. */
const COMMON = new Set(['技术', '需求', '研究', '开发', '应用', '系统', '工艺', '方法', '项目', '合作', '提升', '优化', '设计', '研发', '装置', '设备']);

/**
 * A piece of title that ends on a joining word (锁鲜与品质 → 鲜与) or starts on one is a cut
 * through two words, not a term: naming it in a reason reads as noise.
 */
const JOINS_AT_END = new Set(['与', '和', '及', '的', '之', '或']);
const JOINS_AT_START = new Set(['与', '的', '之', '或']);
const cutThroughWords = (piece: string) => JOINS_AT_END.has(piece.slice(-1)) || JOINS_AT_START.has(piece.slice(0, 1));

/**
 * What scoring derives from one side alone, worked out once per side object: a quarterly run scores
 * each need against ~100 achievements and each achievement against many needs. Sides are plain
 * values and are not changed after they are built, so a side object always gives the same result.
 */
const needPrep = new WeakMap<
  NeedSide,
  { keywordVariants: string[][]; titleChars: string[]; titlePairs: TitlePair[]; titleGrams: TitleGram[]; budget: bigint | null; budget3?: bigint }
>();
/**
 * `gramsExact`: whether grams() reads `text` as it is (it is normalised already, as it always is
 * unless normalising twice changes it). Then the bigrams of its CJK runs are found in `text`
 * itself and only its other grams are kept (`otherGrams`, a few); else all its grams (`grams`).
 */
const achievementPrep = new WeakMap<
  AchievementSide,
  { text: string; price: bigint | null; price2?: bigint; gramsExact?: boolean; otherGrams?: Set<string>; grams?: Set<string> }
>();

/** A distinct gram of a need's title, and whether it is a bigram of a CJK run (see holdsTitleGram). */
interface TitleGram {
  gram: string;
  cjkPair: boolean;
  /** neighbourKey of its two characters (a CJK pair only) */
  key: number;
}

/** A character of a CJK run, as grams() of @ztt/search reads text (the same ranges). */
const CJK_CHAR = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
const isCjkPair = (g: string) => g.length === 2 && CJK_CHAR.test(g[0] as string) && CJK_CHAR.test(g[1] as string);

function titleGramsOf(title: string): TitleGram[] {
  return [...new Set(grams(title))].map((gram) => {
    const cjkPair = isCjkPair(gram);
    return { gram, cjkPair, key: cjkPair ? neighbourKey(gram.charCodeAt(0), gram.charCodeAt(1)) : 0 };
  });
}

function prepNeed(need: NeedSide) {
  let p = needPrep.get(need);
  if (!p) {
    const titleChars = Array.from(normalise(need.title).replace(/[^\p{L}\p{N}]+/gu, ''));
    p = {
      keywordVariants: need.keywords.map((k) => synonymVariants(k)),
      titleChars,
      titlePairs: titlePairsOf(titleChars),
      titleGrams: titleGramsOf(need.title),
      budget: need.budgetNegotiable || !need.budgetMax ? null : hundredths(need.budgetMax),
    };
    needPrep.set(need, p);
  }
  return p;
}

function prepAchievement(a: AchievementSide) {
  let p = achievementPrep.get(a);
  if (!p) {
    // Kept for every achievement of a quarterly run: when it reads as the summary alone (no title
    // or keywords), the summary's own string, not a copy.
    const text = textOf(a);
    p = { text: text === a.summary ? a.summary : text, price: a.priceNegotiable || !a.askingPrice ? null : hundredths(a.askingPrice) };
    achievementPrep.set(a, p);
  }
  return p;
}

/** Two neighbouring code units as one 32-bit integer (exactly: no two pairs share one). */
const neighbourKey = (a: number, b: number) => (a << 16) | b;

/** Where two neighbouring characters of a title meet: the code unit ending the first and the one starting the second. */
interface TitlePair {
  /** the two code units, as a string and as a neighbourKey */
  units: string;
  key: number;
  /** the title characters (indexes) the pair starts at */
  at: number[];
}

/** Where each two neighbouring characters of the title meet: any text holding a piece of the title holds these too. */
function titlePairsOf(chars: string[]): TitlePair[] {
  const pairs = new Map<number, TitlePair>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as string;
    const [u, v] = [a.charCodeAt(a.length - 1), (chars[i + 1] as string).charCodeAt(0)];
    const key = neighbourKey(u, v);
    const pair = pairs.get(key);
    if (pair) pair.at.push(i);
    else pairs.set(key, { units: String.fromCharCode(u, v), key, at: [i] });
  }
  return [...pairs.values()];
}

/**
 * Every two neighbouring code units of a text, as a set of neighbourKeys: when one achievement is
 * scored against many needs (its candidates), built once for all of them.
 */
function textNeighbours(text: string): IntSet {
  const keys = new Int32Array(Math.max(0, text.length - 1));
  for (let j = 0; j + 1 < text.length; j++) keys[j] = neighbourKey(text.charCodeAt(j), text.charCodeAt(j + 1));
  return new IntSet(keys);
}

const anyOf = (flags: boolean[], from: number, to: number) => {
  for (let i = from; i < to; i++) if (flags[i]) return true;
  return false;
};
const allOf = (flags: boolean[], from: number, to: number) => {
  for (let i = from; i < to; i++) if (!flags[i]) return false;
  return true;
};

function textOf(a: { title: string; keywords: string[]; summary: string }): string {
  return normalise(`${a.title} ${a.keywords.join(' ')} ${a.summary}`);
}

/** Terms of the need (keywords, their synonyms, and title phrases) found in the achievement's text. */
export function sharedTerms(need: NeedSide, achievement: AchievementSide, max = 5): string[] {
  return termsShared(need, achievement, max);
}

/** sharedTerms; `neighbours`, when given, holds the neighbouring code units of the achievement's text (textNeighbours). */
function termsShared(need: NeedSide, achievement: AchievementSide, max: number, neighbours?: IntSet): string[] {
  const a = prepAchievement(achievement);
  const hay = a.text;
  const prep = prepNeed(need);
  const found: string[] = [];
  const add = (t: string) => {
    if (t.length >= 2 && !found.some((f) => f.includes(t) || t.includes(f))) found.push(t);
  };
  for (const variants of prep.keywordVariants) {
    const hit = variants.find((v) => hay.includes(v));
    if (hit) add(hit);
  }
  // The longest pieces of the title (6 down to 2 characters) that the achievement also uses,
  // never overlapping one another, and none already said by a keyword.
  const title = prep.titleChars;
  const used = new Array<boolean>(title.length).fill(false);
  // A piece can only be in the text if each two neighbouring characters of it are: a cheap test
  // that spares most substring searches.
  const pairIn = new Array<boolean>(title.length).fill(false);
  for (const p of prep.titlePairs) if (neighbours ? neighbours.has(p.key) : hay.includes(p.units)) for (const i of p.at) pairIn[i] = true;
  for (let len = Math.min(6, title.length); len >= 2 && found.length < max; len--) {
    for (let i = 0; i + len <= title.length && found.length < max; i++) {
      if (anyOf(used, i, i + len) || !allOf(pairIn, i, i + len - 1)) continue;
      const piece = title.slice(i, i + len).join('');
      if (COMMON.has(piece) || cutThroughWords(piece) || !hay.includes(piece)) continue;
      for (let j = i; j < i + len; j++) used[j] = true;
      add(piece);
    }
  }
  return found.slice(0, max);
}

/**
 * Whether grams(a.text) holds a gram of the need's title. A bigram of a CJK run is in the grams of
 * a normalised text exactly when the text contains it (every two neighbouring CJK characters are
 * one of its bigrams), looked up in `neighbours` when given (textNeighbours). The other grams (Latin
 * words, numbers, lone characters) are whole tokens, kept per achievement. A quarterly run scores
 * each achievement against many needs, and a set of all its grams, per achievement, held for the
 * whole run, cost gigabytes.
 */
function holdsTitleGram(a: ReturnType<typeof prepAchievement>, t: TitleGram, neighbours: IntSet | undefined): boolean {
  if (!(a.gramsExact ??= normalise(a.text) === a.text)) return (a.grams ??= new Set(grams(a.text))).has(t.gram);
  if (t.cjkPair) return neighbours ? neighbours.has(t.key) : a.text.includes(t.gram);
  return (a.otherGrams ??= new Set(grams(a.text).filter((g) => !isCjkPair(g)))).has(t.gram);
}

/** `keys`, when given, holds the neighbouring code units of `a`'s text (textNeighbours), for quicker lookups. */
function keywordScore(need: NeedSide, prep: ReturnType<typeof prepNeed>, a: ReturnType<typeof prepAchievement>, keys?: IntSet): number {
  if (!need.keywords.length) {
    const g = prep.titleGrams;
    if (!g.length) return 0;
    let found = 0;
    for (const t of g) if (holdsTitleGram(a, t, keys)) found++;
    return found / g.length;
  }
  const hay = a.text;
  let found = 0;
  for (const variants of prep.keywordVariants) {
    for (const v of variants) {
      if (hay.includes(v)) {
        found++;
        break;
      }
    }
  }
  return found / need.keywords.length;
}

function trlScore(needTrl: number | null, achTrl: number): number {
  if (needTrl === null) return 0.5;
  if (achTrl >= needTrl) return 1;
  return Math.max(0, 1 - (needTrl - achTrl) / 4);
}

function modeScore(need: string[], ach: string[]): number {
  if (need.some((m) => ach.includes(m))) return 1;
  if (need.some((m) => (MODE_AFFINITY[m] ?? []).some((x) => ach.includes(x)))) return 0.5;
  return need.length && ach.length ? 0 : 0.5;
}

function budgetScore(need: NeedSide, ach: AchievementSide): { score: number; within: boolean | null } {
  const score = budgetFeature(prepNeed(need), prepAchievement(ach));
  return { score, within: score === 0.6 ? null : score === 1 };
}

/** The budget feature: 1 when the price is within the budget, 0.5 up to half above it, else 0.1; 0.6 when either is open. */
function budgetFeature(need: { budget: bigint | null; budget3?: bigint }, ach: { price: bigint | null; price2?: bigint }): number {
  const budget = need.budget;
  const price = ach.price;
  if (budget === null || price === null) return 0.6;
  if (price <= budget) return 1;
  if ((ach.price2 ??= price * 2n) <= (need.budget3 ??= budget * 3n)) return 0.5;
  return 0.1;
}

function regionScore(needRegion: string | null, achRegion: string): number {
  if (!needRegion) return 0.7;
  if (needRegion === achRegion) return 1;
  if (!OUTSIDE.has(achRegion)) return 0.8;
  return PARTNERS.has(achRegion) ? 0.6 : 0.4;
}

function freshnessScore(publishedAt: Date | null, now: Date): number {
  if (!publishedAt) return 1;
  const years = (now.getTime() - publishedAt.getTime()) / (365 * 86_400_000);
  return years <= 1 ? 1 : Math.max(0.3, 1 - (years - 1) * 0.35);
}

export interface Scored {
  score: number;
  breakdown: MatchBreakdown;
  explanation: MatchExplanation;
}

/** A pair's score and rounded breakdown, without its explanation (see `explainPair`). */
export interface Features {
  score: number;
  breakdown: MatchBreakdown;
}

/** What scoring derives from a side's chains, worked out once per side object. */
const industriesOf = new WeakMap<string[], Set<string>>();
function industries(chains: string[]): Set<string> {
  let out = industriesOf.get(chains);
  if (!out) {
    out = new Set(chains.map(industryOfChain));
    industriesOf.set(chains, out);
  }
  return out;
}

/**
 * The score of one pair and its breakdown. `text` is the retrieval relevance already scaled to
 * [0, 1]. The score does not depend on the explanation, so ranking many candidates needs only
 * this; the explanation is worked out for the pairs kept.
 */
export function scoreFeatures(need: NeedSide, ach: AchievementSide, text: number, weights: MatchWeights = DEFAULT_WEIGHTS, now = new Date()): Features {
  return features(need, ach, text, weights, now);
}

/** scoreFeatures; `keys`, when given, holds the neighbouring code units of `ach`'s text (textNeighbours). */
function features(need: NeedSide, ach: AchievementSide, text: number, weights: MatchWeights, now: Date, keys?: IntSet): Features {
  const np = prepNeed(need);
  const ap = prepAchievement(ach);
  let chain = 0;
  for (const c of ach.chains) {
    if (need.chains.includes(c)) {
      chain = 1;
      break;
    }
    if (industries(need.chains).has(industryOfChain(c))) chain = 0.5;
  }
  const raw: MatchBreakdown = {
    text: clamp(text),
    chain,
    keywords: clamp(keywordScore(need, np, ap, keys)),
    trl: trlScore(need.trl, ach.trl),
    mode: modeScore(need.cooperationModes, ach.cooperationModes),
    budget: budgetFeature(np, ap),
    region: regionScore(need.region, ach.region),
    freshness: freshnessScore(ach.publishedAt, now),
  };
  let total = 0;
  let sum = 0;
  for (const f of MATCH_FEATURES) {
    total += raw[f] * weights[f];
    sum += weights[f];
  }
  raw.text = round4(raw.text);
  raw.keywords = round4(raw.keywords);
  raw.trl = round4(raw.trl);
  raw.freshness = round4(raw.freshness);
  return { score: round4(total / sum), breakdown: raw };
}

/** What matched in a pair, for its reason: shared terms, chains, TRL, modes, budget and region. */
export function explainPair(need: NeedSide, ach: AchievementSide): MatchExplanation {
  return explain(need, ach);
}

/** explainPair; `keys`, when given, holds the neighbouring code units of `ach`'s text (textNeighbours). */
function explain(need: NeedSide, ach: AchievementSide, keys?: IntSet): MatchExplanation {
  const needIndustries = industries(need.chains);
  return {
    sharedTerms: termsShared(need, ach, 5, keys),
    sharedChains: need.chains.filter((c) => ach.chains.includes(c)),
    sharedIndustries: [...new Set(ach.chains.map(industryOfChain).filter((i) => needIndustries.has(i)))],
    needTrl: need.trl,
    achievementTrl: ach.trl,
    sharedModes: need.cooperationModes.filter((m) => ach.cooperationModes.includes(m)),
    withinBudget: budgetScore(need, ach).within,
    sameRegion: !!need.region && need.region === ach.region,
  };
}

/** Scores one pair and explains it. `text` is the retrieval relevance already scaled to [0, 1]. */
export function scorePair(need: NeedSide, ach: AchievementSide, text: number, weights: MatchWeights = DEFAULT_WEIGHTS, now = new Date()): Scored {
  return { ...scoreFeatures(need, ach, text, weights, now), explanation: explainPair(need, ach) };
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const label = (list: { code: string; label: string; en?: string }[], code: string, locale: Locale) => {
  const item = list.find((x) => x.code === code);
  return item ? (locale === 'en' && item.en ? item.en : item.label) : code;
};
const CHAINS = TAXONOMY.industries.flatMap((i) => i.chains);

/** The reason in plain language, naming what matched. */
export function reasonText(e: MatchExplanation, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const parts: string[] = [];
  if (e.sharedTerms.length) parts.push(zh ? `共同技术词：${e.sharedTerms.join('、')}` : `shared terms: ${e.sharedTerms.join(', ')}`);
  if (e.sharedChains.length) {
    const names = e.sharedChains.map((c) => label(CHAINS, c, locale));
    parts.push(zh ? `同属产业链：${names.join('、')}` : `same industry chain: ${names.join(', ')}`);
  } else if (e.sharedIndustries.length) {
    const names = e.sharedIndustries.map((c) => label(TAXONOMY.industries, c, locale));
    parts.push(zh ? `同属产业：${names.join('、')}` : `same industry: ${names.join(', ')}`);
  }
  if (e.needTrl !== null) {
    if (e.achievementTrl >= e.needTrl)
      parts.push(zh ? `成熟度 TRL ${e.achievementTrl} 达到需求的 TRL ${e.needTrl}` : `TRL ${e.achievementTrl} meets the required TRL ${e.needTrl}`);
    else parts.push(zh ? `成熟度 TRL ${e.achievementTrl} 低于需求的 TRL ${e.needTrl}` : `TRL ${e.achievementTrl} is below the required TRL ${e.needTrl}`);
  }
  if (e.sharedModes.length) {
    const names = e.sharedModes.map((m) => label(TAXONOMY.cooperationModes, m, locale));
    parts.push(zh ? `合作方式一致：${names.join('、')}` : `cooperation mode: ${names.join(', ')}`);
  }
  if (e.withinBudget === true) parts.push(zh ? '报价在预算内' : 'price within budget');
  if (e.withinBudget === false) parts.push(zh ? '报价高于预算' : 'price above budget');
  if (e.sameRegion) parts.push(zh ? '同一地区' : 'same region');
  return parts.length ? parts.join(zh ? '；' : '; ') : zh ? '文本内容相关' : 'related text';
}

/** A candidate pair as ranking meets it: the ids of its two sides and the sides themselves. */
export interface CandidatePair {
  needId: string | null;
  achievementId: string;
  need: NeedSide;
  achievement: AchievementSide;
}

export interface RankedPair extends Scored {
  needId: string | null;
  achievementId: string;
}

/**
 * The best `topK` pairs of retrieved candidates (retrieval score first, best first): each scored,
 * with its text relevance scaled to the best candidate's, and explained only as far down the
 * ranking as needed (the explanation is the costly part and does not change the score). A pair
 * with nothing in common — no shared term, chain or keyword — is not proposed, however well TRL,
 * mode, region or budget line up: those refine a match, they do not make one.
 */
export function rankCandidates(
  hits: { id: string; score: number }[],
  pairOfHit: (id: string) => CandidatePair | undefined,
  weights: MatchWeights,
  topK: number,
  now = new Date(),
): RankedPair[] {
  if (!hits.length) return [];
  const best = hits[0]?.score || 1;
  const scored: { p: CandidatePair; f: Features }[] = [];
  // An achievement's candidates are needs, all paired with that one achievement: the neighbouring
  // code units of its text go in a hash set once, for each need's title to be looked up in.
  let first: AchievementSide | undefined;
  let keys: IntSet | undefined;
  const keysFor = (a: AchievementSide) => (a === first ? keys : undefined);
  for (const h of hits) {
    const p = pairOfHit(h.id);
    if (!p) continue;
    if (first === undefined) first = p.achievement;
    else if (p.achievement === first) keys ??= textNeighbours(prepAchievement(first).text);
    scored.push({ p, f: features(p.need, p.achievement, h.score / best, weights, now, keysFor(p.achievement)) });
  }
  scored.sort((x, y) => y.f.score - x.f.score);
  const out: RankedPair[] = [];
  for (const { p, f } of scored) {
    if (out.length >= topK) break;
    const explanation = explain(p.need, p.achievement, keysFor(p.achievement));
    if (!explanation.sharedTerms.length && !f.breakdown.chain && !f.breakdown.keywords) continue;
    out.push({ needId: p.needId, achievementId: p.achievementId, score: f.score, breakdown: f.breakdown, explanation });
  }
  return out;
}
