import type { Feed, FeedEvent, FeedListener } from '../ports/feed.js';

export type { FeedEvent } from '../ports/feed.js';

/** In-process fan-out to the consoles connected to this process (one process only). */
export class ConsoleFeed implements Feed {
  private readonly listeners = new Set<FeedListener>();

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: FeedEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
