import type { Collection } from 'mongodb';
import type { Channel } from '../../domain/channel.js';
import type { DeliveryAddresses } from '../../ports/staff.js';
import type { CollectionSpec } from '../collection-spec.js';

/**
 * How to reach a conversation again later, in the platform's own terms (for Teams, the Bot
 * Framework conversation reference with its service URL). Kept in MongoDB so a reply after a
 * restart, or a person answering hours later, still reaches the customer.
 */
interface DeliveryAddress {
  _id: string;
  channel: Channel;
  conversationKey: string;
  address: Record<string, unknown>;
  updatedAt: Date;
}

export const deliveryAddressesSpec: CollectionSpec = { name: 'delivery_addresses', indexes: [] };

export class DeliveryAddressesRepository implements DeliveryAddresses {
  constructor(private readonly collection: Collection<DeliveryAddress>) {}

  async save(
    channel: Channel,
    conversationKey: string,
    address: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    await this.collection.updateOne(
      { _id: `${channel}:${conversationKey}` },
      { $set: { channel, conversationKey, address, updatedAt: at } },
      { upsert: true },
    );
  }

  async find(channel: Channel, conversationKey: string): Promise<Record<string, unknown> | null> {
    const found = await this.collection.findOne({ _id: `${channel}:${conversationKey}` });
    return found?.address ?? null;
  }
}
