import {
  CHAIN_CODES,
  FINANCING_INSTRUMENT_LABELS,
  FINANCING_STAGE_LABELS,
  FinancingInstrument,
  FinancingStage,
  formatYuanWan,
  groupDigits,
  hundredths,
  taxonomyLabel,
} from '@ztt/contracts';

/**
 * Scoring a financing request against a finance profile ("capital is one more side the matching
 * engine serves"): pure, explained, Chinese first. Five features, each with its weight; an
 * exclusion (a chain the profile will not fund, or a keyword found in the request's text) removes
 * the pair altogether, with no score.
 */

/** The request side: what it asks and what it is about. */
export interface FinancingRequestSide {
  title: string;
  summary: string;
  useOfFunds: string;
  /** 元 */
  amount: string;
  instrument: FinancingInstrument;
  stage: FinancingStage;
  chains: string[];
  region: string | null;
}

/** The capital side: a bank's, fund's, guarantor's or insurer's profile. */
export interface FinanceProfileSide {
  instruments: string[];
  /** 元 */
  ticketMin: string;
  ticketMax: string;
  stages: string[];
  chains: string[];
  /** empty: anywhere */
  regions: string[];
  /** chain codes or keywords */
  exclusions: string[];
}

export interface FinancingScore {
  /** 0..1, four decimals */
  score: number;
  reasons: string[];
  reasonsEn: string[];
}

/** Weights (sum 1): the instrument and the ticket decide most; stage, chain and region refine. */
export const FINANCING_WEIGHTS = { instrument: 0.3, amount: 0.25, stage: 0.2, chain: 0.15, region: 0.1 } as const;

/** Pairs scoring below this are not kept as matches. */
export const FINANCING_MIN_SCORE = 0.3;

const CHAINS = new Set(CHAIN_CODES);

/** "3000000.00", "20000000.00" → "300万–2000万元" */
function rangeText(min: string, max: string): string {
  return `${formatYuanWan(min).replace(/元$/, '')}–${formatYuanWan(max)}`;
}
function rangeTextEn(min: string, max: string): string {
  return `${wanEn(min)}–${wanEn(max)}`;
}
/** "5000000.00" → "CNY 5,000,000" (whole yuan; cents shown when there are any) */
function wanEn(yuan: string): string {
  const [whole = '0', frac = '00'] = yuan.split('.');
  return `CNY ${groupDigits(whole, 'en')}${/^0*$/.test(frac) ? '' : `.${frac.padEnd(2, '0')}`}`;
}

/** The exclusion that removes the pair, or null: a chain code shared with the request, or a keyword found in its text. */
export function exclusionHit(req: FinancingRequestSide, profile: FinanceProfileSide): string | null {
  const text = `${req.title}\n${req.summary}\n${req.useOfFunds}`.toLowerCase();
  for (const raw of profile.exclusions) {
    const x = raw.trim();
    if (!x) continue;
    if (CHAINS.has(x)) {
      if (req.chains.includes(x)) return x;
    } else if (text.includes(x.toLowerCase())) return x;
  }
  return null;
}

/** The request scored against the profile, with reasons; null when an exclusion removes the pair. */
export function scoreFinancing(req: FinancingRequestSide, profile: FinanceProfileSide): FinancingScore | null {
  if (exclusionHit(req, profile)) return null;
  const reasons: string[] = [];
  const reasonsEn: string[] = [];
  let score = 0;

  if (profile.instruments.includes(req.instrument)) {
    score += FINANCING_WEIGHTS.instrument;
    const l = FINANCING_INSTRUMENT_LABELS[req.instrument];
    reasons.push(`工具相符：${l?.['zh-CN'] ?? req.instrument}`);
    reasonsEn.push(`Instrument fits: ${l?.en ?? req.instrument}`);
  }

  const amount = hundredths(req.amount);
  if (amount >= hundredths(profile.ticketMin) && amount <= hundredths(profile.ticketMax)) {
    score += FINANCING_WEIGHTS.amount;
    reasons.push(`额度在区间内：${formatYuanWan(req.amount)} ∈ ${rangeText(profile.ticketMin, profile.ticketMax)}`);
    reasonsEn.push(`Amount within the ticket range: ${wanEn(req.amount)} ∈ ${rangeTextEn(profile.ticketMin, profile.ticketMax)}`);
  }

  if (profile.stages.includes(req.stage)) {
    score += FINANCING_WEIGHTS.stage;
    const l = FINANCING_STAGE_LABELS[req.stage];
    reasons.push(`阶段相符：${l?.['zh-CN'] ?? req.stage}`);
    reasonsEn.push(`Stage fits: ${l?.en ?? req.stage}`);
  }

  const shared = req.chains.filter((c) => profile.chains.includes(c));
  if (shared.length) {
    score += FINANCING_WEIGHTS.chain;
    reasons.push(`同属产业链：${shared.map((c) => taxonomyLabel('chain', c)).join('、')}`);
    reasonsEn.push(`Same industry chain: ${shared.map((c) => taxonomyLabel('chain', c, 'en')).join(', ')}`);
  }

  if (!profile.regions.length) {
    score += FINANCING_WEIGHTS.region;
  } else if (req.region && profile.regions.includes(req.region)) {
    score += FINANCING_WEIGHTS.region;
    reasons.push(`服务区域内：${taxonomyLabel('region', req.region)}`);
    reasonsEn.push(`Within the service area: ${taxonomyLabel('region', req.region, 'en')}`);
  }

  return { score: Math.round(score * 10_000) / 10_000, reasons, reasonsEn };
}
