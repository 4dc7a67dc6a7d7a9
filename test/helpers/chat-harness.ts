import { randomUUID } from 'node:crypto';
import { type Concierge, type ConciergePorts, createConcierge } from '../../src/concierge.js';
import type { ChannelSender } from '../../src/conversation/senders.js';
import type { OutboundMessage } from '../../src/domain/outbound.js';
import { createLogger } from '../../src/logger.js';

/** Records what the pipeline delivers, as a channel adapter would receive it. */
export class RecordingSender implements ChannelSender {
  readonly delivered: OutboundMessage[] = [];
  typingCount = 0;
  readonly partials: string[] = [];

  async deliver(message: OutboundMessage): Promise<void> {
    this.delivered.push(message);
  }

  async typing(): Promise<void> {
    this.typingCount++;
  }

  partial(_conversationKey: string, textSoFar: string): void {
    this.partials.push(textSoFar);
  }
}

export interface Chat {
  /** Sends one customer message and resolves with the reply delivered for it (null: none). */
  say(text: string): Promise<OutboundMessage | null>;
  conversationKey: string;
  userId: string;
}

export interface Harness {
  concierge: Concierge;
  sender: RecordingSender;
  /** A new conversation on web chat, optionally as a given platform user. */
  chat(userId?: string): Chat;
}

/** The real pipeline with the offline model over `ports`, delivering into a recorder. */
export function createHarness(
  ports: ConciergePorts,
  options: Partial<Parameters<typeof createConcierge>[0]> = {},
): Harness {
  const logger = createLogger({ level: 'silent', format: 'json' });
  const concierge = createConcierge({
    config: { llm: null, llmTimeoutMs: 5000, llmMaxRetries: 0 },
    ports,
    logger,
    ...options,
  });
  const sender = new RecordingSender();
  concierge.senders.register('webchat', sender);
  return {
    concierge,
    sender,
    chat(userId = `visitor-${randomUUID()}`) {
      const conversationKey = `chat-${randomUUID()}`;
      return {
        conversationKey,
        userId,
        async say(text) {
          const before = sender.delivered.length;
          const { turn } = await concierge.pipeline.receive({
            channel: 'webchat',
            conversationKey,
            platformUserId: userId,
            text,
            eventKey: `webchat:${randomUUID()}`,
            receivedAt: new Date(),
          });
          await turn;
          return (
            sender.delivered.slice(before).find((m) => m.conversationKey === conversationKey) ??
            null
          );
        },
      };
    },
  };
}
