/** Quarterly collection campaigns (季度征集): draft → open → closed → reported. */
export enum CampaignStatus {
  Draft = 'draft',
  Open = 'open',
  Closed = 'closed',
  Reported = 'reported',
}

export type CampaignTargetDimension = 'region' | 'industry' | 'organisation';
export const CAMPAIGN_TARGET_DIMENSIONS: readonly CampaignTargetDimension[] = ['region', 'industry', 'organisation'];

/** A target: e.g. 20 needs from 麻章区, 10 needs in 海洋牧场, 5 achievements from one university. */
export interface CampaignTarget {
  dimension: CampaignTargetDimension;
  /** region code, industry code, or organisation id */
  code: string;
  kind: 'need' | 'achievement';
  target: number;
}

export interface CampaignInput {
  title: string;
  quarter: string;
  startsOn: string;
  endsOn: string;
  focusIndustries: string[];
  focusRegions: string[];
  targets: CampaignTarget[];
  /** Days before the close on which laggards are reminded (each once per person). */
  reminderDays: number[];
}

export interface CampaignView extends CampaignInput {
  id: string;
  status: CampaignStatus;
  openedAt: string | null;
  closedAt: string | null;
  reportedAt: string | null;
  version: number;
  invited: number;
  needs: number;
  achievements: number;
  createdAt: string;
}

export interface CampaignInviteInput {
  orgTypes?: string[];
  regions?: string[];
  industries?: string[];
  orgIds?: string[];
}

/** One line of progress: submitted (incl. published) and published against the target. */
export interface CampaignProgressRow {
  dimension: CampaignTargetDimension;
  code: string;
  label: string;
  kind: 'need' | 'achievement';
  target: number | null;
  submitted: number;
  published: number;
}

export interface CampaignInvitee {
  orgId: string;
  name: string;
  type: string;
  region: string;
  invitedAt: string;
  needs: number;
  achievements: number;
  answered: boolean;
}

export interface CampaignProgress {
  campaignId: string;
  totals: { needs: { submitted: number; published: number; target: number | null }; achievements: { submitted: number; published: number; target: number | null } };
  rows: CampaignProgressRow[];
  invitees: CampaignInvitee[];
  laggards: number;
}

export interface CampaignReminderResult {
  organisations: number;
  people: number;
}

export interface QuarterlyReportView {
  quarter: string;
  status: 'building' | 'sent';
  createdAt: string;
  sentAt: string | null;
}

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, { 'zh-CN': string; en: string }> = {
  [CampaignStatus.Draft]: { 'zh-CN': '草稿', en: 'Draft' },
  [CampaignStatus.Open]: { 'zh-CN': '征集中', en: 'Open' },
  [CampaignStatus.Closed]: { 'zh-CN': '已截止', en: 'Closed' },
  [CampaignStatus.Reported]: { 'zh-CN': '已出报告', en: 'Reported' },
};
