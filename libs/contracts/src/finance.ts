/**
 * 科技金融 (technology finance): an organisation asks for money for an achievement, a need-side
 * project or a deal (a financing request); banks, funds, guarantors and insurers (organisations of
 * type `finance`) describe what they fund (a finance profile); the platform matches both ways with
 * reasons; a finance member watches and expresses interest; a broker runs the conversation as a
 * financing deal up to `closed` (financing arranged).
 */

type Labels = Record<string, { 'zh-CN': string; en: string }>;

/** 股权投资 / 贷款 / 知识产权质押 / 保险 / 政府资助·补助 */
export const FINANCING_INSTRUMENTS = ['equity', 'loan', 'ip_pledge', 'insurance', 'grant'] as const;
export type FinancingInstrument = (typeof FINANCING_INSTRUMENTS)[number];
export const FINANCING_INSTRUMENT_LABELS: Labels = {
  equity: { 'zh-CN': '股权投资', en: 'Equity investment' },
  loan: { 'zh-CN': '贷款', en: 'Loan' },
  ip_pledge: { 'zh-CN': '知识产权质押', en: 'IP-pledge financing' },
  insurance: { 'zh-CN': '保险', en: 'Insurance' },
  grant: { 'zh-CN': '政府资助·补助', en: 'Government grant or subsidy' },
};

/** 种子期 / 初创期 / 成长期 / 扩张期 / 拟上市 */
export const FINANCING_STAGES = ['seed', 'startup', 'growth', 'expansion', 'pre_ipo'] as const;
export type FinancingStage = (typeof FINANCING_STAGES)[number];
export const FINANCING_STAGE_LABELS: Labels = {
  seed: { 'zh-CN': '种子期', en: 'Seed' },
  startup: { 'zh-CN': '初创期', en: 'Start-up' },
  growth: { 'zh-CN': '成长期', en: 'Growth' },
  expansion: { 'zh-CN': '扩张期', en: 'Expansion' },
  pre_ipo: { 'zh-CN': '拟上市', en: 'Pre-IPO' },
};

