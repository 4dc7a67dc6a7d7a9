/** Requests counted per key and fixed window, shared by every process. */
export interface RateCounters {
  /** Counts one request for `key` in the window starting at `windowStart`; the count so far. */
  hit(key: string, windowStart: Date, windowMs: number): Promise<number>;
}
