/**
 * A sliding-window limit per key (a chat session, a client address), in memory: enough to
 * stop one browser or script from flooding the agent. Keys idle for a window are forgotten.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long `key` must wait before its next request counts, without counting one. */
  peek(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => now - at < this.windowMs);
    return recent.length >= this.limit ? this.windowMs - (now - (recent[0] ?? now)) : 0;
  }

  /** Counts one request for `key`; how long to wait when over the limit, else 0. */
  take(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return this.windowMs - (now - (recent[0] ?? now));
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((at) => now - at >= this.windowMs)) this.hits.delete(key);
    }
  }
}
