/** What the staff console hears about, live: every message (notes too) and every mode change. */
export type FeedEvent =
  | {
      type: 'message';
      conversationId: string;
      role: 'customer' | 'bot' | 'staff' | 'note';
      text: string;
      author?: string;
      at: string;
    }
  | { type: 'mode'; conversationId: string; mode: string; by?: string; at: string }
  | {
      type: 'escalation';
      conversationId: string;
      escalationId: string;
      status: 'open' | 'taken' | 'closed';
      /** Who took or ended it; for a closed one, whether it went back to the bot or closed. */
      by?: string;
      outcome?: 'bot' | 'closed';
      at: string;
    };

type Listener = (event: FeedEvent) => void;

/** In-process fan-out to the consoles connected to this process. */
export class ConsoleFeed {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: FeedEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
