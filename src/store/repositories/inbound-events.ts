import type { Collection } from 'mongodb';
import { conversationIdFor } from '../../domain/conversation.js';
import type { InboundEvent } from '../../domain/messaging.js';
import type { Inbox, RecordResult } from '../../ports/messaging.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce } from './duplicate-key.js';

export const inboundEventsSpec: CollectionSpec = {
  name: 'inbound_events',
  indexes: [
    { key: { eventKey: 1 }, name: 'eventKey_unique', unique: true },
    { key: { processedAt: 1, receivedAt: 1 }, name: 'unprocessed_oldest' },
    { key: { conversationId: 1, processedAt: 1, receivedAt: 1 }, name: 'conversation_pending' },
  ],
};

/** Arrival order; the key breaks ties between events stamped in the same millisecond. */
const ARRIVAL = { receivedAt: 1, _id: 1 } as const;

export class InboundEventsRepository implements Inbox {
  constructor(private readonly collection: Collection<InboundEvent & { _id?: string }>) {}

  /** `duplicate` when an event with this key was stored before: a platform retry. */
  record(event: Omit<InboundEvent, 'processedAt'>): Promise<RecordResult> {
    return insertOnce(this.collection, {
      ...event,
      _id: event.eventKey,
      conversationId: conversationIdFor(event.channel, event.conversationKey),
      processedAt: null,
    });
  }

  async markProcessed(eventKey: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: eventKey }, { $set: { processedAt: at } });
  }

  /** Events stored but never answered (for example before a crash), oldest first. */
  unprocessed(limit: number): Promise<InboundEvent[]> {
    return this.collection
      .find({ processedAt: null }, { projection: { _id: 0 } })
      .sort(ARRIVAL)
      .limit(limit)
      .toArray();
  }

  pendingOf(conversationId: string, limit: number): Promise<InboundEvent[]> {
    return this.collection
      .find({ conversationId, processedAt: null }, { projection: { _id: 0 } })
      .sort(ARRIVAL)
      .limit(limit)
      .toArray();
  }

  /**
   * Gives unanswered events stored by a version without leases their conversation, so its
   * lease holder finds them.
   */
  async adoptUnassigned(): Promise<void> {
    const unassigned = await this.collection
      .find({ processedAt: null, conversationId: { $exists: false } })
      .limit(10_000)
      .toArray();
    for (const event of unassigned)
      await this.collection.updateOne(
        { _id: event.eventKey },
        { $set: { conversationId: conversationIdFor(event.channel, event.conversationKey) } },
      );
  }

  /** Deletes events answered before `before`; how many went. */
  async pruneProcessed(before: Date): Promise<number> {
    return (await this.collection.deleteMany({ processedAt: { $lt: before } })).deletedCount;
  }
}
