import { grams, synonymVariants } from '@ztt/search';

/**
 * The text relevance of matching, one model for every path (docs/adr/0007-one-text-ranking.md):
 * BM25 over the bigrams of an item's text, each counted once per document, a bigram of the head
 * (title, keywords) counting double one of the body. The quarterly run computes it over its
 * in-process index (TextIndex); the preview, matching on publication and "refresh matches" compute
 * it over the candidates Meilisearch returns, with the same corpus statistics (TextStatistics).
 * Both go through the functions below, so for the same catalogue they give the same scores.
 */

/** One item as relevance reads it: its title and keywords (head), the rest of its text (body). */
export interface IndexedText {
  id: string;
  head: string;
  body: string;
}

/** A bigram in the head counts twice one in the body, as Meilisearch ranks titleGrams first. */
const HEAD_WEIGHT = 2;
const BODY_WEIGHT = 1;
/** BM25's saturation and length normalisation (term frequency is 0 or 1: bigrams are counted once per field). */
const K1 = 1.2;
const B = 0.5;
/** Bigrams only a synonym variant of the query has count for less than the query's own (as in search). */
const VARIANT_WEIGHT = 0.8;
/**
 * The rarest query bigrams are scored, at most this many: common ones add little (low idf) and
 * cost the most (long posting lists).
 */
const MAX_QUERY_TERMS = 64;

/**
 * A document's fields as relevance reads them: the grams of each, with the field's weight, the head
 * first. A bigram counts once, with the weight of the first field holding it (documentGrams).
 */
export function documentFields(doc: Pick<IndexedText, 'head' | 'body'>): { grams: string[]; weight: number }[] {
  return [
    { grams: grams(doc.head), weight: HEAD_WEIGHT },
    { grams: grams(doc.body), weight: BODY_WEIGHT },
  ];
}

/** A document's bigrams, each with its weight (2 when in the head); its length is their number. */
export function documentGrams(doc: Pick<IndexedText, 'head' | 'body'>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const field of documentFields(doc)) for (const g of field.grams) if (!weights.has(g)) weights.set(g, field.weight);
  return weights;
}

/** A query's bigrams, with those only a synonym variant has at a lower weight. */
export function queryGrams(query: string): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const [vi, variant] of synonymVariants(query).entries()) {
    const w = vi === 0 ? 1 : VARIANT_WEIGHT;
    for (const g of grams(variant)) if ((wanted.get(g) ?? 0) < w) wanted.set(g, w);
  }
  return wanted;
}

/** A query bigram chosen for scoring, with its weighted idf. */
export interface ScoredTerm {
  gram: string;
  /** Documents holding it (at least 1: a bigram no document holds is not scored). */
  df: number;
  weight: number;
}

/**
 * The query bigrams that are scored: of those some document holds, the MAX_QUERY_TERMS rarest,
 * ties by the bigram itself. They are also what the live path asks Meilisearch for: a bigram no
 * document holds would make a sub-query find nothing.
 */
export function chooseTerms(wanted: Map<string, number>, df: (gram: string) => number): ScoredTerm[] {
  return [...wanted.entries()]
    .map(([gram, weight]) => ({ gram, weight, df: df(gram) }))
    .filter((t) => t.df > 0)
    .sort((a, b) => a.df - b.df || (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : 0))
    .slice(0, MAX_QUERY_TERMS);
}

/** A term's weighted idf in a corpus of `documents`. */
export function termWeight(term: ScoredTerm, documents: number): number {
  const n = Math.max(documents, term.df);
  return Math.log(1 + (n - term.df + 0.5) / (term.df + 0.5)) * term.weight;
}

/** BM25's length factor of a document of `length` distinct bigrams. */
export function lengthFactor(length: number, averageLength: number): number {
  return (K1 + 1) / (1 + K1 * (1 - B + (B * length) / Math.max(1, averageLength)));
}

/** The corpus figures BM25 needs beside each term's document frequency. */
export interface CorpusSize {
  documents: number;
  /** The sum of the documents' lengths (distinct bigrams). */
  totalLength: number;
}

export function averageLength(c: CorpusSize): number {
  return Math.max(1, c.totalLength / Math.max(1, c.documents));
}

/**
 * The relevance of each document to a query, best first (ties by id), documents sharing no
 * scored bigram left out: the same figures TextIndex.search gives over an index of the corpus.
 */
export function rankTexts(terms: ScoredTerm[], corpus: CorpusSize, docs: { id: string; grams: Map<string, number> }[]): { id: string; score: number }[] {
  const weights = terms.map((t) => termWeight(t, corpus.documents));
  const average = averageLength(corpus);
  const out: { id: string; score: number }[] = [];
  for (const d of docs) {
    let sum = 0;
    for (const [i, t] of terms.entries()) {
      const w = d.grams.get(t.gram);
      if (w !== undefined) sum += (weights[i] as number) * w;
    }
    if (sum > 0) out.push({ id: d.id, score: sum * lengthFactor(d.grams.size, average) });
  }
  return out.sort(byScoreThenId);
}

export function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
