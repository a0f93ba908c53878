import { averageLength, byScoreThenId, chooseTerms, CorpusSize, documentGrams, IndexedText, lengthFactor, queryGrams, termWeight } from './text-relevance';

export type { IndexedText } from './text-relevance';

/** The corpus statistics of an index: its size, and the document frequency of every bigram it holds. */
export interface CorpusStatistics extends CorpusSize {
  frequencies: Map<string, number>;
}

/**
 * Counts a corpus a document at a time: the document frequency of every bigram, the documents and
 * their total length. The statistics job needs only this; TextIndexBuilder keeps each document's
 * terms as well, to build postings.
 */
export class CorpusCounter {
  protected readonly vocabulary = new Map<string, number>();
  protected df = new Int32Array(1 << 16);
  protected documents = 0;
  protected totalLength = 0;

  add(doc: IndexedText): void {
    this.count(doc);
  }

  /** Counts a document; returns its terms (vocabulary ids) and their weights. */
  protected count(doc: IndexedText): { terms: Int32Array; weights: Uint8Array } {
    const grams = documentGrams(doc);
    const terms = new Int32Array(grams.size);
    const weights = new Uint8Array(grams.size);
    let k = 0;
    for (const [g, w] of grams) {
      let t = this.vocabulary.get(g);
      if (t === undefined) {
        t = this.vocabulary.size;
        this.vocabulary.set(g, t);
        if (t >= this.df.length) {
          const grown = new Int32Array(this.df.length * 2);
          grown.set(this.df);
          this.df = grown;
        }
      }
      terms[k] = t;
      weights[k++] = w;
      (this.df[t] as number)++;
    }
    this.documents++;
    this.totalLength += grams.size;
    return { terms, weights };
  }

  /** The statistics of the documents counted so far (what TextStatistics stores for the live path). */
  statistics(): CorpusStatistics {
    const frequencies = new Map<string, number>();
    for (const [g, t] of this.vocabulary) frequencies.set(g, this.df[t] as number);
    return { documents: this.documents, totalLength: this.totalLength, frequencies };
  }
}

/**
 * Builds a TextIndex a document at a time, so that a caller reading the catalogue in pages can
 * yield between them (indexing 100,000 items takes about 10 s of CPU).
 */
export class TextIndexBuilder extends CorpusCounter {
  private readonly ids: string[] = [];
  private readonly docTerms: Int32Array[] = [];
  private readonly docWeights: Uint8Array[] = [];

  override add(doc: IndexedText): void {
    const { terms, weights } = this.count(doc);
    this.ids.push(doc.id);
    this.docTerms.push(terms);
    this.docWeights.push(weights);
  }

  /** The index of the documents added (the builder is not to be used after). */
  build(): TextIndex {
    const terms = this.vocabulary.size;
    const offsets = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t] as number) + (this.df[t] as number);
    const total = offsets[terms] as number;
    const postings = new Int32Array(total);
    const postingWeights = new Uint8Array(total);
    const fill = offsets.slice(0, terms);
    const n = this.docTerms.length;
    for (let d = 0; d < n; d++) {
      const ts = this.docTerms[d] as Int32Array;
      const ws = this.docWeights[d] as Uint8Array;
      for (let k = 0; k < ts.length; k++) {
        const t = ts[k] as number;
        const at = fill[t] as number;
        postings[at] = d;
        postingWeights[at] = ws[k] as number;
        fill[t] = at + 1;
      }
    }
    const average = averageLength({ documents: n, totalLength: this.totalLength });
    const norm = new Float64Array(n);
    for (let d = 0; d < n; d++) norm[d] = lengthFactor((this.docTerms[d] as Int32Array).length, average);
    return new TextIndex(this.ids, this.vocabulary, offsets, postings, postingWeights, norm);
  }
}

