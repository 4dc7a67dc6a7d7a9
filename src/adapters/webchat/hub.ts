import { z } from 'zod';
import type { Relay } from '../../background/relay.js';

/** Server-sent events for web chat: each browser session listens to its own conversation. */
export type ChatEvent =
  | { type: 'typing' }
  | { type: 'draft'; text: string }
  | {
      type: 'message';
      id: string;
      role: 'bot' | 'staff';
      text: string;
      cards: unknown[];
      /** Buttons to answer with; the page shows them only on a reply that arrives live. */
      quickReplies: unknown[];
      at: string;
    };

const TOPIC = 'webchat';

/** A session's event as another process stored it. */
const relayedSchema = z.object({
  sessionId: z.string(),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('typing') }),
    z.object({ type: z.literal('draft'), text: z.string() }),
    z.object({
      type: z.literal('message'),
      id: z.string(),
      role: z.enum(['bot', 'staff']),
      text: z.string(),
      cards: z.array(z.unknown()),
      quickReplies: z.array(z.unknown()),
      at: z.string(),
    }),
  ]),
});

type Listener = (event: ChatEvent) => void;

/**
 * A browser's stream may be held by one process while another answers its conversation, so
 * events go through the relay; drafts (every streamed chunk) stay in the process that makes
 * them, the stored reply reaches every process.
 */
export class ChatHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly relay: Relay) {
    relay.subscribe(TOPIC, (payload) => {
      const relayed = relayedSchema.safeParse(payload);
      if (!relayed.success) return;
      for (const listener of this.listeners.get(relayed.data.sessionId) ?? [])
        listener(relayed.data.event);
    });
  }

  subscribe(sessionId: string, listener: Listener): () => void {
    const set = this.listeners.get(sessionId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(sessionId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(sessionId);
    };
  }

  publish(sessionId: string, event: ChatEvent): void {
    this.relay.publish(TOPIC, { sessionId, event }, { local: event.type === 'draft' });
  }
}
