import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { OutboxEntry } from '../store/repositories/outbox.js';
import type { Store } from '../store/store.js';
import type { ProductCard } from '../tools/product-cards.js';
import { type OutboundMessage, type QuickReply, RetryLaterError, type Senders } from './senders.js';

const MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 1000;
/**
 * A platform's "slow down" is waited out in place a few times, up to this long each, so the
 * conversation's next reply (which waits for this turn) cannot overtake this one. The waits
 * together stay under the outbox lease (60 s), so no other pass takes the entry meanwhile.
 */
const INLINE_RATE_LIMIT_WAITS = 3;
const MAX_INLINE_WAIT_MS = 15_000;

/**
 * Delivers stored replies: takes due outbox entries, hands them to their channel, and retries
 * failures with exponential backoff (or the platform's retry-after) up to five attempts.
 */
export class Delivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly senders: Senders,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Delivers everything due now; concurrent calls share one pass. */
  flush(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Retries what failed earlier, every `intervalMs`, until stop(). */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    for (
      let entry = await this.store.outbox.claimDue(this.now());
      entry;
      entry = await this.store.outbox.claimDue(this.now())
    ) {
      await this.deliver(entry);
    }
  }

  /** Hands an entry this process has taken (a fresh reply, or one claimed as due) to its channel. */
  async deliver(entry: OutboxEntry): Promise<void> {
    const sender = this.senders.get(entry.channel);
    try {
      if (!sender) throw new Error(`no sender for channel ${entry.channel}`);
      const message: OutboundMessage = {
        outboxId: entry.outboxId,
        conversationId: entry.conversationId,
        channel: entry.channel,
        conversationKey: entry.conversationKey,
        text: entry.text,
        cards: (entry.data?.cards as ProductCard[] | undefined) ?? [],
        quickReplies: (entry.data?.quickReplies as QuickReply[] | undefined) ?? [],
      };
      for (let waits = 0; ; waits++) {
        try {
          await sender.deliver(message);
          break;
        } catch (error) {
          const waitable =
            error instanceof RetryLaterError &&
            error.retryAfterMs <= MAX_INLINE_WAIT_MS &&
            waits < INLINE_RATE_LIMIT_WAITS;
          if (!waitable) throw error;
          this.logger.info(
            { outboxId: entry.outboxId, retryAfterMs: error.retryAfterMs },
            'rate limited by the platform; waiting before sending again',
          );
          await sleep(error.retryAfterMs);
        }
      }
      await this.store.outbox.markSent(entry.outboxId, this.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const wait =
        error instanceof RetryLaterError
          ? error.retryAfterMs
          : BASE_BACKOFF_MS * 2 ** (entry.attempts - 1);
      const retryAt = entry.attempts >= MAX_ATTEMPTS ? null : new Date(this.now().getTime() + wait);
      this.logger.warn(
        { outboxId: entry.outboxId, attempt: entry.attempts, retryAt, error: message },
        'delivery failed',
      );
      await this.store.outbox.markAttemptFailed(entry.outboxId, message, retryAt);
    }
  }
}