/**
 * An in-memory bigram index over a snapshot of one kind of catalogue item, for the quarterly run:
 * it asks for the candidates of every published item at once, and one Meilisearch round trip per
 * sub-query (about 1.3 million for 110,000 items) is far more than the run's time holds. It reads
 * text exactly as the search index does (the same normalisation, bigrams and synonym variants) and
 * ranks by the text relevance model of text-relevance.ts, which the live path also uses.
 *
 * Postings are kept in flat typed arrays (CSR): 100,000 achievements hold about 21 million
 * postings in about 110 MB.
 */
export class TextIndex {
  readonly size: number;
  private readonly position = new Map<string, number>();
  private readonly alive: Uint8Array;
  private readonly accumulator: Float64Array;
  private readonly touched: Int32Array;

  constructor(
    private readonly ids: string[],
    private readonly vocabulary: Map<string, number>,
    private readonly offsets: Int32Array,
    private readonly postings: Int32Array,
    private readonly postingWeights: Uint8Array,
    private readonly norm: Float64Array,
  ) {
    this.size = ids.length;
    for (const [i, id] of ids.entries()) this.position.set(id, i);
    this.alive = new Uint8Array(this.size).fill(1);
    this.accumulator = new Float64Array(this.size);
    this.touched = new Int32Array(this.size);
  }

  static of(docs: IndexedText[]): TextIndex {
    const builder = new TextIndexBuilder();
    for (const d of docs) builder.add(d);
    return builder.build();
  }

  /** The number of postings held (for the run's log). */
  get postingCount(): number {
    return this.postings.length;
  }

  has(id: string): boolean {
    const d = this.position.get(id);
    return d !== undefined && this.alive[d] === 1;
  }

  /** Takes an item out of every later answer (withdrawn, expired or changed since the snapshot). */
  remove(id: string): void {
    const d = this.position.get(id);
    if (d !== undefined) this.alive[d] = 0;
  }

  private frequency(t: number | undefined): number {
    return t === undefined ? 0 : (this.offsets[t + 1] as number) - (this.offsets[t] as number);
  }

  /**
   * The `limit` best items for a query, best first (ties by id), each with its score; the query is
   * read like a search query: its bigrams, and those of its synonym variants at a lower weight.
   */
  search(query: string, limit: number): { id: string; score: number }[] {
    const terms = chooseTerms(queryGrams(query), (g) => this.frequency(this.vocabulary.get(g)));
    const acc = this.accumulator;
    const touched = this.touched;
    let count = 0;
    for (const term of terms) {
      const t = this.vocabulary.get(term.gram);
      if (t === undefined) continue;
      const idf = termWeight(term, this.size);
      const end = this.offsets[t + 1] as number;
      for (let p = this.offsets[t] as number; p < end; p++) {
        const d = this.postings[p] as number;
        if (acc[d] === 0) touched[count++] = d;
        acc[d] = (acc[d] as number) + idf * (this.postingWeights[p] as number);
      }
    }
    const top = new TopK(limit);
    for (let k = 0; k < count; k++) {
      const d = touched[k] as number;
      if (this.alive[d] === 1) top.offer(d, (acc[d] as number) * (this.norm[d] as number));
      acc[d] = 0;
    }
    return top
      .drain()
      .map(({ doc, score }) => ({ id: this.ids[doc] as string, score }))
      .sort(byScoreThenId);
  }
}

/** The k highest scores offered, by a min-heap of fixed size. */
class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.docs = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  offer(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.scores[parent] as number) <= score) break;
        this.scores[i] = this.scores[parent] as number;
        this.docs[i] = this.docs[parent] as number;
        i = parent;
      }
      this.scores[i] = score;
      this.docs[i] = doc;
      return;
    }
    if (score <= (this.scores[0] as number)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && (this.scores[r] as number) < (this.scores[l] as number) ? r : l;
      if ((this.scores[c] as number) >= score) break;
      this.scores[i] = this.scores[c] as number;
      this.docs[i] = this.docs[c] as number;
      i = c;
    }
    this.scores[i] = score;
    this.docs[i] = doc;
  }

  drain(): { doc: number; score: number }[] {
    return Array.from({ length: this.size }, (_, i) => ({ doc: this.docs[i] as number, score: this.scores[i] as number }));
  }
}
