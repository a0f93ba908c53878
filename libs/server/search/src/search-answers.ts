import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import { ItemKind, SearchResult } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import type { Cache } from 'cache-manager';
import type { SearchParams } from './search.service';

/** An answer as kept: the page, and the version of each item on it when it was read. */
export interface KeptAnswer {
  result: SearchResult;
  versions: Map<string, number>;
}

/** A search's answer, and whether it was kept from an earlier search (`X-Cache: HIT`). */
export interface SearchAnswer {
  result: SearchResult;
  kept: boolean;
}

/**
 * A repeated search is answered from memory, but only once PostgreSQL has confirmed it: every item
 * on the kept page must still be published and at the version it was read at (any edit, withdrawal
 * or decision bumps an item's version). If one is not, the search runs afresh. So a kept answer
 * never shows an item unpublished or changed since; only the count, the facets and items published
 * since may be up to `search.answerKeepMs` old (a second by default), as the index itself trails
 * the database. The same query gives the same page to every reader (search shows public fields
 * only), so answers are shared by all readers of one process; the key is the kind and the
 * parameters. The same search asked again while it runs waits for that run (cache-manager's
 * `wrap`), so an answer that has just expired is worked out once, not once per waiting reader.
 */
@Injectable()
export class SearchAnswers {
  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly catalogue: CatalogueReader,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'search'>,
  ) {}

  /** The answer to a search: kept and still confirmed, or else worked out by `run` (once for all who ask meanwhile) and kept. */
  async answer(kind: ItemKind, p: SearchParams, run: () => Promise<KeptAnswer>): Promise<SearchAnswer> {
    const keepMs = this.config.search.answerKeepMs;
    if (keepMs <= 0) return { result: (await run()).result, kept: false };
    const k = key(kind, p);
    const kept = await this.cache.get<KeptAnswer>(k);
    if (kept) {
      if (await this.stillCurrent(kind, kept)) return { result: kept.result, kept: true };
      await this.cache.del(k);
    }
    return { result: (await this.cache.wrap(k, run, keepMs)).result, kept: false };
  }

  /** Whether PostgreSQL still has every item of a kept answer published, at the version it was read at. */
  private async stillCurrent(kind: ItemKind, kept: KeptAnswer): Promise<boolean> {
    if (!kept.versions.size) return true;
    const current = await this.catalogue.publishedVersions(kind, [...kept.versions.keys()]);
    return current.size === kept.versions.size && [...current].every(([id, version]) => kept.versions.get(id) === version);
  }
}

function key(kind: ItemKind, p: SearchParams): string {
  return `search ${kind} ${JSON.stringify([p.q?.trim() ?? '', p.industry, p.chain, p.region, p.mode, p.trlMin, p.trlMax, p.category, p.ipType, p.org, p.sort, p.page, p.pageSize])}`;
}
