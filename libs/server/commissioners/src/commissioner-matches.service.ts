import { Injectable } from '@nestjs/common';
import { CommissionerMatchView, SearchHit } from '@ztt/contracts';
import { AuthContext } from '@ztt/platform';
import { SearchService } from '@ztt/search';
import { CommissionersService } from './commissioners.service';

/** How many needs each query of a county brings back, and how many suggestions are shown. */
const PER_QUERY = 20;
const SHOWN = 30;

/**
 * The published needs a commissioner could serve: in the counties assigned to them today, filed
 * under one of their chains or mentioning one of their keywords. The search engine finds them (a
 * browse per chain, one text query of the keywords, each filtered to the county); each suggestion
 * says which chains and keywords it matched, and a need that matches none is left out.
 */
@Injectable()
export class CommissionerMatchesService {
  constructor(
    private readonly commissioners: CommissionersService,
    private readonly search: SearchService,
  ) {}

  async matches(actor: AuthContext): Promise<CommissionerMatchView[]> {
    const c = await this.commissioners.entryOf(actor);
    const regions = await this.commissioners.currentRegions(c.id);
    if (!regions.length || (!c.chains.length && !c.keywords.length)) return [];
    const found = new Map<string, SearchHit>();
    for (const region of regions) {
      const asks = [
        ...c.chains.map((chain) => this.search.search('need', { chain, region, sort: 'newest', page: 1, pageSize: PER_QUERY })),
        ...(c.keywords.length ? [this.search.search('need', { q: c.keywords.join(' '), region, sort: 'relevance', page: 1, pageSize: PER_QUERY })] : []),
      ];
      for (const answer of await Promise.all(asks)) for (const hit of answer.result.items) if (!found.has(hit.id)) found.set(hit.id, hit);
    }
    const suggestions = [...found.values()]
      .map((h) => explain(h, c.chains, c.keywords))
      .filter((s) => regions.includes(s.region) && (s.matchedChains.length || s.matchedKeywords.length));
    suggestions.sort((a, b) => score(b) - score(a) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.needId.localeCompare(b.needId));
    return suggestions.slice(0, SHOWN);
  }
}

/** Which of the commissioner's chains the need is filed under, and which keywords its text holds. */
export function explain(h: SearchHit, chains: string[], keywords: string[]): CommissionerMatchView {
  const text = [h.title, h.summary, ...h.keywords].join(' ').toLowerCase();
  return {
    needId: h.id,
    title: h.title,
    summary: h.summary,
    ownerOrgName: h.ownerOrgName,
    region: h.region,
    chains: h.chains,
    matchedChains: chains.filter((ch) => h.chains.includes(ch)),
    matchedKeywords: keywords.filter((k) => text.includes(k.toLowerCase())),
    publishedAt: h.publishedAt,
  };
}

function score(s: CommissionerMatchView): number {
  return s.matchedChains.length * 2 + s.matchedKeywords.length;
}
