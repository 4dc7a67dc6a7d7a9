/**
 * Item-to-item collaborative filtering from purchase histories. Two items are similar when the
 * same customers bought both: each customer's vote is damped by how much they buy
 * (1 / log2(2 + items)), and the sum is normalised by both items' buyer counts (cosine), so a
 * best-seller is not everyone's neighbour. Each item keeps its top neighbours only.
 *
 * Items and customers are dense integer ids. Adding purchases recomputes just the neighbours of
 * the items those customers bought, so new orders never need a full rebuild.
 */
export class ItemCF {
  private readonly buyers: number[][];
  private readonly histories = new Map<number, number[]>();
  private readonly neighbourLists: { item: number; score: number }[][];
  private readonly scratch: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    readonly itemCount: number,
    private readonly keep = 50,
  ) {
    this.buyers = Array.from({ length: itemCount }, () => []);
    this.neighbourLists = Array.from({ length: itemCount }, () => []);
    this.scratch = new Float64Array(itemCount);
  }

  /** Records that `customer` bought `items`; returns the items whose neighbours may change. */
  add(customer: number, items: readonly number[]): number[] {
    const history = this.histories.get(customer) ?? [];
    const known = new Set(history);
    const fresh = [...new Set(items)].filter((item) => !known.has(item));
    for (const item of fresh) {
      history.push(item);
      this.buyers[item]?.push(customer);
    }
    this.histories.set(customer, history);
    return fresh.length > 0 ? history : [];
  }

  /** Everything a customer has bought, in the order first bought. */
  history(customer: number): readonly number[] {
    return this.histories.get(customer) ?? [];
  }

  buyerCount(item: number): number {
    return this.buyers[item]?.length ?? 0;
  }

  /** (Re)computes the neighbour lists of `items`, or of every item. */
  refresh(items: Iterable<number> = this.buyers.keys()): void {
    for (const item of items) this.neighbourLists[item] = this.computeNeighbours(item);
  }

  neighbours(item: number): readonly { item: number; score: number }[] {
    return this.neighbourLists[item] ?? [];
  }

  private computeNeighbours(item: number): { item: number; score: number }[] {
    const buyers = this.buyers[item] ?? [];
    if (buyers.length === 0) return [];
    for (const customer of buyers) {
      const history = this.histories.get(customer) ?? [];
      const vote = 1 / Math.log2(2 + history.length);
      for (const other of history) {
        if (other === item) continue;
        if (this.scratch[other] === 0) this.touched.push(other);
        this.scratch[other] = (this.scratch[other] ?? 0) + vote;
      }
    }
    const list: { item: number; score: number }[] = [];
    for (const other of this.touched) {
      const together = this.scratch[other] ?? 0;
      this.scratch[other] = 0;
      list.push({
        item: other,
        score: together / Math.sqrt(buyers.length * this.buyerCount(other)),
      });
    }
    this.touched.length = 0;
    list.sort((a, b) => b.score - a.score);
    return list.slice(0, this.keep);
  }
}
