/**
 * 科技特派员 (science and technology commissioners): the roster, their assignments to counties
 * (一县一业一团队, 一所对一县), the yearly service list (年度科技服务清单) and the services they log,
 * which the served organisation confirms and rates.
 */

/** Limits of what a commissioner's records hold. */
export const COMMISSIONER_LIMITS = {
  chainsMax: 10,
  keywordsMax: 20,
  keywordLength: 20,
  placeLength: 200,
  contentLength: 2000,
  titleLength: 200,
  commentLength: 500,
  filesPerLog: 10,
  /** photos and scans of a service: 5 MB each at most */
  fileBytesMax: 5 * 1024 * 1024,
} as const;

/** Photos or scans only: what a service log's files may be (sniffed from the bytes). */
export const SERVICE_FILE_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** A county the commissioner serves, for a period. */
export interface CommissionerAssignmentView {
  id: string;
  commissionerId: string;
  /** a Zhanjiang county or district (taxonomy region, not an outside one) */
  region: string;
  town: string | null;
  servedOrgId: string | null;
  servedOrgName: string | null;
  startsOn: string;
  endsOn: string | null;
  /** today falls within the period */
  current: boolean;
}

/** A roster entry as everyone may read it: no contact details. */
export interface CommissionerPublicView {
  id: string;
  name: string;
  institutionOrgId: string;
  institutionName: string;
  chains: string[];
  keywords: string[];
  /** the counties of the current assignments */
  regions: string[];
}

/** A roster entry as admins and the commissioner read it. */
export interface CommissionerView extends CommissionerPublicView {
  userId: string;
  active: boolean;
  assignments: CommissionerAssignmentView[];
  createdAt: string;
}

/** A person who holds the commissioner role and has no roster entry yet. */
export interface CommissionerCandidate {
  userId: string;
  name: string;
  email: string;
}

/** One planned service of a commissioner's yearly list. */
export interface ServicePlanItemView {
  id: string;
  year: number;
  title: string;
  target: string | null;
  /** how many logged services point at this line */
  logged: number;
}

export interface ServiceFileView {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}

/** A service a commissioner logged, with the served organisation's confirmation once given. */
export interface ServiceLogView {
  id: string;
  commissionerId: string;
  commissionerName: string;
  servedOn: string;
  place: string;
  content: string;
  servedOrgId: string;
  servedOrgName: string;
  planItemId: string | null;
  files: ServiceFileView[];
  confirmedAt: string | null;
  confirmedByName: string | null;
  rating: number | null;
  ratingComment: string | null;
  createdAt: string;
}

/** A published need a commissioner could serve, and why it was suggested. */
export interface CommissionerMatchView {
  needId: string;
  title: string;
  summary: string;
  ownerOrgName: string;
  region: string;
  chains: string[];
  /** the commissioner's chains the need is filed under */
  matchedChains: string[];
  /** the commissioner's keywords found in the need */
  matchedKeywords: string[];
  publishedAt: string | null;
}

/** The dashboard's commissioner figures. */
export interface CommissionerFigures {
  commissioners: number;
  /** commissioners with a current assignment, per county */
  perCounty: { region: string; commissioners: number }[];
  servicesLogged: number;
  servicesConfirmed: number;
  /** one decimal, null when nothing was rated */
  averageRating: string | null;
}
