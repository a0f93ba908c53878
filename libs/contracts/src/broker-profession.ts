/**
 * 技术经纪人 / 技术经理人 as a profession: levels with a certificate, training hours, the broker firm
 * (技术经理人事务所) they work for, and the parties' ratings after a deal closes.
 */

/** 初级 / 中级 / 高级 技术经纪人. */
export const BROKER_LEVELS = ['junior', 'intermediate', 'senior'] as const;
export type BrokerLevel = (typeof BROKER_LEVELS)[number];

/** The organisation type of a broker firm (taxonomy organisationTypes). */
export const BROKER_FIRM_TYPE = 'broker-firm';

/** A public average needs at least this many ratings. */
export const BROKER_RATING_PUBLIC_MIN = 3;

/** A broker's level and certificate; certified = a level with a certificate valid on the day. */
export interface BrokerCertification {
  level: BrokerLevel | null;
  certificateNo: string | null;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  /** YYYY-MM-DD, null when the certificate does not expire */
  expiresOn: string | null;
  certified: boolean;
}

export interface BrokerTrainingRecord {
  id: string;
  /** YYYY-MM-DD */
  heldOn: string;
  course: string;
  /** 学时, up to one decimal ("8.0") */
  hours: string;
  provider: string;
  createdAt: string;
}

/** Everything a broker (or an admin) sees of one broker's professional standing. */
export interface BrokerProfessionView extends BrokerCertification {
  userId: string;
  displayName: string;
  firm: { id: string; name: string } | null;
  training: BrokerTrainingRecord[];
  /** total hours per calendar year, newest year first */
  hoursByYear: { year: number; hours: string }[];
}

/** One party's rating of a deal's broker (admins only: comments and individual scores). */
export interface BrokerRatingView {
  id: string;
  dealId: string;
  dealTitle: string;
  brokerId: string;
  side: 'demand' | 'supply';
  orgId: string;
  orgName: string;
  score: number;
  comment: string;
  createdAt: string;
}

/** A broker's ratings summed up: average to two decimals ("4.33"), null with no rating. */
export interface BrokerRatingSummary {
  count: number;
  average: string | null;
}

export interface BrokerRatingsAdminView extends BrokerRatingSummary {
  ratings: BrokerRatingView[];
}

/** What the deal page shows of the broker rating: whether the caller may rate, and what is rated. */
export interface DealBrokerRatingState {
  brokerId: string;
  /** the deal is signed or lost */
  open: boolean;
  /** the sides that have rated */
  ratedSides: ('demand' | 'supply')[];
  /** the caller's sides that may still rate */
  canRateSides: ('demand' | 'supply')[];
  /** the ratings of this deal, for admins only (empty otherwise) */
  ratings: BrokerRatingView[];
}

/** A broker as anyone sees them: never their email or phone. */
export interface PublicBrokerCard {
  userId: string;
  displayName: string;
  chains: string[];
  regions: string[];
  level: BrokerLevel | null;
  certified: boolean;
  firm: { id: string; name: string } | null;
  dealsSigned: number;
  /** 元, exact decimal string */
  registeredContractValue: string;
  /** shown only with BROKER_RATING_PUBLIC_MIN ratings or more */
  rating: { average: string; count: number } | null;
}
