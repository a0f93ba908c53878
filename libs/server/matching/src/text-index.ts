import { averageLength, chooseTerms, CorpusSize, documentFields, IndexedText, lengthFactor, queryGrams, termWeight } from './text-relevance';

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
  /** Per bigram, the last document (numbered from 1) that counted it: a document counts each once. */
  private seenIn = new Int32Array(1 << 16);
  protected documents = 0;
  protected totalLength = 0;
  /** The terms (vocabulary ids) and weights of the document counted last (as many as count() returned). */
  protected docTerms = new Int32Array(256);
  protected docWeights = new Uint8Array(256);

  add(doc: IndexedText): void {
    this.count(doc);
  }

  /**
   * Counts a document; its terms and their weights are left in docTerms and docWeights, in the
   * order documentGrams gives them. Returns its length (distinct bigrams).
   */
  protected count(doc: IndexedText): number {
    const d = this.documents + 1;
    let n = 0;
    for (const field of documentFields(doc)) {
      for (const g of field.grams) {
        const t = this.termOf(g);
        if (this.seenIn[t] === d) continue;
        this.seenIn[t] = d;
        (this.df[t] as number)++;
        if (n === this.docTerms.length) {
          this.docTerms = grown(this.docTerms, new Int32Array(n * 2));
          this.docWeights = grown(this.docWeights, new Uint8Array(n * 2));
        }
        this.docTerms[n] = t;
        this.docWeights[n++] = field.weight;
      }
    }
    this.documents = d;
    this.totalLength += n;
    return n;
  }

  /** A bigram's vocabulary id, a new one the first time it is met. */
  private termOf(g: string): number {
    let t = this.vocabulary.get(g);
    if (t === undefined) {
      t = this.vocabulary.size;
      this.vocabulary.set(g, t);
      if (t >= this.df.length) {
        this.df = grown(this.df, new Int32Array(this.df.length * 2));
        this.seenIn = grown(this.seenIn, new Int32Array(this.seenIn.length * 2));
      }
    }
    return t;
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
  /** Every document's terms and weights one after another (documents in order), and where each starts. */
  private terms = new Int32Array(1 << 16);
  private weights = new Uint8Array(1 << 16);
  private starts = new Int32Array(1 << 10);

  override add(doc: IndexedText): void {
    const n = this.count(doc);
    const d = this.ids.length;
    this.ids.push(doc.id);
    const at = this.starts[d] as number;
    while (at + n > this.terms.length) {
      this.terms = grown(this.terms, new Int32Array(this.terms.length * 2));
      this.weights = grown(this.weights, new Uint8Array(this.weights.length * 2));
    }
    this.terms.set(this.docTerms.subarray(0, n), at);
    this.weights.set(this.docWeights.subarray(0, n), at);
    if (d + 1 >= this.starts.length) this.starts = grown(this.starts, new Int32Array(this.starts.length * 2));
    this.starts[d + 1] = at + n;
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
    const n = this.ids.length;
    const starts = this.starts;
    for (let d = 0; d < n; d++) {
      const end = starts[d + 1] as number;
      for (let k = starts[d] as number; k < end; k++) {
        const t = this.terms[k] as number;
        const at = fill[t] as number;
        postings[at] = d;
        postingWeights[at] = this.weights[k] as number;
        fill[t] = at + 1;
      }
    }
    const average = averageLength({ documents: n, totalLength: this.totalLength });
    const norm = new Float64Array(n);
    for (let d = 0; d < n; d++) norm[d] = lengthFactor((starts[d + 1] as number) - (starts[d] as number), average);
    // The documents' terms are in the postings now.
    this.terms = new Int32Array(0);
    this.weights = new Uint8Array(0);
    return new TextIndex(this.ids, this.vocabulary, offsets, postings, postingWeights, norm);
  }
}

