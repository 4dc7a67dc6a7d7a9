import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce } from './duplicate-key.js';

/** A Shopify webhook delivery as kept before it is acknowledged. */
export interface StoredWebhook {
  /** `X-Shopify-Webhook-Id`: the same on every retry of one delivery. */
  webhookId: string;
  topic: string;
  /** The record it is about (`gid://shopify/Order/1`), so deliveries apply in order per record. */
  resource: string;
  receivedAt: Date;
  processedAt: Date | null;
}

export const shopifyWebhooksSpec: CollectionSpec = {
  name: 'shopify_webhooks',
  indexes: [
    { key: { webhookId: 1 }, name: 'webhookId_unique', unique: true },
    { key: { processedAt: 1, receivedAt: 1 }, name: 'unprocessed_oldest' },
  ],
};

/** Store-first, insert-once, like the chat inbox: a repeated webhook id is a retry. */
export class ShopifyWebhooksRepository {
  constructor(private readonly collection: Collection<StoredWebhook>) {}

  record(webhook: Omit<StoredWebhook, 'processedAt'>): Promise<'stored' | 'duplicate'> {
    return insertOnce(this.collection, { ...webhook, processedAt: null });
  }

  async markProcessed(webhookId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ webhookId }, { $set: { processedAt: at } });
  }

  unprocessed(limit: number): Promise<StoredWebhook[]> {
    return this.collection
      .find({ processedAt: null }, { projection: { _id: 0 } })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .toArray();
  }
}

/** How far the first copy of each kind of record got, and when records were last reconciled. */
export interface SyncState {
  resource: 'products' | 'customers' | 'orders';
  /** The page to go on from; null before the first page and once done. */
  cursor: string | null;
  copied: number;
  startedAt: Date;
  finishedAt: Date | null;
  /** Records updated since this were reconciled last (the backfill's start before that). */
  reconciledFrom: Date;
}

export const shopifySyncSpec: CollectionSpec = {
  name: 'shopify_sync',
  indexes: [{ key: { resource: 1 }, name: 'resource_unique', unique: true }],
};

export class ShopifySyncRepository {
  constructor(private readonly collection: Collection<SyncState>) {}

  find(resource: SyncState['resource']): Promise<SyncState | null> {
    return this.collection.findOne({ resource }, { projection: { _id: 0 } });
  }

  async save(state: SyncState): Promise<void> {
    await this.collection.replaceOne({ resource: state.resource }, state, { upsert: true });
  }
}
