import type { Logger } from '../logger.js';
import type { Broadcasts } from '../ports/broadcasts.js';

type Listener = (payload: unknown) => void;

/** How far back each poll looks again: another process's clock, or a slow insert, may lag. */
const OVERLAP_MS = 3_000;
const POLL_LIMIT = 1_000;
/** Records older than this are of no use to a live view: deleted as the relay goes. */
const KEEP_MS = 2 * 60_000;
const PRUNE_EVERY_MS = 30_000;

/**
 * Fans events out to listeners in every process: delivered at once to this process's
 * listeners, and stored for the others, which tail the store by polling (`poll()`, run by a
 * Periodic). Listeners that only want this process's own events (the Slack staff channel,
 * which each process posts to for its own escalations) subscribe with `remote: false`.
 * Without a store it is a plain in-process fan-out.
 */
export class Relay {
  private readonly listeners = new Map<string, Set<{ listener: Listener; remote: boolean }>>();
  /** Ids delivered from the store, kept for the overlap, so none is delivered twice. */
  private readonly seen = new Map<string, number>();
  private cursor: Date;
  private lastPrune = 0;

  constructor(
    private readonly store: Broadcasts | null,
    readonly origin: string,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cursor = this.now();
  }

  subscribe(topic: string, listener: Listener, options: { remote?: boolean } = {}): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    const entry = { listener, remote: options.remote ?? true };
    set.add(entry);
    this.listeners.set(topic, set);
    return () => {
      set.delete(entry);
      if (set.size === 0) this.listeners.delete(topic);
    };
  }

  /** Delivers here at once; stored for the other processes unless `local` (a draft, say). */
  publish(topic: string, payload: unknown, options: { local?: boolean } = {}): void {
    this.deliver(topic, payload, false);
    if (!this.store || options.local) return;
    this.store
      .append({ origin: this.origin, topic, payload, at: this.now() })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, topic }, 'could not share an event with other processes'),
      );
  }

  /** Delivers what other processes published since the last poll. */
  async poll(): Promise<void> {
    if (!this.store) return;
    const now = this.now();
    if (now.getTime() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      await this.store.prune(new Date(now.getTime() - KEEP_MS));
    }
    if (!this.hasRemoteListeners()) {
      // Nobody here listens: nothing to catch up on later either.
      this.cursor = now;
      return;
    }
    const records = await this.store.since(
      new Date(this.cursor.getTime() - OVERLAP_MS),
      POLL_LIMIT,
    );
    for (const record of records) {
      if (record.at > this.cursor) this.cursor = record.at;
      if (record.origin === this.origin || this.seen.has(record.id)) continue;
      this.seen.set(record.id, record.at.getTime());
      this.deliver(record.topic, record.payload, true);
    }
    const forgetBefore = this.cursor.getTime() - 2 * OVERLAP_MS;
    for (const [id, at] of this.seen) if (at < forgetBefore) this.seen.delete(id);
  }

  private hasRemoteListeners(): boolean {
    for (const set of this.listeners.values()) for (const l of set) if (l.remote) return true;
    return false;
  }

  private deliver(topic: string, payload: unknown, remote: boolean): void {
    for (const { listener, remote: wantsRemote } of this.listeners.get(topic) ?? []) {
      if (remote && !wantsRemote) continue;
      try {
        listener(payload);
      } catch (error) {
        this.logger.warn({ err: error, topic }, 'a listener failed on a relayed event');
      }
    }
  }
}
