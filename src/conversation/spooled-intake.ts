import { threadOf } from '../domain/messaging.js';
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
/** Threads whose spooled events are moved at once. */
const DRAIN_THREADS = 16;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the inbox in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Makes an inbound event durable before it is acknowledged: in the inbox when the database
 * takes it, else in the spool on disk. While a thread has events waiting in the spool, its
 * new events join them behind, so each thread's events reach the inbox in the order they came.
 */
export class SpooledIntake {
  private spooling = false;
  private drainFailing = false;

  constructor(
    private readonly inbox: Inbox,
    private readonly spool: Spool | undefined,
    private readonly logger: Logger,
    private readonly directTimeoutMs = DIRECT_STORE_TIMEOUT_MS,
  ) {}

  get waiting(): number {
    return this.spool?.size ?? 0;
  }

  /** Whether the event waits in the spool: the drain answers it, in its thread's order. */
  holds(eventKey: string): boolean {
    return this.spool?.has(eventKey) ?? false;
  }

  async store(event: SpooledEvent): Promise<IntakeResult> {
    const { spool } = this;
    if (!spool) return this.inbox.record(event);
    // Order matters within a thread: while one of its events waits here, the rest follow it.
    if (!spool.holdsThread(event)) {
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
   * Moves spooled events to the inbox: each thread's in the order they came, threads side by
   * side (at most DRAIN_THREADS at once); `onMoved` takes each further before it leaves the
   * spool. No lock is needed against a thread's new events: while any of its events wait
   * here they join them, and once the last has left they go to the inbox themselves, after
   * it was taken further. The pass stops at its first failure (logged once until a pass
   * works again): the next one tries again.
   */
  async drain(
    onMoved: (event: SpooledEvent, recorded: RecordResult) => Promise<void>,
  ): Promise<number> {
    const { spool } = this;
    if (!spool) return 0;
    let moved = 0;
    // Set by the first failed move; read by every worker, so all stop.
    const failure: { failed: boolean; reason?: unknown } = { failed: false };
    const moveThread = async (events: SpooledEvent[]) => {
      for (const event of events) {
        if (failure.failed) return;
        try {
          await onMoved(event, await within(this.inbox.record(event), this.directTimeoutMs));
          await spool.remove(event.eventKey);
          moved++;
        } catch (reason) {
          if (!failure.failed) Object.assign(failure, { failed: true, reason });
        }
      }
    };
    try {
      // Events spooled during a pass wait for the next round of it.
      for (let pending = spool.pending(); pending.length > 0; pending = spool.pending()) {
        const threads = new Map<string, SpooledEvent[]>();
        for (const event of pending) {
          const thread = threadOf(event);
          const events = threads.get(thread);
          if (events) events.push(event);
          else threads.set(thread, [event]);
        }
        const queue = [...threads.values()];
        await Promise.all(
          Array.from({ length: Math.min(DRAIN_THREADS, queue.length) }, async () => {
            for (let events = queue.shift(); events && !failure.failed; events = queue.shift())
              await moveThread(events);
          }),
        );
        if (failure.failed) break;
      }
    } finally {
      if (moved > 0) this.logger.info({ moved }, 'moved spooled inbound events to MongoDB');
    }
    // Said once per outage, not every second.
    if (failure.failed && !this.drainFailing)
      this.logger.warn(
        { err: failure.reason, waiting: spool.size },
        'could not move spooled inbound events to MongoDB yet; trying every second',
      );
    this.drainFailing = failure.failed;
    if (!failure.failed) this.spooling = false;
    return moved;
  }
}
