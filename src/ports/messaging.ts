import type { InboundEvent, NewOutboxEntry, OutboxEntry } from '../domain/messaging.js';

export type RecordResult = 'stored' | 'duplicate';

/** Every platform event, stored before it is acknowledged; a repeated event key is a retry. */
export interface Inbox {
  record(event: Omit<InboundEvent, 'processedAt'>): Promise<RecordResult>;
  markProcessed(eventKey: string, at: Date): Promise<void>;
  /** Events stored but never answered, oldest first. */
  unprocessed(limit: number): Promise<InboundEvent[]>;
  /** A conversation's events not yet answered, in arrival order. */
  pendingOf(conversationId: string, limit: number): Promise<InboundEvent[]>;
}

/** Replies stored before delivery, delivered once, retried with backoff. */
export interface Outbox {
  /**
   * Stores a reply under a fixed id, already taken (attempt 1) by the caller, who delivers it
   * at once; null when an entry with that id exists already.
   */
  enqueueOnce(outboxId: string, entry: NewOutboxEntry, at: Date): Promise<OutboxEntry | null>;
  /**
   * Takes an unsent entry's next attempt now, whatever its schedule: for the new holder of a
   * conversation whose previous holder stored the reply and died before sending it, so the
   * conversation's next reply does not overtake it. Null when sent, failed or taken.
   */
  takeOver(outboxId: string, now: Date, worker: string): Promise<OutboxEntry | null>;
  /** Takes the oldest due entry; two workers never get the same attempt. */
  claimDue(now: Date, worker?: string): Promise<OutboxEntry | null>;
  markSent(outboxId: string, at: Date): Promise<void>;
  /** Back to pending at `retryAt`, or failed for good when `retryAt` is null. */
  markAttemptFailed(outboxId: string, error: string, retryAt: Date | null): Promise<void>;
  findById(outboxId: string): Promise<OutboxEntry | null>;
}

/**
 * Insert-once claims: each names one state transition, and exactly one caller gets it, on
 * every server (a conditional update is not atomic on FerretDB).
 */
export interface Claims {
  claim(key: string, holder: string, at: Date): Promise<boolean>;
  exists(key: string): Promise<boolean>;
}
