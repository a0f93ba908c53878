/**
 * 科技金融 extras: policy referrals (政策性金融服务转介), roadshows (路演) and the dashboard's financing
 * figures. The programmes' rules are configuration (libs/server/finance/src/policies/policy-programmes.json); the evaluator in
 * @ztt/finance reads them against a financing request and its organisation's credentials.
 */

type Text = { 'zh-CN': string; en: string };

/** Organisation credentials the policy programmes ask for (claimed by the organisation's admins, checked with its verification). */
export const ORG_CREDENTIALS = ['high_tech_enterprise', 'sme_tech'] as const;
export type OrgCredential = (typeof ORG_CREDENTIALS)[number];
export const ORG_CREDENTIAL_LABELS: Record<OrgCredential, Text> = {
  high_tech_enterprise: { 'zh-CN': '高新技术企业', en: 'High-tech enterprise' },
  sme_tech: { 'zh-CN': '科技型中小企业', en: 'Technology-based SME' },
};

/** One condition of a programme, as configured; `text` says it in words (Chinese first). */
export type PolicyCondition =
  | { kind: 'org_type'; types: string[]; text: Text }
  | { kind: 'org_verified'; text: Text }
  | { kind: 'credential_any'; credentials: OrgCredential[]; text: Text }
  | { kind: 'instrument'; instruments: string[]; text: Text }
  | { kind: 'amount_max'; amount: string; text: Text }
  | { kind: 'region_zhanjiang'; text: Text }
  | { kind: 'granted_patent'; text: Text };
export type PolicyConditionKind = PolicyCondition['kind'];

/** A policy programme (风险补偿资金池, 知识产权质押融资白名单, 科技成果转化保险 …). */
export interface PolicyProgramme {
  code: string;
  name: Text;
  description: Text;
  /** the financing instruments it serves */
  instruments: string[];
  conditions: PolicyCondition[];
}

/** What the evaluator reads of a request and its organisation. */
export interface PolicySubject {
  instrument: string;
  /** 元 */
  amount: string;
  org: { type: string; verified: boolean; region: string; credentials: string[] };
  /** the request is attached to an achievement listing a granted patent */
  grantedPatent: boolean;
}

export interface PolicyConditionResult {
  kind: PolicyConditionKind;
  met: boolean;
  text: Text;
}

export interface PolicyEligibility {
  code: string;
  name: Text;
  description: Text;
  eligible: boolean;
  conditions: PolicyConditionResult[];
}

/** sent → accepted | declined (by the bank, with a note). */
export enum ReferralStatus {
  Sent = 'sent',
  Accepted = 'accepted',
  Declined = 'declined',
}
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, Text> = {
  sent: { 'zh-CN': '已转介', en: 'Sent' },
  accepted: { 'zh-CN': '银行已受理', en: 'Accepted' },
  declined: { 'zh-CN': '银行未受理', en: 'Declined' },
};

/** The consent the applicant gives before a referral is sent (shown and stored as given). */
export const REFERRAL_CONSENT_TEXT = '同意将本融资需求及机构资质信息发送给所选银行';

export const FINANCE_EXTRAS_LIMITS = {
  noteLength: 500,
  roadshowTitleLength: 100,
  roadshowDescriptionLength: 2000,
  placeLength: 200,
  linkLength: 300,
  followUpNoteLength: 1000,
  nextStepLength: 200,
  projectsMax: 20,
  investorsMax: 50,
  chainsMax: 10,
} as const;

export interface ReferralView {
  id: string;
  requestId: string;
  requestTitle: string;
  applicantOrgId: string;
  applicantOrgName: string;
  programme: string;
  programmeName: Text;
  bankOrgId: string;
  bankOrgName: string;
  /** 元 */
  amount: string;
  instrument: string;
  status: ReferralStatus;
  bankNote: string | null;
  consentAt: string;
  consentByName: string;
  decidedAt: string | null;
  createdAt: string;
}

/** The referral panel of a request: each programme's eligibility, the banks to choose, the referrals sent. */
export interface ReferralPanelView {
  eligibility: PolicyEligibility[];
  banks: { orgId: string; name: string }[];
  referrals: ReferralView[];
  consentText: string;
}

/** draft → published → held, or cancelled (from draft or published). */
export enum RoadshowStatus {
  Draft = 'draft',
  Published = 'published',
  Held = 'held',
  Cancelled = 'cancelled',
}
export const ROADSHOW_STATUS_LABELS: Record<RoadshowStatus, Text> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  published: { 'zh-CN': '已发布', en: 'Published' },
  held: { 'zh-CN': '已举办', en: 'Held' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** A presenting project: invited → accepted (the applicant consents to present) | declined. */
export enum RoadshowProjectStatus {
  Invited = 'invited',
  Accepted = 'accepted',
  Declined = 'declined',
}
export const ROADSHOW_PROJECT_STATUS_LABELS: Record<RoadshowProjectStatus, Text> = {
  invited: { 'zh-CN': '待确认', en: 'Invited' },
  accepted: { 'zh-CN': '已确认路演', en: 'Presenting' },
  declined: { 'zh-CN': '已婉拒', en: 'Declined' },
};

export interface RoadshowProjectView {
  requestId: string;
  title: string;
  orgId: string;
  orgName: string;
  /** 元 */
  amount: string;
  instrument: string;
  status: RoadshowProjectStatus;
  decidedAt: string | null;
}

export interface RoadshowFollowUpView {
  id: string;
  investorOrgId: string;
  investorOrgName: string;
  requestId: string;
  requestTitle: string;
  note: string;
  nextStep: string;
  createdByName: string;
  createdAt: string;
}

export interface RoadshowSignUpView {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  createdAt: string;
}

export interface RoadshowSummaryView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  onlineLink: string | null;
  chains: string[];
  status: RoadshowStatus;
  projects: number;
  investors: number;
  signUps: number;
}

export interface RoadshowView extends RoadshowSummaryView {
  description: string;
  organiserName: string;
  projectList: RoadshowProjectView[];
  investorList: { orgId: string; name: string }[];
  signUpList: RoadshowSignUpView[];
  followUps: RoadshowFollowUpView[];
  /** what the caller may do */
  canManage: boolean;
  canSignUp: boolean;
  signedUp: boolean;
  /** the caller's organisations' projects awaiting their answer */
  myInvitations: string[];
  heldAt: string | null;
  cancelledAt: string | null;
  version: number;
}

/** What a roadshow's organiser may choose from: open financing requests and verified finance organisations. */
export interface RoadshowCandidatesView {
  requests: { id: string; title: string; orgName: string; amount: string; instrument: string }[];
  investors: { orgId: string; name: string }[];
}

/** The dashboard's financing figures: requested against arranged by quarter and instrument, referrals and roadshows. */
export interface FinancingFigures {
  quarters: {
    quarter: string;
    instrument: string;
    requestedCount: number;
    /** 元 */
    requested: string;
    arrangedCount: number;
    /** 元 */
    arranged: string;
  }[];
  referrals: { programme: string; status: ReferralStatus; count: number }[];
  roadshows: { held: number; projects: number; followUps: number };
}
