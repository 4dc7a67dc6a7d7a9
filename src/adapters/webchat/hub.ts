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

type Listener = (event: ChatEvent) => void;

export class ChatHub {
  private readonly listeners = new Map<string, Set<Listener>>();

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
    for (const listener of this.listeners.get(sessionId) ?? []) listener(event);
  }
}
