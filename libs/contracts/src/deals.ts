/** Deals (对接/洽谈): a broker carries a match to a signed and registered technology contract. */
import { ContractTerms } from './contract-terms';
import { TAXONOMY } from './taxonomy';

export * from './contract-terms';
export * from './contract-fulfilment';

export enum DealStage {
  Lead = 'lead',
  Contacted = 'contacted',
  NdaSigned = 'nda_signed',
  DueDiligence = 'due_diligence',
  Negotiating = 'negotiating',
  Signed = 'signed',
  Registered = 'registered',
  Fulfilled = 'fulfilled',
  /** 融资已落实: a financing deal's end (financing deals only) */
  Closed = 'closed',
  Lost = 'lost',
}

/** A technology deal (a need and an achievement, up to a registered contract) or a financing deal (科技金融, up to closed). */
export type DealKind = 'technology' | 'financing';
export const DEAL_KINDS: readonly DealKind[] = ['technology', 'financing'];

/** The pipeline in order; a deal moves one step forward at a time (or to `lost` while open). */
export const DEAL_PIPELINE: readonly DealStage[] = [
  DealStage.Lead,
  DealStage.Contacted,
  DealStage.NdaSigned,
  DealStage.DueDiligence,
  DealStage.Negotiating,
  DealStage.Signed,
  DealStage.Registered,
  DealStage.Fulfilled,
];

/** A financing deal's pipeline: the same first stages, then 融资已落实 (closed) with the arranged amount. */
export const FINANCING_DEAL_PIPELINE: readonly DealStage[] = [
  DealStage.Lead,
  DealStage.Contacted,
  DealStage.NdaSigned,
  DealStage.DueDiligence,
  DealStage.Negotiating,
  DealStage.Closed,
];

/** The pipeline of a deal of this kind. */
export function dealPipeline(kind: DealKind): readonly DealStage[] {
  return kind === 'financing' ? FINANCING_DEAL_PIPELINE : DEAL_PIPELINE;
}

/** Stages a deal can still be lost from, and that count as "open" for reminders and the pipeline. */
export const DEAL_OPEN_STAGES: readonly DealStage[] = [DealStage.Lead, DealStage.Contacted, DealStage.NdaSigned, DealStage.DueDiligence, DealStage.Negotiating, DealStage.Signed];

/** 无回应 / 价格未谈拢 / 技术不匹配 / 对方另选合作方 / 一方退出 / 其他 */
export const DEAL_LOST_REASONS = ['no-response', 'price', 'technology-fit', 'chose-other', 'withdrawn', 'other'] as const;
export type DealLostReason = (typeof DEAL_LOST_REASONS)[number];

/**
 * Whether `to` is an allowed next stage from `from` for a deal of this kind: the next one in its
 * pipeline, or lost while open (a financing deal is open until closed; it is never signed).
 */
export function canMoveDeal(from: DealStage, to: DealStage, kind: DealKind = 'technology'): boolean {
  const pipeline = dealPipeline(kind);
  if (to === DealStage.Lost) return DEAL_OPEN_STAGES.includes(from) && pipeline.includes(from);
  const i = pipeline.indexOf(from);
  return i >= 0 && pipeline[i + 1] === to;
}

export const DEAL_DOCUMENT_KINDS = ['nda', 'term_sheet', 'contract_draft', 'contract', 'payment_proof', 'other'] as const;
export type DealDocumentKind = (typeof DEAL_DOCUMENT_KINDS)[number];

export type DealAudience = 'both' | 'demand' | 'supply';
export const DEAL_AUDIENCES: readonly DealAudience[] = ['both', 'demand', 'supply'];

export type CommissionKind = 'percentage' | 'fixed';
export type CommissionStatus = 'none' | 'proposed' | 'approved' | 'rejected';

/** Contract categories (技术开发/转让/许可/咨询/服务): the part of a contractTypes code before the dot. */
export const CONTRACT_SUBTYPE_CODES: readonly string[] = TAXONOMY.contractTypes.map((c) => c.code);
export const CONTRACT_TYPE_CODES: readonly string[] = [...new Set(CONTRACT_SUBTYPE_CODES.map((c) => c.split('.')[0] as string))];
export const CONTRACT_TYPE_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  dev: { 'zh-CN': '技术开发合同', en: 'Technology development' },
  transfer: { 'zh-CN': '技术转让合同', en: 'Technology transfer' },
  license: { 'zh-CN': '技术许可合同', en: 'Technology licence' },
  consulting: { 'zh-CN': '技术咨询合同', en: 'Technology consulting' },
  service: { 'zh-CN': '技术服务合同', en: 'Technology service' },
};

export interface DealContact {
  name: string;
  phone?: string | null;
  email?: string | null;
}

export interface DealPartyView {
  orgId: string;
  orgName: string;
  contact: DealContact | null;
}

/** What the caller is to this deal: one of its brokers, a member of a party, or a platform admin. */
export type DealViewerRole = 'broker' | 'party' | 'admin';

export interface DealView {
  id: string;
  title: string;
  stage: DealStage;
  version: number;
  viewerRole: DealViewerRole;
  matchId: string | null;
  needId: string | null;
  needTitle: string | null;
  achievementId: string | null;
  achievementTitle: string | null;
  /** Set when the deal comes from a 揭榜挂帅 award. */
  challengeId: string | null;
  /** technology (default) or financing (科技金融) */
  kind: DealKind;
  /** a financing deal's request, and the amount arranged when closed (元) */
  financingRequestId: string | null;
  arrangedAmount: string | null;
  demand: DealPartyView;
  supply: DealPartyView;
  leadBroker: { id: string; name: string };
  coBrokers: { id: string; name: string }[];
  /** 元, exact decimal text */
  expectedValue: string | null;
  cooperationMode: string | null;
  nextStep: string;
  nextStepDue: string | null;
  lostReason: DealLostReason | null;
  lostNote: string | null;
  nda: { documentId: string | null; signedOn: string | null };
  /** brokers and admins only */
  commission: CommissionView | null;
  stageChangedAt: string;
  lastActivityAt: string;
  createdAt: string;
}

