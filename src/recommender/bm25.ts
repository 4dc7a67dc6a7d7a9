/**
 * Okapi BM25 over a fixed set of documents (products), for matching a shopper's words and
 * remembered interests against product text. Documents are numbered 0..n-1.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[] = [];
  private averageLength = 0;

  constructor(
    documents: readonly (readonly string[])[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    documents.forEach((tokens, doc) => {
      this.lengths.push(tokens.length);
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [token, tf] of counts) {
        const list = this.postings.get(token) ?? [];
        list.push({ doc, tf });
        this.postings.set(token, list);
      }
    });
    this.averageLength =
      this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, this.lengths.length);
  }

  /** Scores of the documents that share at least one word with the query; the words matched. */
  search(query: readonly string[]): Map<number, { score: number; matched: Set<string> }> {
    const scores = new Map<number, { score: number; matched: Set<string> }>();
    const n = this.lengths.length;
    for (const token of new Set(query)) {
      const list = this.postings.get(token);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = 1 - this.b + (this.b * (this.lengths[doc] ?? 0)) / this.averageLength;
        const gain = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * norm);
        const entry = scores.get(doc) ?? { score: 0, matched: new Set<string>() };
        entry.score += gain;
        entry.matched.add(token);
        scores.set(doc, entry);
      }
    }
    return scores;
  }
}
