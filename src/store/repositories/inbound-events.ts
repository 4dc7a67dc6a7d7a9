import type { Collection } from 'mongodb';
import type { InboundEvent } from '../../domain/messaging.js';
import type { Inbox, RecordResult } from '../../ports/messaging.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce } from './duplicate-key.js';

export const inboundEventsSpec: CollectionSpec = {
  name: 'inbound_events',
  indexes: [
    { key: { eventKey: 1 }, name: 'eventKey_unique', unique: true },
    { key: { processedAt: 1, receivedAt: 1 }, name: 'unprocessed_oldest' },
  ],
};

export class InboundEventsRepository implements Inbox {
  constructor(private readonly collection: Collection<InboundEvent & { _id?: string }>) {}

  /** `duplicate` when an event with this key was stored before: a platform retry. */
  record(event: Omit<InboundEvent, 'processedAt'>): Promise<RecordResult> {
    return insertOnce(this.collection, { ...event, _id: event.eventKey, processedAt: null });
  }

  async markProcessed(eventKey: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: eventKey }, { $set: { processedAt: at } });
  }

  async isPending(eventKey: string): Promise<boolean> {
    const found = await this.collection.findOne(
      { _id: eventKey, processedAt: null },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  /** Events stored but never answered (for example before a crash), oldest first. */
  unprocessed(limit: number): Promise<InboundEvent[]> {
    return this.collection
      .find({ processedAt: null }, { projection: { _id: 0 } })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .toArray();
  }
}
