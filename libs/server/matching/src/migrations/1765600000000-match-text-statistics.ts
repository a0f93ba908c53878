import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The corpus statistics of matching's text relevance (docs/adr/0007-one-text-ranking.md), owned by
 * the matching domain: per kind, the number of published items and their total length, and the
 * document frequency of every bigram they hold. The worker recomputes them when
 * the catalogue changes; every path that ranks reads the same figures.
 */
export class MatchTextStatistics1765600000000 implements MigrationInterface {
  name = 'MatchTextStatistics1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_text_corpus (
        kind text PRIMARY KEY CHECK (kind IN ('need', 'achievement')),
        documents integer NOT NULL CHECK (documents >= 0),
        total_length bigint NOT NULL CHECK (total_length >= 0),
        source_stamp text NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE match_text_gram (
        kind text NOT NULL CHECK (kind IN ('need', 'achievement')),
        gram text NOT NULL,
        df integer NOT NULL CHECK (df >= 1),
        PRIMARY KEY (kind, gram)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE match_text_gram; DROP TABLE match_text_corpus`);
  }
}
