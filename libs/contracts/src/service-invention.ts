/**
 * 职务科技成果 (service inventions): an achievement made on the job, with where its funding came
 * from and what rights the organisation granted its inventors (赋权). A contract on one needs the
 * owning organisation's internal approval, and the public notice period it sets, before `signed`.
 */

/** Where the research money came from (经费来源). */
export const FUNDING_SOURCES = ['national', 'provincial', 'municipal', 'enterprise', 'self', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_LABELS: Record<FundingSource, { 'zh-CN': string; en: string }> = {
  national: { 'zh-CN': '国家财政资金', en: 'National government funding' },
  provincial: { 'zh-CN': '省级财政资金', en: 'Provincial government funding' },
  municipal: { 'zh-CN': '市级财政资金', en: 'Municipal government funding' },
  enterprise: { 'zh-CN': '企业委托或合作经费', en: 'Enterprise funding' },
  self: { 'zh-CN': '单位自筹', en: 'Own funds' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** 赋权: none, ownership (所有权) or long-term use rights (长期使用权) granted to the inventors. */
export const RIGHTS_GRANTED = ['none', 'ownership', 'long_term_use'] as const;
export type RightsGranted = (typeof RIGHTS_GRANTED)[number];

export const RIGHTS_GRANTED_LABELS: Record<RightsGranted, { 'zh-CN': string; en: string }> = {
  none: { 'zh-CN': '未赋权', en: 'No rights granted' },
  ownership: { 'zh-CN': '赋予所有权', en: 'Ownership granted to the inventors' },
  long_term_use: { 'zh-CN': '赋予长期使用权', en: 'Long-term use rights granted to the inventors' },
};

/** The owning organisation's approval of a contract on a service invention: pending → approved | refused. */
export type DealApprovalStatus = 'pending' | 'approved' | 'refused';

/** The longest public notice period (days) an organisation may set for an approval. */
export const APPROVAL_NOTICE_DAYS_MAX = 30;

export interface DealApprovalView {
  id: string;
  dealId: string;
  dealTitle: string;
  achievementId: string | null;
  achievementTitle: string | null;
  /** the achievement's owner, whose tech-transfer office decides */
  organisationId: string;
  organisationName: string;
  status: DealApprovalStatus;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** days of public notice after approval (0: none) */
  noticeDays: number;
  /** the Beijing date the notice ends (YYYY-MM-DD), set on approval */
  noticeEndsOn: string | null;
}

/** GET /api/deals/:id/approval: whether the deal needs an approval before `signed`, and the latest one. */
export interface DealApprovalState {
  /** the deal's achievement is a service invention */
  required: boolean;
  /** `signed` is not held back by the approval (not required, or approved and the notice over) */
  clearToSign: boolean;
  approval: DealApprovalView | null;
}
