/** The science bureau's dashboard (科技局数据看板) and the public statistics. */
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
}

export const DASHBOARD_CHARTS = ['industry', 'region', 'trl', 'heatmap', 'funnel', 'contract-value', 'brokers'] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

export interface PublicStats {
  needs: number;
  achievements: number;
  challenges: number;
  registeredContracts: number;
  byIndustry: CountByKey[];
  byRegion: CountByKey[];
}
