import type { Logger } from '../logger.js';
import type { RateCounters } from '../ports/rate-counters.js';

/** Longer than this and the counters are treated as away: the request is let through. */
const COUNT_TIMEOUT_MS = 500;
/** One warning this often at most while the counters are away, not one per request. */
const WARN_EVERY_MS = 60_000;

/**
 * A limit per key (a chat session, a client address) and fixed window, counted in MongoDB so
 * it holds however many processes serve: enough to stop one browser or script from flooding
 * the agent. While the counters cannot be reached the request is let through (and logged):
 * the spool still takes the message, and a flood during an outage is bounded by the spool.
 */
export class RateLimiter {
  constructor(
    private readonly counters: RateCounters,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  private warnedAt = Number.NEGATIVE_INFINITY;
  private unchecked = 0;

  /** Counts one request for `key`; how long to wait when over the limit, else 0. */
  async take(key: string): Promise<number> {
    const now = this.now();
    const windowStart = now - (now % this.windowMs);
    let timer: NodeJS.Timeout | undefined;
    try {
      const count = await Promise.race([
        this.counters.hit(key, new Date(windowStart), this.windowMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('rate counters timed out')), COUNT_TIMEOUT_MS);
        }),
      ]);
      return count > this.limit ? windowStart + this.windowMs - now : 0;
    } catch (error) {
      this.unchecked++;
      if (now - this.warnedAt >= WARN_EVERY_MS) {
        this.logger.warn(
          { err: error, unchecked: this.unchecked },
          'rate limit not checked: the counters are unavailable or slow',
        );
        this.warnedAt = now;
        this.unchecked = 0;
      }
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
