/** Matching (精准匹配): need ↔ achievement pairs with an explained score. */
export enum MatchStatus {
  Proposed = 'proposed',
  Seen = 'seen',
  Contacted = 'contacted',
  Deal = 'deal',
  Dismissed = 'dismissed',
}

/** 不相关 / 已有合作 / 成熟度不够 / 价格不合适 / 其他 */
export const DISMISS_REASONS = ['irrelevant', 'existing-partner', 'immature', 'price', 'other'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

/** 有用 / 没用: a person's verdict on a match, apart from its status. */
export const MATCH_FEEDBACK = ['useful', 'not-useful'] as const;
export type MatchFeedback = (typeof MATCH_FEEDBACK)[number];

export const MATCH_FEATURES = ['text', 'chain', 'keywords', 'trl', 'mode', 'budget', 'region', 'freshness'] as const;
export type MatchFeature = (typeof MATCH_FEATURES)[number];

/** Each feature in [0, 1]; the total is their weighted sum with the configured weights. */
export type MatchBreakdown = Record<MatchFeature, number>;

/** What matched, in data form, so the reason can be told in either language. */
export interface MatchExplanation {
  sharedTerms: string[];
  sharedChains: string[];
  sharedIndustries: string[];
  needTrl: number | null;
  achievementTrl: number;
  sharedModes: string[];
  withinBudget: boolean | null;
  sameRegion: boolean;
}

export interface MatchView {
  id: string | null;
  needId: string | null;
  achievementId: string;
  score: number;
  breakdown: MatchBreakdown;
  /** plain-language reason in the reader's language */
  reason: string;
  explanation: MatchExplanation;
  status: MatchStatus;
  dismissReason: DismissReason | null;
  /** the other side of the pair, public fields only */
  counterpart: { id: string; kind: 'need' | 'achievement'; title: string; ownerOrgName: string; region: string; trl: number };
  createdAt: string | null;
  /** the need side, on views that show whole pairs (the broker's workbench) */
  need?: { id: string; title: string; ownerOrgName: string };
  brokerId?: string | null;
  /** the reader's own verdict, and how many people found it useful / not useful */
  myFeedback?: MatchFeedback | null;
  feedback?: { useful: number; notUseful: number };
}

export interface BrokerProfileView {
  userId: string;
  displayName: string;
  email: string;
  chains: string[];
  regions: string[];
  capacity: number;
  active: boolean;
  /** matches assigned and still open (proposed, seen, contacted) */
  openMatches: number;
}

/** Matching efficiency for one quarter (matches created in it). */
export interface MatchingMetrics {
  quarter: string;
  proposed: number;
  seen: number;
  contacted: number;
  deal: number;
  dismissed: number;
  dismissedByReason: Record<string, number>;
  total: number;
  /** matches someone marked useful / not useful */
  useful: number;
  notUseful: number;
}

/** The matching model in force: weights and top K, from configuration unless an admin tuned them. */
export interface MatchingModel {
  weights: Record<MatchFeature, number>;
  topK: number;
  source: 'configuration' | 'admin';
  updatedAt: string | null;
  updatedBy: string | null;
}

export const MATCH_FEATURE_LABELS: Record<MatchFeature, { 'zh-CN': string; en: string }> = {
  text: { 'zh-CN': '文本相关度', en: 'Text relevance' },
  chain: { 'zh-CN': '产业链', en: 'Industry chain' },
  keywords: { 'zh-CN': '技术关键词', en: 'Keywords' },
  trl: { 'zh-CN': '成熟度匹配', en: 'TRL fit' },
  mode: { 'zh-CN': '合作方式', en: 'Cooperation mode' },
  budget: { 'zh-CN': '预算与报价', en: 'Budget vs price' },
  region: { 'zh-CN': '地区', en: 'Region' },
  freshness: { 'zh-CN': '时效', en: 'Freshness' },
};

/** A quarterly matching run (one per quarter): GET/POST /api/admin/matching/runs. */
export type MatchRunStatus = 'running' | 'completed' | 'failed';

export interface MatchRunSummary {
  needs?: number;
  achievements?: number;
  /** pairs written (new or refreshed) by the run */
  matches?: number;
  /** new matches handed to each broker during the run, by broker user id */
  brokers?: Record<string, number>;
  /** brokers sent a digest */
  digests?: number;
}

export interface MatchRunView {
  id: string;
  quarter: string;
  status: MatchRunStatus;
  total: number;
  processed: number;
  errors: number;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  summary: MatchRunSummary;
}
