/**
 * The catalogue: technical needs (技术需求) and research achievements (科技成果).
 * Shapes shared by the web app and the API. Money is in 万元 (10,000 CNY) as decimal strings,
 * never floats. Dates are ISO-8601 strings; `deadline` is a calendar date (YYYY-MM-DD).
 */
import type { NeedQuality } from './need-quality';
import type { RightsGranted } from './service-invention';

export type ItemKind = 'need' | 'achievement';

/** draft → submitted → published → closed | withdrawn | expired; a rejection returns it to draft with a reason. */
export enum ItemStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Published = 'published',
  Closed = 'closed',
  Withdrawn = 'withdrawn',
  Expired = 'expired',
}

export const ITEM_LIMITS = {
  titleMax: 100,
  summaryMax: 2000,
  confidentialMax: 10000,
  textMax: 4000,
  chainsMin: 1,
  chainsMax: 3,
  keywordsMax: 10,
  keywordMax: 20,
  modesMax: 10,
  ipItemsMax: 50,
  teamMax: 50,
  attachmentsMax: 20,
  attachmentBytesMax: 10 * 1024 * 1024,
} as const;

export interface ContactInfo {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface IpItem {
  /** taxonomy.ipTypes code */
  type: string;
  /** e.g. ZL202310123456.7 */
  number: string;
  /** e.g. 已授权 / 申请中 / 实审中 */
  status: string;
}

export interface TeamMember {
  name: string;
  title: string | null;
  /** When the researcher is a platform user. */
  userId: string | null;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  createdAt: string;
}

/** Fields anyone may see on a published item. */
interface ItemPublicBase {
  id: string;
  kind: ItemKind;
  title: string;
  summary: string;
  /** taxonomy chain codes, e.g. "marine.ranching"; their industries follow from the prefix */
  chains: string[];
  industries: string[];
  keywords: string[];
  region: string;
  trl: number;
  cooperationModes: string[];
  status: ItemStatus;
  ownerOrgId: string;
  ownerOrgName: string;
  publishedAt: string | null;
  updatedAt: string;
}

/** Present only for the owner organisation, platform admins and parties granted disclosure. */
interface ItemConfidentialBase {
  confidentialDetails: string;
  contact: ContactInfo;
  attachments: AttachmentView[];
}

export interface NeedPublic extends ItemPublicBase {
  kind: 'need';
  category: string;
  /** 万元; both null with budgetNegotiable = 面议 */
  budgetMin: string | null;
  budgetMax: string | null;
  budgetNegotiable: boolean;
  deadline: string | null;
  acceptanceCriteria: string;
}

export interface AchievementPublic extends ItemPublicBase {
  kind: 'achievement';
  maturityStage: string;
  ipItems: IpItem[];
  team: TeamMember[];
  /** 万元; null with priceNegotiable = 面议 */
  askingPrice: string | null;
  priceNegotiable: boolean;
  priceTerms: string;
  applicationFields: string;
  provenResults: string;
  /** 职务科技成果 */
  serviceInvention: boolean;
  /** FUNDING_SOURCES code */
  fundingSource: string | null;
  /** 赋权 */
  rightsGranted: RightsGranted;
}

/** What the caller sees: the public part, plus the confidential part when they may see it. */
export type NeedView = NeedPublic & Partial<ItemConfidentialBase> & ItemMeta & { /** completeness for matching (needQuality) */ quality?: NeedQuality };
export type AchievementView = AchievementPublic & Partial<ItemConfidentialBase> & ItemMeta;
export type ItemView = NeedView | AchievementView;

export interface ItemMeta {
  version: number;
  createdAt: string;
  submittedAt: string | null;
  rejectionReason: string | null;
  /** true when the confidential part is included */
  confidentialVisible: boolean;
  /** the caller's own disclosure request, if any */
  myDisclosure: DisclosureStatus | null;
  /** the caller may edit / submit / withdraw (owner organisation members) */
  canEdit: boolean;
}

/** Body of POST /api/needs and PATCH /api/needs/:id (PATCH: any subset, plus `version`). */
export interface NeedInput {
  title: string;
  summary: string;
  confidentialDetails?: string;
  chains: string[];
  keywords?: string[];
  region: string;
  trl: number;
  cooperationModes: string[];
  contact: ContactInfo;
  category: string;
  budgetMin?: string | null;
  budgetMax?: string | null;
  budgetNegotiable?: boolean;
  deadline?: string | null;
  acceptanceCriteria?: string;
  /** The organisation posting it; the caller must be an active member. */
  ownerOrgId: string;
}

export interface AchievementInput {
  title: string;
  summary: string;
  confidentialDetails?: string;
  chains: string[];
  keywords?: string[];
  region: string;
  trl: number;
  cooperationModes: string[];
  contact: ContactInfo;
  maturityStage: string;
  ipItems?: IpItem[];
  team?: TeamMember[];
  askingPrice?: string | null;
  priceNegotiable?: boolean;
  priceTerms?: string;
  applicationFields?: string;
  provenResults?: string;
  serviceInvention?: boolean;
  fundingSource?: string | null;
  rightsGranted?: RightsGranted;
  ownerOrgId: string;
}

export enum DisclosureStatus {
  Pending = 'pending',
  Granted = 'granted',
  Declined = 'declined',
}

export interface DisclosureRequestView {
  id: string;
  itemKind: ItemKind;
  itemId: string;
  itemTitle: string;
  requesterOrgId: string;
  requesterOrgName: string;
  requesterName: string;
  reason: string;
  status: DisclosureStatus;
  createdAt: string;
  decidedAt: string | null;
}

export interface ReviewQueueEntry {
  item: ItemView;
  /** Field-by-field changes since the last publication; empty for a first submission. */
  changes: FieldChange[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

// ---- search ------------------------------------------------------------------------------

export const SEARCH_MAX_PAGE_SIZE = 50;

export type SearchSort = 'relevance' | 'newest' | 'deadline' | 'budget';

export interface SearchHit {
  id: string;
  kind: ItemKind;
  title: string;
  summary: string;
  /** title and a summary excerpt with matches wrapped in <mark>…</mark>; everything else HTML-escaped */
  highlight: { title: string; summary: string };
  ownerOrgName: string;
  chains: string[];
  industries: string[];
  keywords: string[];
  region: string;
  trl: number;
  cooperationModes: string[];
  publishedAt: string | null;
  // need only
  category?: string;
  budgetMin?: string | null;
  budgetMax?: string | null;
  budgetNegotiable?: boolean;
  deadline?: string | null;
  // achievement only
  maturityStage?: string;
  ipTypes?: string[];
  askingPrice?: string | null;
  priceNegotiable?: boolean;
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  /** facet name → value → count, over the whole result set */
  facets: Record<string, Record<string, number>>;
}

// ---- notifications -----------------------------------------------------------------------

export interface NotificationView {
  id: string;
  type: string;
  /** already in the reader's language */
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}
