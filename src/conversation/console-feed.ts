import { z } from 'zod';
import type { Relay } from '../background/relay.js';
import { CONVERSATION_MODES } from '../domain/conversation.js';
import { ESCALATION_STATUSES } from '../domain/escalation.js';
import type { Feed, FeedEvent, FeedListener } from '../ports/feed.js';

export type { FeedEvent } from '../ports/feed.js';

const TOPIC = 'feed';

/** A feed event as another process stored it, checked before a console hears it. */
const feedEventSchema: z.ZodType<FeedEvent> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    conversationId: z.string(),
    role: z.enum(['customer', 'bot', 'staff', 'note']),
    text: z.string(),
    author: z.string().optional(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('mode'),
    conversationId: z.string(),
    mode: z.enum(CONVERSATION_MODES),
    by: z.string().optional(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('escalation'),
    conversationId: z.string(),
    escalationId: z.string(),
    status: z.enum(ESCALATION_STATUSES),
    by: z.string().optional(),
    outcome: z.enum(['bot', 'closed']).optional(),
    at: z.string(),
  }),
]);

/**
 * What the staff consoles hear, from every process: published here, shared through the relay.
 * `subscribeLocal` hears only this process's own events (the Slack staff channel posts what
 * happened here, so N processes do not post it N times).
 */
export class ConsoleFeed implements Feed {
  constructor(private readonly relay: Relay) {}

  subscribe(listener: FeedListener): () => void {
    return this.listen(listener, true);
  }

  subscribeLocal(listener: FeedListener): () => void {
    return this.listen(listener, false);
  }

  publish(event: FeedEvent): void {
    this.relay.publish(TOPIC, event);
  }

  private listen(listener: FeedListener, remote: boolean): () => void {
    return this.relay.subscribe(
      TOPIC,
      (payload) => {
        const event = feedEventSchema.safeParse(payload);
        if (event.success) listener(event.data);
      },
      { remote },
    );
  }
}
