import { taxonomyLabel } from '@ztt/contracts';
import { documentGrams, queryGrams } from '@ztt/matching';

/**
 * Capacity suggestions for an achievement at TRL 3–6 — one more side the matching engine serves:
 * a provider fits when its TRL range covers the achievement's next level, and ranks by shared
 * chains and by its capability tags found in the achievement's text (the matching engine's bigram
 * model: a tag matches when every bigram of it is in the achievement's title, keywords or summary).
 * Each reason is said in words.
 */

export const SUGGESTION_TRL_MIN = 3;
export const SUGGESTION_TRL_MAX = 6;

export interface SuggestionAchievement {
  trl: number;
  chains: string[];
  title: string;
  keywords: string[];
  summary: string;
}

export interface SuggestionProvider {
  id: string;
  trlMin: number;
  trlMax: number;
  chains: string[];
  tags: string[];
  capabilities: string;
}

export interface ProviderFit {
  score: number;
  reasons: string[];
}

/** Whether an achievement at this TRL gets suggestions (3–6). */
export function suggestionEligible(trl: number): boolean {
  return trl >= SUGGESTION_TRL_MIN && trl <= SUGGESTION_TRL_MAX;
}

/** The capability tags (or, with none, nothing) of a provider that the achievement's text holds. */
export function matchedCapabilities(provider: Pick<SuggestionProvider, 'tags'>, achievement: Pick<SuggestionAchievement, 'title' | 'keywords' | 'summary'>): string[] {
  const doc = documentGrams({ head: [achievement.title, ...achievement.keywords].join(' '), body: achievement.summary });
  return provider.tags.filter((tag) => {
    const wanted = [...queryGrams(tag).keys()];
    return wanted.length > 0 && wanted.every((g) => doc.has(g));
  });
}

/**
 * A provider's fit, or null when its TRL range does not cover the achievement's next level (the
 * one a run would take it to). Score: 3 for the TRL cover, 2 a shared chain, 1 a matched capability.
 */
export function providerFit(provider: SuggestionProvider, achievement: SuggestionAchievement): ProviderFit | null {
  const next = achievement.trl + 1;
  if (!suggestionEligible(achievement.trl) || next < provider.trlMin || next > provider.trlMax) return null;
  const reasons = [`服务TRL ${provider.trlMin}–${provider.trlMax}，覆盖下一阶段`];
  const chains = provider.chains.filter((c) => achievement.chains.includes(c));
  if (chains.length) reasons.push(`同属产业链：${chains.map((c) => taxonomyLabel('chain', c)).join('、')}`);
  const caps = matchedCapabilities(provider, achievement);
  if (caps.length) reasons.push(`能力相符：${caps.join('、')}`);
  return { score: 3 + chains.length * 2 + caps.length, reasons };
}

/** The providers that fit, best first (ties by id), at most `limit`. */
export function rankProviders<P extends SuggestionProvider>(providers: P[], achievement: SuggestionAchievement, limit = 10): (ProviderFit & { provider: P })[] {
  const out: (ProviderFit & { provider: P })[] = [];
  for (const p of providers) {
    const fit = providerFit(p, achievement);
    if (fit) out.push({ ...fit, provider: p });
  }
  return out.sort((a, b) => b.score - a.score || a.provider.id.localeCompare(b.provider.id)).slice(0, limit);
}