/** `into` (a larger typed array of the same kind) holding `from` at its start. */
function grown<T extends Int32Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
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
  /** Each document's place in id order: of equal scores, the lower id ranks first. */
  private readonly rank: Int32Array;

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
    this.rank = new Int32Array(this.size);
    const order = Array.from(ids.keys()).sort((a, b) => byId(ids[a] as string, ids[b] as string) || a - b);
    for (const [r, d] of order.entries()) this.rank[d] = r;
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
   * read like a search query: its bigrams, and those of its synonym variants at a lower weight. Of
   * items scoring the same at the limit, those of the lower ids are kept, as rankTexts keeps them.
   */
  search(query: string, limit: number): { id: string; score: number }[] {
    const terms = chooseTerms(queryGrams(query), (g) => this.frequency(this.vocabulary.get(g)));
    const acc = this.accumulator;
    const postings = this.postings;
    const postingWeights = this.postingWeights;
    const offsets = this.offsets;
    // Term at a time, in the order chosen, so that each document's score adds up its terms in that order.
    for (const term of terms) {
      const t = this.vocabulary.get(term.gram);
      if (t === undefined) continue;
      const idf = termWeight(term, this.size);
      const end = offsets[t + 1] as number;
      for (let p = offsets[t] as number; p < end; p++) {
        const d = postings[p] as number;
        acc[d] = (acc[d] as number) + idf * (postingWeights[p] as number);
      }
    }
    // Every term adds more than 0, so the documents scored are those above 0; the accumulator is
    // left at 0 for the next query.
    const top = new TopK(limit, this.rank);
    const alive = this.alive;
    const norm = this.norm;
    let floor = -Infinity;
    for (let d = 0; d < this.size; d++) {
      const a = acc[d] as number;
      if (a === 0) continue;
      acc[d] = 0;
      const score = a * (norm[d] as number);
      if (score < floor || alive[d] !== 1) continue;
      floor = top.offer(d, score);
    }
    return top.best().map(({ doc, score }) => ({ id: this.ids[doc] as string, score }));
  }
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The k best documents offered, by a min-heap of fixed size (its root the worst held). A higher
 * score is better and, of equal scores, the lower id (rank): what it keeps does not depend on the
 * order the documents are offered in.
 */
export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly rank: Int32Array,
  ) {
    this.docs = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  /** Whether document `a` with score `sa` ranks below `b` with `sb`. */
  private worse(sa: number, a: number, sb: number, b: number): boolean {
    return sa < sb || (sa === sb && (this.rank[a] as number) > (this.rank[b] as number));
  }

  /**
   * Offers a document (each at most once). Returns the lowest score held once the heap is full
   * (-Infinity before; Infinity when nothing is kept): a lower score cannot get in.
   */
  offer(doc: number, score: number): number {
    const { k, docs, scores } = this;
    if (k <= 0) return Infinity;
    if (this.size < k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, doc, scores[parent] as number, docs[parent] as number)) break;
        scores[i] = scores[parent] as number;
        docs[i] = docs[parent] as number;
        i = parent;
      }
      scores[i] = score;
      docs[i] = doc;
      return this.size < k ? -Infinity : (scores[0] as number);
    }
    if (!this.worse(scores[0] as number, docs[0] as number, score, doc)) return scores[0] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && this.worse(scores[r] as number, docs[r] as number, scores[l] as number, docs[l] as number) ? r : l;
      if (!this.worse(scores[c] as number, docs[c] as number, score, doc)) break;
      scores[i] = scores[c] as number;
      docs[i] = docs[c] as number;
      i = c;
    }
    scores[i] = score;
    docs[i] = doc;
    return scores[0] as number;
  }

  /** The documents held, best first. */
  best(): { doc: number; score: number }[] {
    const out = Array.from({ length: this.size }, (_, i) => ({ doc: this.docs[i] as number, score: this.scores[i] as number }));
    return out.sort((x, y) => y.score - x.score || (this.rank[x.doc] as number) - (this.rank[y.doc] as number));
  }
}
