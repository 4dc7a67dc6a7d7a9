/**
 * Who answers a conversation right now, across processes. A lease is held by one worker at an
 * epoch; the epoch grows with every claim and every commit, and a number is taken by exactly
 * one worker (a unique insert, atomic on every server), so a worker whose lease ran out and
 * was claimed by another finds its next number taken and stores nothing more.
 */
export interface LeaseGrant {
  conversationId: string;
  worker: string;
  epoch: number;
  expiresAt: Date;
}

export interface Leases {
  /** The conversation's lease for `worker`; null while another worker holds an unexpired one. */
  acquire(
    conversationId: string,
    worker: string,
    at: Date,
    ttlMs: number,
  ): Promise<LeaseGrant | null>;
  /**
   * The next epoch, taken before a turn's writes (the fence): null when another worker has
   * claimed the conversation since `grant`, and the turn must not write.
   */
  advance(grant: LeaseGrant, at: Date, ttlMs: number): Promise<LeaseGrant | null>;
  /** Extends the lease while a turn runs; false when it was lost meanwhile. */
  renew(grant: LeaseGrant, at: Date, ttlMs: number): Promise<boolean>;
  /** Whether no other worker has claimed the conversation since `grant` (one read). */
  current(grant: LeaseGrant): Promise<boolean>;
  /** Lets the next worker claim the conversation at once. */
  release(grant: LeaseGrant, at: Date): Promise<void>;
}
