/**
 * The need-quality gate (需求质量): how complete a technical need is for matching, 0–100, with
 * the list of what is missing. One pure function, used by the API (on the need, in the review
 * queue) and by the web app (live on the need form, in the match preview).
 */

/** What a well-matched need states; each check is worth its weight in the score. */
export type NeedQualityCheck = 'criteria' | 'indicators' | 'budget' | 'trl' | 'keywords' | 'summary';

export interface NeedQualityItem {
  code: NeedQualityCheck;
  /** points it adds to the score when met */
  weight: number;
  met: boolean;
}

export interface NeedQuality {
  /** 0–100: the sum of the weights of the checks met */
  score: number;
  /** every check, in the order a poster should work through them */
  checks: NeedQualityItem[];
  /** the codes of the checks not met, in the same order */
  missing: NeedQualityCheck[];
}

/** The need fields the score reads; a form being filled in may have any of them empty. */
export interface NeedQualityInput {
  summary?: string | null;
  keywords?: readonly string[] | null;
  trl?: number | null;
  budgetMin?: string | null;
  budgetMax?: string | null;
  budgetNegotiable?: boolean | null;
  acceptanceCriteria?: string | null;
}

export const NEED_QUALITY_RULES = {
  /** a summary shorter than this gives matching too few words to go on */
  summaryMin: 60,
  keywordsMin: 3,
} as const;

const WEIGHTS: Record<NeedQualityCheck, number> = { criteria: 20, indicators: 20, budget: 15, trl: 10, keywords: 15, summary: 20 };
const ORDER: NeedQualityCheck[] = ['criteria', 'indicators', 'budget', 'trl', 'keywords', 'summary'];

/** Need categories that may not be submitted without acceptance criteria: 核心技术需求 and 关键共性技术需求. */
export const NEED_CATEGORIES_REQUIRING_CRITERIA: readonly string[] = ['core', 'common-key'];

export function criteriaRequired(category: string | null | undefined): boolean {
  return !!category && NEED_CATEGORIES_REQUIRING_CRITERIA.includes(category);
}

/**
 * A number followed by a unit: "≤ 1 mg/L", "95%", "3000 吨/年", "≥ 20 ℃", "10 万次".
 * The unit is a symbol, a Latin unit (possibly per something) or a Chinese measure word.
 */
const QUANTITY =
  /\d+(?:\.\d+)?\s*(?:%|‰|℃|°C?|[A-Za-zμΩ]+(?:\s*\/\s*[A-Za-z0-9²³]+)*|[个次天日小时分钟秒年月周台套吨千克公斤克斤毫米厘米公里米升元万亿件项家人株尾亩倍级度瓦伏安篇]+(?:\s*\/\s*[^\s\d，,；;。]{1,3})?)/u;

/** The lines of acceptance criteria that state a measurable indicator: a figure with its unit. */
export function quantifiedIndicators(criteria: string | null | undefined): string[] {
  return (criteria ?? '')
    .split(/[\n；;]+/)
    .map((l) => l.trim())
    .filter((l) => QUANTITY.test(l));
}

export function needQuality(n: NeedQualityInput): NeedQuality {
  const criteria = (n.acceptanceCriteria ?? '').trim();
  const keywords = (n.keywords ?? []).map((k) => k.trim()).filter(Boolean);
  const met: Record<NeedQualityCheck, boolean> = {
    criteria: criteria.length > 0,
    indicators: quantifiedIndicators(criteria).length > 0,
    budget: n.budgetNegotiable !== true && !!n.budgetMin && !!n.budgetMax,
    trl: Number.isInteger(n.trl) && (n.trl as number) >= 1 && (n.trl as number) <= 9,
    keywords: new Set(keywords).size >= NEED_QUALITY_RULES.keywordsMin,
    // Characters, not bytes or words: Chinese has no spaces to count.
    summary: [...(n.summary ?? '').trim()].length >= NEED_QUALITY_RULES.summaryMin,
  };
  const checks = ORDER.map((code) => ({ code, weight: WEIGHTS[code], met: met[code] }));
  return {
    score: checks.reduce((s, c) => s + (c.met ? c.weight : 0), 0),
    checks,
    missing: checks.filter((c) => !c.met).map((c) => c.code),
  };
}

export interface SuggestedIndicator {
  'zh-CN': string;
  en: string;
}

/**
 * Indicator templates per need category, offered as one-click additions to the acceptance
 * criteria. The poster fills in the figure (＿).
 */
export const SUGGESTED_INDICATORS: Record<string, SuggestedIndicator[]> = {
  core: [
    { 'zh-CN': '关键性能指标达到 ＿（单位）', en: 'Key performance indicator reaches ＿ (unit)' },
    { 'zh-CN': '核心部件国产化率 ≥ ＿ %', en: 'Domestic share of core components ≥ ＿ %' },
    { 'zh-CN': '连续稳定运行 ≥ ＿ 小时', en: 'Runs stably for ≥ ＿ hours' },
    { 'zh-CN': '取得发明专利 ≥ ＿ 项', en: 'Invention patents obtained ≥ ＿' },
  ],
  'common-key': [
    { 'zh-CN': '生产成本降低 ≥ ＿ %', en: 'Production cost reduced by ≥ ＿ %' },
    { 'zh-CN': '能耗降低 ≥ ＿ %', en: 'Energy use reduced by ≥ ＿ %' },
    { 'zh-CN': '在 ≥ ＿ 家企业示范应用', en: 'Demonstrated in ≥ ＿ enterprises' },
    { 'zh-CN': '产品合格率 ≥ ＿ %', en: 'Product pass rate ≥ ＿ %' },
  ],
  frontier: [
    { 'zh-CN': '完成原理样机 ＿ 台', en: 'Proof-of-principle prototypes built: ＿' },
    { 'zh-CN': '技术成熟度提升至 TRL ＿ 级', en: 'Technology readiness raised to TRL ＿' },
    { 'zh-CN': '发表高水平论文 ≥ ＿ 篇', en: 'High-level papers published ≥ ＿' },
  ],
};
