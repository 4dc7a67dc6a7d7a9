/**
 * What customers buy next: for each item, the items bought after it by the same customer,
 * the very next purchase counting most (each step further back halves a vote), normalised by
 * how often the item leads anywhere, so the score is "of what follows X, how much is Y".
 * A purchase sequence says what collaborative filtering over whole histories cannot: order.
 * Items and customers are dense integer ids; purchases are added in time order.
 */
export class Transitions {
  private readonly next: Map<number, number>[];
  private readonly outgoing: Float64Array;
  /** Each customer's latest distinct items, most recent last. */
  private readonly recent = new Map<number, number[]>();

  constructor(
    itemCount: number,
    /** How many earlier purchases lead to a new one. */
    private readonly window = 3,
  ) {
    this.next = Array.from({ length: itemCount }, () => new Map());
    this.outgoing = new Float64Array(itemCount);
  }

  /** Records that `customer` bought `items` after everything recorded for them before. */
  add(customer: number, items: readonly number[]): void {
    const before = this.recent.get(customer) ?? [];
    for (const item of new Set(items)) {
      for (let back = 1; back <= Math.min(this.window, before.length); back++) {
        const previous = before[before.length - back];
        if (previous === undefined || previous === item) continue;
        const vote = 0.5 ** (back - 1);
        const followers = this.next[previous];
        if (!followers) continue;
        followers.set(item, (followers.get(item) ?? 0) + vote);
        this.outgoing[previous] = (this.outgoing[previous] ?? 0) + vote;
      }
    }
    const updated = [...before.filter((i) => !items.includes(i)), ...new Set(items)];
    this.recent.set(customer, updated.slice(-this.window));
  }

  /** What follows `item`, with each follower's share of what follows it. */
  *followers(item: number): Generator<{ item: number; score: number }> {
    const total = this.outgoing[item] ?? 0;
    if (total === 0) return;
    for (const [follower, votes] of this.next[item] ?? [])
      yield { item: follower, score: votes / total };
  }
}
