import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemKind } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { DataSource } from 'typeorm';
import { indexedTextOfRow } from './sides';
import { LOAD_PAGE } from './snapshot';
import { CorpusCounter } from './text-index';
import { CorpusSize } from './text-relevance';

/** How long a process keeps a kind's corpus size before reading it again. */
const CORPUS_TTL_MS = 5_000;
/** Bigrams written per statement. */
const WRITE_CHUNK = 20_000;

/**
 * The corpus statistics of text relevance, shared by every process that ranks (the API's preview,
 * the worker's matching on publication and the quarterly run): stored in PostgreSQL by the worker
 * (`refresh`), read by the others (`corpus`, `frequencies`). See docs/adr/0007-one-text-ranking.md.
 */
@Injectable()
export class TextStatistics {
  private readonly corpora = new Map<ItemKind, { value: CorpusSize; readAt: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueReader,
  ) {}

  /** The size of a kind's published catalogue when the statistics were last computed (0 before). */
  async corpus(kind: ItemKind): Promise<CorpusSize> {
    const kept = this.corpora.get(kind);
    if (kept && Date.now() - kept.readAt < CORPUS_TTL_MS) return kept.value;
    const [row] = (await this.db.query(`SELECT documents, total_length FROM match_text_corpus WHERE kind = $1`, [kind])) as { documents: number; total_length: string }[];
    const value = { documents: row?.documents ?? 0, totalLength: Number(row?.total_length ?? 0) };
    this.corpora.set(kind, { value, readAt: Date.now() });
    return value;
  }

  /** The document frequencies of `grams` (those no published item held are left out). */
  async frequencies(kind: ItemKind, grams: string[]): Promise<Map<string, number>> {
    if (!grams.length) return new Map();
    const rows = (await this.db.query(`SELECT gram, df FROM match_text_gram WHERE kind = $1 AND gram = ANY($2::text[])`, [kind, grams])) as { gram: string; df: number }[];
    return new Map(rows.map((r) => [r.gram, r.df]));
  }

  /**
   * Recomputes a kind's statistics from its published catalogue, unless nothing has changed since
   * they were last computed (the count of published items, the sum of their versions and the latest change are the same).
   * Idempotent; concurrent refreshes of a kind are serialised. Returns the documents counted, or
   * null when nothing had changed.
   */
  async refresh(kind: ItemKind): Promise<number | null> {
    const stamp = await this.catalogue.publishedStamp(kind);
    const [stored] = (await this.db.query(`SELECT source_stamp FROM match_text_corpus WHERE kind = $1`, [kind])) as { source_stamp: string }[];
    if (stored?.source_stamp === stamp) return null;
    const counter = new CorpusCounter();
    await this.catalogue.forEachMatchingRow(kind, LOAD_PAGE, (r) => counter.add(indexedTextOfRow(r)));
    const stats = counter.statistics();
    await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('match_text_statistics:' || $1))`, [kind]);
      await m.query(`DELETE FROM match_text_gram WHERE kind = $1`, [kind]);
      const entries = [...stats.frequencies];
      for (let at = 0; at < entries.length; at += WRITE_CHUNK) {
        const chunk = entries.slice(at, at + WRITE_CHUNK);
        await m.query(`INSERT INTO match_text_gram (kind, gram, df) SELECT $1, * FROM unnest($2::text[], $3::int[])`, [kind, chunk.map((e) => e[0]), chunk.map((e) => e[1])]);
      }
      await m.query(
        `INSERT INTO match_text_corpus (kind, documents, total_length, source_stamp) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind) DO UPDATE SET documents = EXCLUDED.documents, total_length = EXCLUDED.total_length, source_stamp = EXCLUDED.source_stamp, computed_at = now()`,
        [kind, stats.documents, stats.totalLength, stamp],
      );
    });
    this.corpora.delete(kind);
    return stats.documents;
  }
}
