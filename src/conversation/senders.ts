import type { ProductCard } from '../tools/product-cards.js';
import type { InboundMessage } from './inbound.js';

/** A button under a reply; pressing it sends `text` as the customer's next message. */
export interface QuickReply {
  id: 'confirm' | 'decline' | 'human';
  label: string;
  text: string;
}

export interface OutboundMessage {
  outboxId: string;
  conversationId: string;
  channel: InboundMessage['channel'];
  conversationKey: string;
  text: string;
  cards: ProductCard[];
  quickReplies: QuickReply[];
}

/** A delivery the platform asked to retry later (HTTP 429 and the like). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** How one channel delivers replies; adapters implement it, the pipeline never sees a platform. */
export interface ChannelSender {
  deliver(message: OutboundMessage): Promise<void>;
  /** Shows that the bot is working on an answer, where the platform can. */
  typing?(conversationKey: string): Promise<void>;
  /** The answer so far while the LLM streams it; the stored reply follows through deliver(). */
  partial?(conversationKey: string, textSoFar: string): void;
}

export class Senders {
  private readonly byChannel = new Map<string, ChannelSender>();

  register(channel: InboundMessage['channel'], sender: ChannelSender): void {
    this.byChannel.set(channel, sender);
  }

  get(channel: string): ChannelSender | undefined {
    return this.byChannel.get(channel);
  }
}
