import type { ChannelSender } from '../../conversation/senders.js';
import type { OutboundMessage } from '../../domain/outbound.js';
import type { ChatHub } from './hub.js';

/**
 * Delivery to a web chat session. A browser that is not listening right now loses nothing:
 * the reply is stored, and the page loads the history when it connects.
 */
export class WebChatSender implements ChannelSender {
  constructor(
    private readonly hub: ChatHub,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliver(message: OutboundMessage): Promise<void> {
    this.hub.publish(message.conversationKey, {
      type: 'message',
      id: message.outboxId,
      role: message.authorRole,
      text: message.text,
      cards: message.cards,
      quickReplies: message.quickReplies,
      at: this.now().toISOString(),
    });
  }

  partial(conversationKey: string, textSoFar: string): void {
    this.hub.publish(conversationKey, { type: 'draft', text: textSoFar });
  }

  async typing(conversationKey: string): Promise<void> {
    this.hub.publish(conversationKey, { type: 'typing' });
  }
}