export interface CommissionView {
  kind: CommissionKind | null;
  /** percent of the contract's total amount, e.g. "3.50" */
  rate: string | null;
  /** 元 */
  amount: string | null;
  status: CommissionStatus;
  proposedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DealEventView {
  id: string;
  type: 'created' | 'stage' | 'document' | 'message' | 'contract' | 'commission' | 'fulfilment';
  fromStage: DealStage | null;
  toStage: DealStage | null;
  actorName: string;
  detail: Record<string, string | null>;
  createdAt: string;
}

export interface DealNoteView {
  id: string;
  body: string;
  authorName: string;
  createdAt: string;
}

export interface DealTaskView {
  id: string;
  title: string;
  dueAt: string;
  remindAt: string | null;
  assigneeId: string;
  assigneeName: string;
  doneAt: string | null;
  remindedAt: string | null;
}

export interface DealDocumentView {
  id: string;
  kind: DealDocumentKind;
  title: string;
  version: number;
  fileName: string;
  mimeType: string;
  size: number;
  shared: boolean;
  uploadedByName: string;
  createdAt: string;
}

export interface DealMessageView {
  id: string;
  body: string;
  audience: DealAudience;
  authorName: string;
  createdAt: string;
}

export interface ContractPartyInput {
  name: string;
  creditCode: string;
}

/** 技术合同认定登记: what the registration office asks for. */
export interface ContractView {
  dealId: string;
  contractNo: string;
  contractName: string;
  contractType: string;
  contractSubtype: string;
  buyer: ContractPartyInput;
  seller: ContractPartyInput;
  signedOn: string;
  periodStart: string;
  periodEnd: string;
  /** 元 */
  totalAmount: string;
  techAmount: string;
  paymentTerms: string;
  /** structured terms per transfer model; null for contracts recorded without them */
  terms: ContractTerms | null;
  sourceNeedId: string | null;
  sourceAchievementId: string | null;
  sourceChallengeId: string | null;
  registrationNumber: string | null;
  registeredOn: string | null;
  updatedAt: string;
}

export interface RegistrationListEntry extends ContractView {
  dealTitle: string;
  stage: DealStage;
  brokerName: string;
}

export interface BrokerPerformance {
  brokerId: string;
  brokerName: string;
  openByStage: Partial<Record<DealStage, number>>;
  matchesAssigned: number;
  dealsFromMatches: number;
  dealsOpened: number;
  dealsSigned: number;
  /** days a deal spends in each stage, on average (stages left so far) */
  averageDaysPerStage: Partial<Record<DealStage, number>>;
  /** 元: total amount of the broker's registered contracts */
  registeredValue: string;
  registeredContracts: number;
}

/** The rows of the registration data sheet (登记表), label first: also the export's column headers. */
export const REGISTRATION_SHEET_FIELDS: readonly { key: string; label: string }[] = [
  { key: 'contractNo', label: '合同编号' },
  { key: 'contractName', label: '合同名称' },
  { key: 'contractType', label: '合同类别' },
  { key: 'contractSubtype', label: '合同子类' },
  { key: 'buyerName', label: '买方（委托方/受让方）名称' },
  { key: 'buyerCreditCode', label: '买方统一社会信用代码' },
  { key: 'sellerName', label: '卖方（受托方/让与方）名称' },
  { key: 'sellerCreditCode', label: '卖方统一社会信用代码' },
  { key: 'signedOn', label: '签订日期' },
  { key: 'periodStart', label: '履行期限起' },
  { key: 'periodEnd', label: '履行期限止' },
  { key: 'totalAmount', label: '合同成交总额（元）' },
  { key: 'techAmount', label: '技术交易额（元）' },
  { key: 'paymentTerms', label: '支付方式' },
  { key: 'source', label: '来源（需求/成果/榜单）' },
  { key: 'broker', label: '技术经纪人' },
  { key: 'registrationNumber', label: '认定登记编号' },
  { key: 'registeredOn', label: '登记日期' },
];

/** Stage names for texts built on the server (notifications, the registration sheet). */
export const DEAL_STAGE_LABELS: Record<DealStage, { 'zh-CN': string; en: string }> = {
  lead: { 'zh-CN': '线索', en: 'Lead' },
  contacted: { 'zh-CN': '已联系', en: 'Contacted' },
  nda_signed: { 'zh-CN': '已签保密协议', en: 'NDA signed' },
  due_diligence: { 'zh-CN': '尽职调查', en: 'Due diligence' },
  negotiating: { 'zh-CN': '商务谈判', en: 'Negotiating' },
  signed: { 'zh-CN': '已签约', en: 'Signed' },
  registered: { 'zh-CN': '已认定登记', en: 'Registered' },
  fulfilled: { 'zh-CN': '已履约', en: 'Fulfilled' },
  closed: { 'zh-CN': '融资已落实', en: 'Financing arranged' },
  lost: { 'zh-CN': '未成交', en: 'Lost' },
};

/** The confidential part of the deal's need and achievement, for the deal's brokers (each view audited). */
export interface DealConfidentialView {
  need: { id: string; title: string; confidentialDetails: string; contact: DealContact } | null;
  achievement: { id: string; title: string; confidentialDetails: string; contact: DealContact } | null;
}
