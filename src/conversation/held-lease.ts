import type { Logger } from '../logger.js';
import type { LeaseGrant, Leases } from '../ports/leases.js';

/** Thrown when a turn finds its conversation claimed by another worker: it writes nothing. */
export class LeaseLostError extends Error {
  constructor(conversationId: string) {
    super(`the lease of conversation ${conversationId} was claimed by another worker`);
    this.name = 'LeaseLostError';
  }
}

/**
 * A conversation's lease while this process answers it: renewed in the background (an LLM may
 * take longer than the lease), fenced before each turn's writes, released at the end.
 */
export class HeldLease {
  private timer: NodeJS.Timeout;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private grant: LeaseGrant,
    private readonly leases: Leases,
    private readonly ttlMs: number,
    private readonly now: () => Date,
    logger: Logger,
  ) {
    this.timer = setInterval(
      () => {
        this.renewing = this.leases
          .renew(this.grant, this.now(), this.ttlMs)
          .then((held) => {
            if (!held)
              logger.warn({ conversationId: grant.conversationId }, 'lease lost while answering');
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'could not renew a lease'));
      },
      Math.max(50, Math.floor(ttlMs / 3)),
    );
    this.timer.unref();
  }

  get epoch(): number {
    return this.grant.epoch;
  }

  get worker(): string {
    return this.grant.worker;
  }

  /** Takes the next epoch before the turn writes; throws LeaseLostError when it is taken. */
  async fence(): Promise<void> {
    const next = await this.leases.advance(this.grant, this.now(), this.ttlMs);
    if (!next) throw new LeaseLostError(this.grant.conversationId);
    this.grant = next;
  }

  /**
   * Whether no other worker has taken the conversation since the last fence: a worker whose
   * lease ran out leaves the sending to the new holder, which waits for it a lease's length.
   */
  async held(): Promise<boolean> {
    return this.leases.current(this.grant);
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    await this.leases.release(this.grant, this.now());
  }
}
