/** The science bureau's dashboard (科技局数据看板) and the public statistics. */
import type { EquityHolder, TransferModel } from './contract-terms';

export interface DashboardFilters {
  quarter?: string;
  industry?: string;
  region?: string;
}

export interface CountByKey {
  key: string;
  needs: number;
  achievements: number;
  challenges: number;
}

export interface HeatCell {
  chain: string;
  region: string;
  needs: number;
  achievements: number;
  /** needs − achievements: above 0 means supply is missing */
  gap: number;
}

export interface FunnelQuarter {
  quarter: string;
  matches: number;
  seen: number;
  contacted: number;
  deals: number;
  signed: number;
  registered: number;
  /** each step over the previous one, in percent with one decimal (null when the previous is 0) */
  rates: { seen: number | null; contacted: number | null; deals: number | null; signed: number | null; registered: number | null };
}

export interface ContractValueQuarter {
  quarter: string;
  contracts: number;
  /** 元, exact decimal text */
  value: string;
  techValue: string;
  /** cumulative within the year */
  cumulative: string;
}

export interface BrokerFigures {
  brokerId: string;
  name: string;
  matches: number;
  contacted: number;
  deals: number;
  signed: number;
  registered: number;
  value: string;
}

export interface Dashboard {
  filters: DashboardFilters;
  byIndustry: CountByKey[];
  byRegion: CountByKey[];
  byTrl: CountByKey[];
  heatmap: HeatCell[];
  funnel: FunnelQuarter[];
  contractValue: { year: number; target: string | null; quarters: ContractValueQuarter[] };
  brokers: BrokerFigures[];
  fulfilment: FulfilmentFigures;
}

/** One quarter of the year: what was contracted (by signing day) against what came in (confirmed payments, by payment day). */
export interface FulfilmentQuarter {
  quarter: string;
  /** contracts signed in the quarter */
  contracts: number;
  /** 元: their total amounts, exact decimal text */
  contracted: string;
  /** 元: payments confirmed by the receiver, paid in the quarter */
  received: string;
  /** 元: the inventors' share (奖酬) of those payments */
  inventorShare: string;
}

/** A money line of the schedule that is overdue, with what is still owed on it. */
export interface OverdueLine {
  dealId: string;
  dealTitle: string;
  label: string;
  dueOn: string;
  /** 元: the line's amount less the confirmed payments */
  outstanding: string;
}

export interface OverdueFigures {
  /** overdue money lines now */
  count: number;
  /** 元 outstanding over all of them */
  outstanding: string;
  /** the longest overdue first, at most OVERDUE_LIST_LIMIT */
  lines: OverdueLine[];
}

/** 先用后转 trials: how they ended; running counts the undecided and the extended ones. */
export interface TrialFigures {
  started: number;
  converted: number;
  returned: number;
  lapsed: number;
  running: number;
  /** converted over decided (converted + returned + lapsed), percent with one decimal; null when none is decided */
  conversionRate: number | null;
}

export interface EquityDealFigures {
  dealId: string;
  dealTitle: string;
  signedOn: string;
  /** 元 */
  valuation: string;
  /** percent */
  sharePercent: string;
  holder: EquityHolder;
  /** the 持股平台's name, when it holds the shares */
  holderName: string | null;
  valuedBy: string;
}

export interface EquityFigures {
  count: number;
  /** 元: the valuations added up */
  valuation: string;
  deals: EquityDealFigures[];
}

/** Contracts per transfer model; model null: recorded without structured terms. */
export interface ModelFigures {
  model: TransferModel | null;
  contracts: number;
  /** 元: their total amounts */
  value: string;
}

/**
 * Fulfilment of the contracts in force (deal signed, registered or fulfilled), under the industry
 * and county filters. The quarters are those of `year`; trials, equity and models count the
 * contracts signed in `period` (the chosen quarter's year) or all of them (null); overdue is now.
 */
export interface FulfilmentFigures {
  year: number;
  period: number | null;
  quarters: FulfilmentQuarter[];
  overdue: OverdueFigures;
  trials: TrialFigures;
  equity: EquityFigures;
  byModel: ModelFigures[];
}

/** How many overdue lines the dashboard lists (the count and the outstanding cover all). */
export const OVERDUE_LIST_LIMIT = 20;

export const DASHBOARD_CHARTS = [
  'industry',
  'region',
  'trl',
  'heatmap',
  'funnel',
  'contract-value',
  'brokers',
  'fulfilment',
  'overdue',
  'trials',
  'equity',
  'models',
  'financing',
] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

export interface PublicStats {
  needs: number;
  achievements: number;
  challenges: number;
  registeredContracts: number;
  byIndustry: CountByKey[];
  byRegion: CountByKey[];
}
