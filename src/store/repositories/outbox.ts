import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { NewOutboxEntry, OutboxEntry } from '../../domain/messaging.js';
import type { Claims, Outbox } from '../../ports/messaging.js';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

/** How long a delivery may take before another worker may try the entry again. */
const SENDING_LEASE_MS = 60_000;

/** How many due entries one claim call looks at before giving up to the other workers. */
const CLAIM_CANDIDATES = 10;

export const outboxSpec: CollectionSpec = {
  name: 'outbox',
  indexes: [
    { key: { outboxId: 1 }, name: 'outboxId_unique', unique: true },
    { key: { status: 1, nextAttemptAt: 1 }, name: 'due' },
    { key: { conversationId: 1, createdAt: 1 }, name: 'conversation_order' },
  ],
};

export class OutboxRepository implements Outbox {
  constructor(
    private readonly collection: Collection<OutboxEntry & { _id?: string }>,
    private readonly claims: Claims,
  ) {}

  /** Stores a reply for the background pass to deliver. */
  async enqueue(entry: NewOutboxEntry, at: Date): Promise<OutboxEntry> {
    const stored: OutboxEntry = {
      ...entry,
      outboxId: randomUUID(),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      sentAt: null,
      lastError: null,
    };
    await this.collection.insertOne({ ...stored, _id: stored.outboxId });
    return stored;
  }

  /**
   * Stores a reply under a fixed id, already taken (attempt 1) by the caller, who delivers it
   * at once; if that process dies first, the lease runs out and the background pass takes it
   * (attempt 2). Null when an entry with that id exists already (the reply was stored before).
   */
  async enqueueOnce(
    outboxId: string,
    entry: NewOutboxEntry,
    at: Date,
  ): Promise<OutboxEntry | null> {
    const stored: OutboxEntry = {
      ...entry,
      outboxId,
      status: 'sending',
      attempts: 1,
      nextAttemptAt: new Date(at.getTime() + SENDING_LEASE_MS),
      createdAt: at,
      sentAt: null,
      lastError: null,
    };
    try {
      await this.collection.insertOne({ ...stored, _id: outboxId });
      return stored;
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /**
   * Takes the oldest due entry: pending ones whose time has come, and ones being sent whose
   * lease ran out (their worker died). Two workers never get the same attempt.
   */
  async claimDue(now: Date, worker = 'outbox'): Promise<OutboxEntry | null> {
    const due = await this.collection
      .find(
        { status: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: now } },
        { projection: { _id: 0 } },
      )
      .sort({ nextAttemptAt: 1 })
      .limit(CLAIM_CANDIDATES)
      .toArray();
    for (const entry of due) {
      const claimed = await this.claimAttempt(entry, now, worker);
      if (claimed) return claimed;
    }
    return null;
  }

  async takeOver(outboxId: string, now: Date, worker: string): Promise<OutboxEntry | null> {
    const entry = await this.findById(outboxId);
    if (!entry || (entry.status !== 'pending' && entry.status !== 'sending')) return null;
    return this.claimAttempt(entry, now, worker);
  }

  /** The entry's next attempt, for the one caller whose claim on it succeeds. */
  private async claimAttempt(
    entry: OutboxEntry,
    now: Date,
    worker: string,
  ): Promise<OutboxEntry | null> {
    const attempt = entry.attempts + 1;
    if (!(await this.claims.claim(`outbox:${entry.outboxId}:attempt${attempt}`, worker, now)))
      return null;
    const nextAttemptAt = new Date(now.getTime() + SENDING_LEASE_MS);
    await this.collection.updateOne(
      { _id: entry.outboxId },
      { $set: { status: 'sending', attempts: attempt, nextAttemptAt } },
    );
    return { ...entry, status: 'sending', attempts: attempt, nextAttemptAt };
  }

  async markSent(outboxId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: outboxId }, { $set: { status: 'sent', sentAt: at } });
  }

  /** Back to pending at `retryAt`, or `failed` for good when `retryAt` is null. */
  async markAttemptFailed(outboxId: string, error: string, retryAt: Date | null): Promise<void> {
    await this.collection.updateOne(
      { _id: outboxId },
      {
        $set: retryAt
          ? { status: 'pending', nextAttemptAt: retryAt, lastError: error }
          : { status: 'failed', lastError: error },
      },
    );
  }

  findById(outboxId: string): Promise<OutboxEntry | null> {
    return this.collection.findOne({ _id: outboxId }, { projection: { _id: 0 } });
  }
}
