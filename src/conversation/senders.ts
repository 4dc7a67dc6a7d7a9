import type { Channel } from '../domain/channel.js';
import type { OutboundMessage } from '../domain/outbound.js';

/**
 * A delivery the platform asked to retry later (HTTP 429 and the like): waited out, then
 * tried again.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/**
 * A delivery the platform refused for good (the bot was removed from the channel, the
 * conversation no longer exists, its credentials were revoked: HTTP 401, 403, 404, 410):
 * trying again cannot succeed, so the entry fails at once instead of being retried.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** HTTP statuses that say a delivery can never succeed as it is. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 410]);

export function isPermanentStatus(status: number): boolean {
  return PERMANENT_STATUSES.has(status);
}

/** How one channel delivers replies; adapters implement it, the pipeline never sees a platform. */
export interface ChannelSender {
  deliver(message: OutboundMessage): Promise<void>;
  /**
   * Shows that the bot is working on an answer, where the platform can; `messageId` is the
   * platform's id of the customer's message being answered, when it has one.
   */
  typing?(conversationKey: string, messageId?: string): Promise<void>;
  /** The answer so far while the LLM streams it; the stored reply follows through deliver(). */
  partial?(conversationKey: string, textSoFar: string): void;
}

export class Senders {
  private readonly byChannel = new Map<Channel, ChannelSender>();

  register(channel: Channel, sender: ChannelSender): void {
    this.byChannel.set(channel, sender);
  }

  get(channel: Channel): ChannelSender | undefined {
    return this.byChannel.get(channel);
  }
}
