import { setTimeout as sleep } from 'node:timers/promises';
import { Periodic } from '../background/periodic.js';
import type { OutboxEntry } from '../domain/messaging.js';
import type { OutboundMessage } from '../domain/outbound.js';
import type { Logger } from '../logger.js';
import type { Outbox } from '../ports/messaging.js';
import { PermanentDeliveryError, RetryLaterError, type Senders } from './senders.js';

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
 * failures with exponential backoff (or the platform's retry-after) up to five attempts. A
 * platform's refusal for good (`PermanentDeliveryError`) fails the entry at once.
 */
export class Delivery {
  private readonly passes: Periodic;
  /**
   * Replies the platform has that could not be recorded as sent (the database went away in
   * between): recorded by the next pass, and never handed to the platform again meanwhile.
   */
  private readonly sentUnrecorded = new Map<string, Date>();

  constructor(
    private readonly outbox: Outbox,
    private readonly senders: Senders,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {
    this.passes = new Periodic('deliver the outbox', () => this.pass(), logger);
  }

  /** Delivers everything due now; concurrent calls share one pass; a failed pass is logged. */
  flush(): Promise<void> {
    return this.passes.run();
  }

  /** Retries what failed earlier, every `intervalMs`, until stop(). */
  start(intervalMs = 1000): void {
    this.passes.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  private async pass(): Promise<void> {
    for (const outboxId of this.sentUnrecorded.keys()) await this.recordRemembered(outboxId);
    for (
      let entry = await this.outbox.claimDue(this.now());
      entry;
      entry = await this.outbox.claimDue(this.now())
    ) {
      await this.deliver(entry);
    }
  }

  /** Hands an entry this process has taken (a fresh reply, or one claimed as due) to its channel. */
  async deliver(entry: OutboxEntry): Promise<void> {
    if (this.sentUnrecorded.has(entry.outboxId)) await this.recordRemembered(entry.outboxId);
    else if (await this.send(entry)) await this.recordSent(entry.outboxId);
  }

  /** Records as sent a reply remembered as delivered (when it was), and forgets it. */
  private async recordRemembered(outboxId: string): Promise<void> {
    const sentAt = this.sentUnrecorded.get(outboxId);
    if (!sentAt) return;
    await this.outbox.markSent(outboxId, sentAt);
    this.sentUnrecorded.delete(outboxId);
  }

  private async recordSent(outboxId: string): Promise<void> {
    const at = this.now();
    try {
      await this.outbox.markSent(outboxId, at);
    } catch (error) {
      this.sentUnrecorded.set(outboxId, at);
      this.logger.warn(
        { err: error, outboxId },
        'delivered, but could not record it as sent; recorded when the database is back',
      );
    }
  }

  /** Hands the entry to its channel; false (and the attempt recorded) when that failed. */
  private async send(entry: OutboxEntry): Promise<boolean> {
    const sender = this.senders.get(entry.channel);
    try {
      if (!sender) throw new Error(`no sender for channel ${entry.channel}`);
      const message: OutboundMessage = {
        outboxId: entry.outboxId,
        conversationId: entry.conversationId,
        channel: entry.channel,
        conversationKey: entry.conversationKey,
        text: entry.text,
        authorRole: entry.authorRole ?? 'bot',
        cards: entry.data?.cards ?? [],
        quickReplies: entry.data?.quickReplies ?? [],
        ...(entry.inReplyTo ? { inReplyTo: entry.inReplyTo } : {}),
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
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const wait =
        error instanceof RetryLaterError
          ? error.retryAfterMs
          : BASE_BACKOFF_MS * 2 ** (entry.attempts - 1);
      const final = entry.attempts >= MAX_ATTEMPTS || error instanceof PermanentDeliveryError;
      const retryAt = final ? null : new Date(this.now().getTime() + wait);
      this.logger.warn(
        { outboxId: entry.outboxId, attempt: entry.attempts, retryAt, error: message },
        error instanceof PermanentDeliveryError
          ? 'delivery refused by the platform for good; not retried'
          : 'delivery failed',
      );
      await this.outbox.markAttemptFailed(entry.outboxId, message, retryAt);
      return false;
    }
  }
}
