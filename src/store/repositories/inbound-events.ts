import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';
import type { Channel } from './platform-identities.js';

/**
 * A platform event as it arrived. Storing it and recording its event key are one write, so a
 * crash can never mark as seen an event that was not kept.
 */
export interface InboundEvent {
  /** The platform's own id for the event (Slack event_id, Discord message id, ...); also `_id`. */
  eventKey: string;
  channel: Channel;
  conversationKey: string;
  platformUserId: string;
  text: string;
  receivedAt: Date;
  processedAt: Date | null;
}

export type RecordResult = 'stored' | 'duplicate';

export const inboundEventsSpec: CollectionSpec = {
  name: 'inbound_events',
  indexes: [
    { key: { eventKey: 1 }, name: 'eventKey_unique', unique: true },
    { key: { processedAt: 1, receivedAt: 1 }, name: 'unprocessed_oldest' },
  ],
};

export class InboundEventsRepository {
  constructor(private readonly collection: Collection<InboundEvent & { _id?: string }>) {}

  /** `duplicate` when an event with this key was stored before: a platform retry. */
  async record(event: Omit<InboundEvent, 'processedAt'>): Promise<RecordResult> {
    try {
      await this.collection.insertOne({ ...event, _id: event.eventKey, processedAt: null });
      return 'stored';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
  }

  async markProcessed(eventKey: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: eventKey }, { $set: { processedAt: at } });
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
