import { industryOfChain, Locale, MATCH_FEATURES, MatchBreakdown, MatchExplanation, MatchFeature, TAXONOMY } from '@ztt/contracts';
import { grams, normalise, synonymVariants } from '@ztt/search';

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
const needPrep = new WeakMap<NeedSide, { keywordVariants: string[][]; titleChars: string[]; titlePairs: Map<number, number[]>; titleGrams: Set<string>; budget: bigint | null }>();
const achievementPrep = new WeakMap<AchievementSide, { text: string; price: bigint | null; grams?: Set<string>; neighbours?: Int32Array }>();

function prepNeed(need: NeedSide) {
  let p = needPrep.get(need);
  if (!p) {
    const titleChars = Array.from(normalise(need.title).replace(/[^\p{L}\p{N}]+/gu, ''));
    p = {
      keywordVariants: need.keywords.map((k) => synonymVariants(k)),
      titleChars,
      titlePairs: neighbourKeys(titleChars),
      titleGrams: new Set(grams(need.title)),
      budget: need.budgetNegotiable || !need.budgetMax ? null : fenOf(need.budgetMax),
    };
    needPrep.set(need, p);
  }
  return p;
}

function prepAchievement(a: AchievementSide) {
  let p = achievementPrep.get(a);
  if (!p) {
    p = { text: textOf(a), price: a.priceNegotiable || !a.askingPrice ? null : fenOf(a.askingPrice) };
    achievementPrep.set(a, p);
  }
  return p;
}

/**
 * Two neighbouring code units as one small integer (different pairs may share one: the test it
 * serves only needs "absent" to be certain).
 */
const neighbourKey = (a: number, b: number) => ((a & 0x7fff) << 15) | (b & 0x7fff);

/**
 * Where each two neighbouring characters of the title meet (the code unit ending the first and the
 * one starting the second): any text holding a piece of the title holds these too.
 */
function neighbourKeys(chars: string[]): Map<number, number[]> {
  const keys = new Map<number, number[]>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as string;
    const key = neighbourKey(a.charCodeAt(a.length - 1), (chars[i + 1] as string).charCodeAt(0));
    keys.set(key, [...(keys.get(key) ?? []), i]);
  }
  return keys;
}

/**
 * Every two neighbouring code units of a text (see neighbourKey), sorted and distinct: a quarterly
 * run keeps this for every achievement, so a typed array (4 bytes a key) rather than a Set.
 */
function textNeighbours(text: string): Int32Array {
  const keys = new Int32Array(Math.max(0, text.length - 1));
  for (let j = 0; j + 1 < text.length; j++) keys[j] = neighbourKey(text.charCodeAt(j), text.charCodeAt(j + 1));
  keys.sort();
  let n = 0;
  for (let j = 0; j < keys.length; j++) if (n === 0 || keys[j] !== keys[n - 1]) keys[n++] = keys[j] as number;
  return keys.slice(0, n);
}

/** Whether sorted `keys` holds `key` (binary search). */
function holds(keys: Int32Array, key: number): boolean {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid] as number;
    if (k === key) return true;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
  const neighbours = (a.neighbours ??= textNeighbours(hay));
  const pairIn = new Array<boolean>(title.length).fill(false);
  for (const [key, at] of prep.titlePairs) if (holds(neighbours, key)) for (const i of at) pairIn[i] = true;
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

function keywordScore(need: NeedSide, achievement: AchievementSide): number {
  const prep = prepNeed(need);
  if (!need.keywords.length) {
    const g = prep.titleGrams;
    if (!g.size) return 0;
    const a = prepAchievement(achievement);
    const hay = (a.grams ??= new Set(grams(a.text)));
    return [...g].filter((x) => hay.has(x)).length / g.size;
  }
  const hay = prepAchievement(achievement).text;
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

/** Exact decimal comparison of two 万元 amounts (strings with up to 2 decimals). */
export function fenOf(wan: string): bigint {
  const [int = '0', frac = ''] = wan.split('.');
  return BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
}

function budgetScore(need: NeedSide, ach: AchievementSide): { score: number; within: boolean | null } {
  const budget = prepNeed(need).budget;
  const price = prepAchievement(ach).price;
  if (budget === null || price === null) return { score: 0.6, within: null };
  if (price <= budget) return { score: 1, within: true };
  if (price * 2n <= budget * 3n) return { score: 0.5, within: false };
  return { score: 0.1, within: false };
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
  const needIndustries = industries(need.chains);
  let chain = 0;
  for (const c of ach.chains) {
    if (need.chains.includes(c)) {
      chain = 1;
      break;
    }
    if (needIndustries.has(industryOfChain(c))) chain = 0.5;
  }
  const raw: MatchBreakdown = {
    text: clamp(text),
    chain,
    keywords: clamp(keywordScore(need, ach)),
    trl: trlScore(need.trl, ach.trl),
    mode: modeScore(need.cooperationModes, ach.cooperationModes),
    budget: budgetScore(need, ach).score,
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
  const needIndustries = industries(need.chains);
  return {
    sharedTerms: sharedTerms(need, ach),
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
    if (e.achievementTrl >= e.needTrl) parts.push(zh ? `成熟度 TRL ${e.achievementTrl} 达到需求的 TRL ${e.needTrl}` : `TRL ${e.achievementTrl} meets the required TRL ${e.needTrl}`);
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
  for (const h of hits) {
    const p = pairOfHit(h.id);
    if (p) scored.push({ p, f: scoreFeatures(p.need, p.achievement, h.score / best, weights, now) });
  }
  scored.sort((x, y) => y.f.score - x.f.score);
  const out: RankedPair[] = [];
  for (const { p, f } of scored) {
    if (out.length >= topK) break;
    const explanation = explainPair(p.need, p.achievement);
    if (!explanation.sharedTerms.length && !f.breakdown.chain && !f.breakdown.keywords) continue;
    out.push({ needId: p.needId, achievementId: p.achievementId, score: f.score, breakdown: f.breakdown, explanation });
  }
  return out;
}
