export interface Bm25Hit {
  doc: number;
  score: number;
  /** The query words the document contains. */
  matched: string[];
}

/** Words in more than this share of documents say next to nothing and are skipped. */
const MAX_DOCUMENT_SHARE = 0.5;
/** At most this many query words; more are ignored (a bit mask records which matched). */
const MAX_QUERY_WORDS = 30;

/**
 * Okapi BM25 over a fixed set of documents (products), for matching a shopper's words and
 * remembered interests against product text. Documents are numbered 0..n-1. Scoring reuses
 * preallocated arrays, so a query allocates only for the hits it returns.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { docs: Int32Array; tfs: Float64Array }>();
  private readonly norms: Float64Array;
  private readonly scores: Float64Array;
  private readonly masks: Int32Array;
  private readonly touched: number[] = [];

  constructor(
    documents: readonly (readonly string[])[],
    private readonly k1 = 1.2,
    b = 0.75,
  ) {
    const lists = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    documents.forEach((tokens, doc) => {
      total += tokens.length;
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [token, tf] of counts) {
        const list = lists.get(token) ?? { docs: [], tfs: [] };
        list.docs.push(doc);
        list.tfs.push(tf);
        lists.set(token, list);
      }
    });
    for (const [token, list] of lists)
      this.postings.set(token, {
        docs: Int32Array.from(list.docs),
        tfs: Float64Array.from(list.tfs),
      });
    const average = total / Math.max(1, documents.length);
    this.norms = Float64Array.from(documents, (tokens) => 1 - b + (b * tokens.length) / average);
    this.scores = new Float64Array(documents.length);
    this.masks = new Int32Array(documents.length);
  }

  /** The `limit` best documents sharing at least one informative word with the query. */
  search(query: readonly string[], limit: number): Bm25Hit[] {
    const n = this.norms.length;
    const words = [...new Set(query)].slice(0, MAX_QUERY_WORDS);
    words.forEach((word, bit) => {
      const list = this.postings.get(word);
      // (A tiny catalog keeps every word: there, half the documents is a handful.)
      if (!list || (n >= 50 && list.docs.length > n * MAX_DOCUMENT_SHARE)) return;
      const df = list.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < df; i++) {
        const doc = list.docs[i] ?? 0;
        const tf = list.tfs[i] ?? 0;
        if (this.masks[doc] === 0) this.touched.push(doc);
        this.scores[doc] =
          (this.scores[doc] ?? 0) +
          (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (this.norms[doc] ?? 1));
        this.masks[doc] = (this.masks[doc] ?? 0) | (1 << bit);
      }
    });
    const best = this.best(limit);
    const hits = best.map((doc) => ({
      doc,
      score: this.scores[doc] ?? 0,
      matched: words.filter((_, bit) => ((this.masks[doc] ?? 0) >> bit) & 1),
    }));
    for (const doc of this.touched) {
      this.scores[doc] = 0;
      this.masks[doc] = 0;
    }
    this.touched.length = 0;
    return hits;
  }

  /** The touched documents with the highest scores, best first, without sorting them all. */
  private best(limit: number): number[] {
    const score = (doc: number) => this.scores[doc] ?? 0;
    if (this.touched.length <= limit) return [...this.touched].sort((a, b) => score(b) - score(a));
    // A threshold from a sample, then a sort of what passes it: linear for large hit lists.
    const sample = this.touched
      .filter((_, i) => i % 8 === 0)
      .map(score)
      .sort((a, b) => b - a);
    const cut =
      sample[
        Math.min(sample.length - 1, Math.floor((limit / this.touched.length) * sample.length * 2))
      ] ?? 0;
    const passing = this.touched.filter((doc) => score(doc) >= cut);
    const pool = passing.length >= limit ? passing : this.touched;
    return pool.sort((a, b) => score(b) - score(a)).slice(0, limit);
  }
}