/** 银行 / 投资基金 / 融资担保 / 保险机构 / 其他 */
export const FINANCE_PROVIDER_KINDS = ['bank', 'fund', 'guarantee', 'insurer', 'other'] as const;
export type FinanceProviderKind = (typeof FINANCE_PROVIDER_KINDS)[number];
export const FINANCE_PROVIDER_KIND_LABELS: Labels = {
  bank: { 'zh-CN': '银行', en: 'Bank' },
  fund: { 'zh-CN': '投资基金', en: 'Investment fund' },
  guarantee: { 'zh-CN': '融资担保', en: 'Financing guarantor' },
  insurer: { 'zh-CN': '保险机构', en: 'Insurer' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** draft → open (published) → arranged (a financing deal closed), or withdrawn by the applicant. */
export enum FinancingRequestStatus {
  Draft = 'draft',
  Open = 'open',
  Arranged = 'arranged',
  Withdrawn = 'withdrawn',
}
export const FINANCING_REQUEST_STATUSES: readonly FinancingRequestStatus[] = Object.values(FinancingRequestStatus);
export const FINANCING_REQUEST_STATUS_LABELS: Labels = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  open: { 'zh-CN': '融资中', en: 'Open' },
  arranged: { 'zh-CN': '已完成融资', en: 'Financing arranged' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
};

export type FinancingDisclosureStatus = 'requested' | 'granted' | 'refused';
export const FINANCING_DISCLOSURE_STATUS_LABELS: Labels = {
  requested: { 'zh-CN': '待决定', en: 'Requested' },
  granted: { 'zh-CN': '已同意', en: 'Granted' },
  refused: { 'zh-CN': '已拒绝', en: 'Refused' },
};

/** Limits of what a request and a profile hold. */
export const FINANCE_LIMITS = {
  titleLength: 100,
  summaryLength: 2000,
  useOfFundsLength: 2000,
  chainsMax: 10,
  regionsMax: 20,
  exclusionsMax: 20,
  exclusionLength: 30,
  confidentialFieldLength: 2000,
  noteLength: 500,
  profileSummaryLength: 1000,
} as const;

/** A match is "strong" (the finance org's members are told) from this score up. */
export const FINANCING_STRONG_MATCH = 0.6;

/** The financial details only the applicant, admins, the deal's brokers and finance orgs granted disclosure read. */
export interface FinancingConfidential {
  /** 上年营业收入 (元) */
  revenue?: string | null;
  /** 上年净利润 (元) */
  profit?: string | null;
  /** 估值依据 */
  valuationBasis?: string | null;
  /** 抵质押物 */
  collateral?: string | null;
  /** 股权结构说明 */
  capTableNotes?: string | null;
  /** 其他 */
  other?: string | null;
}

/** What the request is attached to: exactly one of an achievement, a need-side project or a deal. */
export interface FinancingSubject {
  kind: 'achievement' | 'need' | 'deal';
  id: string;
  title: string;
}

/** What a finance member without disclosure, a broker list, or a watchlist sees of a request. */
export interface FinancingRequestPublicView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  summary: string;
  subject: FinancingSubject;
  /** 元, exact decimal text */
  amount: string;
  instrument: FinancingInstrument;
  stage: FinancingStage;
  useOfFunds: string;
  /** 元 */
  raisedSoFar: string;
  chains: string[];
  region: string | null;
  status: FinancingRequestStatus;
  /** 元, once arranged */
  arrangedAmount: string | null;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the caller is to this request. */
export type FinancingViewerRole = 'applicant' | 'admin' | 'broker' | 'finance';

export interface FinancingRequestView extends FinancingRequestPublicView {
  viewerRole: FinancingViewerRole;
  /** present only to those allowed to read it (applicant, admins, the deal's brokers, finance orgs granted disclosure) */
  confidential?: FinancingConfidential;
  /** for a finance member: their organisation's disclosure request, if any */
  myDisclosure: FinancingDisclosureStatus | null;
  /** for a finance member: whether their organisation expressed interest / watches it */
  myInterest: boolean;
  watched: boolean;
  /** financing deals opened on this request (ids), for those who may see them */
  dealIds: string[];
}

export interface FinanceProfileView {
  orgId: string;
  orgName: string;
  kind: FinanceProviderKind;
  instruments: FinancingInstrument[];
  /** 元 */
  ticketMin: string;
  ticketMax: string;
  stages: FinancingStage[];
  chains: string[];
  regions: string[];
  exclusions: string[];
  summary: string;
  updatedAt: string;
}

/** One scored pair of a request and a finance profile, with reasons in words (Chinese first). */
export interface FinancingMatchView {
  requestId: string;
  requestTitle: string;
  orgId: string;
  orgName: string;
  /** 0..1 */
  score: number;
  reasons: string[];
  /** reasons in English, same order */
  reasonsEn: string[];
}

/** A finance member's watchlist row: an open request matched to their organisation. */
export interface FinancingWatchlistItem {
  request: FinancingRequestPublicView;
  score: number;
  reasons: string[];
  reasonsEn: string[];
  watched: boolean;
  interested: boolean;
}

export interface FinancingInterestView {
  id: string;
  requestId: string;
  orgId: string;
  orgName: string;
  note: string;
  createdByName: string;
  createdAt: string;
  /** the financing deal opened from it, if any */
  dealId: string | null;
}

export interface FinancingDisclosureView {
  id: string;
  requestId: string;
  orgId: string;
  orgName: string;
  status: FinancingDisclosureStatus;
  requestedByName: string;
  decidedByName: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** 500万元 style: whole 元 amounts in 万元 when round, else 元. */
export function formatYuanWan(yuan: string): string {
  const [whole = '0', frac = ''] = yuan.split('.');
  const cents = frac.padEnd(2, '0').slice(0, 2);
  if (cents === '00' && whole.length > 4 && whole.endsWith('0000')) return `${whole.slice(0, -4)}万元`;
  if (cents === '00' && whole.length > 4) {
    const wan = `${whole.slice(0, -4)}.${whole.slice(-4)}`.replace(/0+$/, '');
    return `${wan}万元`;
  }
  return cents === '00' ? `${whole}元` : `${whole}.${cents}元`;
}
