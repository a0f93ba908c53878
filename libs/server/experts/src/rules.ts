import { taxonomyLabel } from '@ztt/contracts';

/** Keywords or titles as kept: trimmed, no empties, no repeats, in the order given. */
export function cleanList(values: string[]): string[] {
  return [...new Set(values.map((k) => k.trim()).filter(Boolean))];
}

/** How well an expert fits a challenge: 3 points a shared chain, 1 a keyword found in its text. */
export interface Fit {
  score: number;
  matchedChains: string[];
  matchedKeywords: string[];
  reason: string;
}

/**
 * The fit of an expert's chains and keywords with a challenge's chains and text (title, background
 * and indicators; a keyword matches when the text contains it, case-insensitively). The reason says
 * it in words: 同属产业链：…；关键词：…
 */
export function fitOf(expert: { chains: string[]; keywords: string[] }, challenge: { chains: string[]; text: string }): Fit {
  const matchedChains = expert.chains.filter((c) => challenge.chains.includes(c));
  const text = challenge.text.toLowerCase();
  const matchedKeywords = expert.keywords.filter((k) => k.trim() && text.includes(k.trim().toLowerCase()));
  const parts: string[] = [];
  if (matchedChains.length) parts.push(`同属产业链：${matchedChains.map((c) => taxonomyLabel('chain', c)).join('、')}`);
  if (matchedKeywords.length) parts.push(`关键词：${matchedKeywords.join('、')}`);
  return { score: matchedChains.length * 3 + matchedKeywords.length, matchedChains, matchedKeywords, reason: parts.join('；') };
}
