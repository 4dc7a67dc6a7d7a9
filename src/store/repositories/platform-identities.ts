import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../collection-spec.js';

export type Channel = 'slack' | 'discord' | 'teams' | 'webchat';

/** A platform user linked to a customer record by a verification step. */
export interface PlatformIdentity {
  channel: Channel;
  platformUserId: string;
  customerId: string;
  linkedAt: Date;
}

export const platformIdentitiesSpec: CollectionSpec = {
  name: 'platform_identities',
  indexes: [
    { key: { channel: 1, platformUserId: 1 }, name: 'channel_user_unique', unique: true },
    { key: { customerId: 1 }, name: 'customerId' },
  ],
};

export class PlatformIdentitiesRepository {
  constructor(private readonly collection: Collection<PlatformIdentity>) {}

  /** Links (or re-links) a platform user to a customer; the latest verification wins. */
  async link(identity: PlatformIdentity): Promise<void> {
    await this.collection.updateOne(
      { channel: identity.channel, platformUserId: identity.platformUserId },
      { $set: { customerId: identity.customerId, linkedAt: identity.linkedAt } },
      { upsert: true },
    );
  }

  async customerIdFor(channel: Channel, platformUserId: string): Promise<string | null> {
    const found = await this.collection.findOne({ channel, platformUserId });
    return found?.customerId ?? null;
  }

  listForCustomer(customerId: string): Promise<PlatformIdentity[]> {
    return this.collection.find({ customerId }, { projection: { _id: 0 } }).toArray();
  }
}
