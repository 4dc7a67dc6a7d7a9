import { ConciergeError, ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Inbox, RecordResult } from '../ports/messaging.js';
import type { Spool, SpooledEvent } from '../ports/spool.js';

export type IntakeResult = 'stored' | 'duplicate' | 'spooled';

/**
 * How long storing an inbound event in MongoDB may take before it goes to the spool instead:
 * well inside the 3 s a Slack or Teams request has for its answer.
 */
export const DIRECT_STORE_TIMEOUT_MS = 1500;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the inbox in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Makes an inbound event durable before it is acknowledged: in the inbox when the database
 * takes it, else in the spool on disk. While anything waits in the spool, new events join it
 * behind, so events are moved to the inbox in the order they came.
 */
export class SpooledIntake {
  private spooling = false;

  constructor(
    private readonly inbox: Inbox,
    private readonly spool: Spool | undefined,
    private readonly logger: Logger,
    private readonly directTimeoutMs = DIRECT_STORE_TIMEOUT_MS,
  ) {}

  get waiting(): number {
    return this.spool?.size ?? 0;
  }

  async store(event: SpooledEvent): Promise<IntakeResult> {
    const { spool } = this;
    if (!spool) return this.inbox.record(event);
    if (spool.size === 0) {
      try {
        return await within(this.inbox.record(event), this.directTimeoutMs);
      } catch (error) {
        // A store that timed out may still land: the spooled copy is then a duplicate when
        // moved, and the recovery sweep answers the stored one.
        if (!this.spooling)
          this.logger.warn(
            { err: error },
            'could not store an inbound event in MongoDB; keeping events in the local spool',
          );
        this.spooling = true;
      }
    }
    const appended = await spool.append(event);
    if (appended === 'full')
      throw new ConciergeError(
        ErrorCode.Unavailable,
        'the inbound spool is full and MongoDB cannot take events',
      );
    return appended;
  }

  /**
   * Moves spooled events to the inbox, oldest first, each inside `inOrder` (the pipeline's
   * per-thread intake) so a thread's next event is not stored before it; `onMoved` takes it
   * further. Stops at the first failure: the next pass tries again.
   */
  async drain(
    inOrder: (event: SpooledEvent, move: () => Promise<void>) => Promise<void>,
    onMoved: (event: SpooledEvent, recorded: RecordResult) => Promise<void>,
  ): Promise<number> {
    const { spool } = this;
    let moved = 0;
    for (let event = spool?.head(); spool && event; event = spool.head()) {
      const next = event;
      await inOrder(next, async () => {
        await onMoved(next, await within(this.inbox.record(next), this.directTimeoutMs));
        await spool.removeHead();
      });
      moved++;
    }
    if (moved > 0) {
      this.logger.info({ moved }, 'moved spooled inbound events to MongoDB');
      this.spooling = false;
    }
    return moved;
  }
}
