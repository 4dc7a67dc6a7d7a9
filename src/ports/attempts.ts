import type { AttemptPolicy } from '../domain/attempt-limit.js';

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/** Counters of attempts per key, kept across sessions, channels and processes. */
export interface AttemptCounters {
  /** When the latest of the keys allows its next attempt (null: now), counting nothing. */
  waitUntil(
    keys: readonly { key: string; policy: AttemptPolicy }[],
    at: Date,
  ): Promise<Date | null>;
  /**
   * Counts one attempt against every key when each of them allows one now (by its policy);
   * otherwise counts nothing and says when the latest of them allows the next.
   */
  take(keys: readonly { key: string; policy: AttemptPolicy }[], at: Date): Promise<AttemptVerdict>;
}
