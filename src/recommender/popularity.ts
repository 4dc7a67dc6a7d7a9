const DAY_MS = 86_400_000;

/**
 * Popularity with recency: every purchase counts, halved for each `halfLifeDays` of age, so
 * what sells now outranks what sold a year ago. Items are dense integer ids.
 */
export class Popularity {
  private readonly scores: Float64Array;
  private ranking: number[] | null = null;

  constructor(
    itemCount: number,
    private readonly now: number,
    private readonly halfLifeDays = 30,
  ) {
    this.scores = new Float64Array(itemCount);
  }

  add(item: number, at: number): void {
    this.scores[item] =
      (this.scores[item] ?? 0) + 0.5 ** ((this.now - at) / DAY_MS / this.halfLifeDays);
    this.ranking = null;
  }

  score(item: number): number {
    return this.scores[item] ?? 0;
  }

  /** Items, most popular first (only those bought at all). */
  ranked(): readonly number[] {
    this.ranking ??= [...this.scores.keys()]
      .filter((item) => (this.scores[item] ?? 0) > 0)
      .sort((a, b) => (this.scores[b] ?? 0) - (this.scores[a] ?? 0));
    return this.ranking;
  }

  max(): number {
    const [top] = this.ranked();
    return top === undefined ? 0 : this.score(top);
  }
}
