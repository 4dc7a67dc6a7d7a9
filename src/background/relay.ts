import type { Logger } from '../logger.js';
import type { BroadcastRecord, Broadcasts } from '../ports/broadcasts.js';

type Listener = (payload: unknown) => void;

/**
 * How far back each poll looks again, at least: a record is stamped before it is stored, and a
 * slow insert (a loaded server) becomes visible later than newer ones. The look-back grows to
 * twice the longest such lag seen, so a server that slows down widens it.
 */
const MIN_OVERLAP_MS = 3_000;
const POLL_LIMIT = 1_000;
/** Pages read in one poll at most; the next poll goes on. */
const MAX_PAGES = 20;
/** Records older than this are of no use to a live view: deleted as the relay goes. */
const KEEP_MS = 2 * 60_000;
const PRUNE_EVERY_MS = 30_000;
/** Events published within this long are stored in one write. */
const BATCH_MS = 25;

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
  private overlapMs = MIN_OVERLAP_MS;
  private lastPrune = 0;
  private batch: Omit<BroadcastRecord, 'id'>[] = [];
  private flushing: Promise<void> | null = null;

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
    // Stamped when stored (flushSoon), so the stamp is as close as can be to its visibility.
    this.batch.push({ origin: this.origin, topic, payload, at: this.now() });
    this.flushing ??= this.flushSoon(this.store);
  }

  /** Stores what was published meanwhile, in one write: a turn publishes several events. */
  private async flushSoon(store: Broadcasts): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, BATCH_MS));
    const at = this.now();
    const records = this.batch.map((record) => ({ ...record, at }));
    this.batch = [];
    this.flushing = null;
    const started = Date.now();
    await store
      .append(records)
      .then(() => {
        // Other processes' inserts take about as long as ours: look back over twice the
        // slowest, before one of theirs is missed rather than after.
        this.widen(Date.now() - started);
      })
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, events: records.length },
          'could not share events with other processes',
        ),
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
    const seenUpTo = this.cursor.getTime();
    let from = new Date(seenUpTo - this.overlapMs);
    for (let page = 0; page < MAX_PAGES; page++) {
      const records = await this.store.since(from, POLL_LIMIT);
      for (const record of records) {
        if (record.at > this.cursor) this.cursor = record.at;
        if (record.origin === this.origin || this.seen.has(record.id)) continue;
        this.seen.set(record.id, record.at.getTime());
        // It became visible after newer ones had been read: the look-back must reach twice
        // as far behind as it was.
        this.widen(seenUpTo - record.at.getTime());
        this.deliver(record.topic, record.payload, true);
      }
      const last = records.at(-1);
      if (records.length < POLL_LIMIT || !last) break;
      // The page was full: go on from its last stamp (the seen set skips what repeats).
      from = new Date(last.at.getTime() - 1);
    }
    const forgetBefore = this.cursor.getTime() - 2 * this.overlapMs;
    for (const [id, at] of this.seen) if (at < forgetBefore) this.seen.delete(id);
  }

  /** Makes the look-back at least twice `lateMs`, within what the store keeps. */
  private widen(lateMs: number): void {
    if (2 * lateMs > this.overlapMs) this.overlapMs = Math.min(2 * lateMs, KEEP_MS / 2);
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
