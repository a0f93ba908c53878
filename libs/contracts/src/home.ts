/**
 * The public home page (GET /api/home): one answer with everything the first screen shows, so a
 * phone makes one request. Only what the public listings already show: no confidential part, no
 * contact details, nothing unpublished.
 */

/** How many of each list the home page shows. */
export const HOME_LIST_LIMIT = 6;

export interface HomeItem {
  id: string;
  kind: 'need' | 'achievement';
  title: string;
  /** the public summary, shortened for a card */
  summary: string;
  ownerOrgName: string;
  industries: string[];
  region: string;
  trl: number;
  publishedAt: string;
}

export interface HomeChallenge {
  id: string;
  title: string;
  /** 榜额 in 元, as a decimal string */
  bounty: string;
  /** ISO timestamp: applications close */
  applicationDeadline: string;
  ownerOrgName: string;
  industries: string[];
  applicationCount: number;
}

export interface HomeFigures {
  /** published now */
  needs: number;
  achievements: number;
  /** challenges open for applications now */
  openChallenges: number;
  /** the Beijing calendar year of contractValue */
  year: number;
  /** registered (认定登记) technology contracts this year: total value in 元, as a decimal string */
  contractValue: string;
  contracts: number;
  /** brokers whose account is active */
  activeBrokers: number;
}

/** An industry as an entry point: published needs, achievements and open challenges in it. */
export interface HomeIndustry {
  code: string;
  needs: number;
  achievements: number;
  challenges: number;
}

/** The quarterly collection campaign (季度征集) open now. */
export interface HomeCampaign {
  id: string;
  title: string;
  quarter: string;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  focusIndustries: string[];
  focusRegions: string[];
  /** items collected by it and published so far */
  needs: number;
  achievements: number;
}

export interface HomeView {
  figures: HomeFigures;
  latestNeeds: HomeItem[];
  latestAchievements: HomeItem[];
  /** open for applications, the nearest deadline first */
  openChallenges: HomeChallenge[];
  /** in the taxonomy's order: 四绿一蓝 first */
  industries: HomeIndustry[];
  campaign: HomeCampaign | null;
}
