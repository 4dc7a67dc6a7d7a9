import type { Collection } from 'mongodb';
import type { Channel } from '../../domain/channel.js';
import type { PlatformIdentity } from '../../domain/customer-profile.js';
import type { PlatformIdentities } from '../../ports/customers.js';
import type { CollectionSpec } from '../collection-spec.js';

/** `_id` of an identity: a primary-key look-up on every server. */
function identityId(channel: Channel, platformUserId: string): string {
  return `${channel}:${platformUserId}`;
}

export const platformIdentitiesSpec: CollectionSpec = {
  name: 'platform_identities',
  indexes: [
    { key: { channel: 1, platformUserId: 1 }, name: 'channel_user_unique', unique: true },
    { key: { customerId: 1 }, name: 'customerId' },
  ],
};

export class PlatformIdentitiesRepository implements PlatformIdentities {
  constructor(private readonly collection: Collection<PlatformIdentity & { _id?: string }>) {}

  /** Links (or re-links) a platform user to a customer; the latest verification wins. */
  async link(identity: PlatformIdentity): Promise<void> {
    await this.collection.updateOne(
      { _id: identityId(identity.channel, identity.platformUserId) },
      {
        $set: { customerId: identity.customerId, linkedAt: identity.linkedAt },
        $setOnInsert: { channel: identity.channel, platformUserId: identity.platformUserId },
      },
      { upsert: true },
    );
  }

  async customerIdFor(channel: Channel, platformUserId: string): Promise<string | null> {
    const found = await this.collection.findOne({ _id: identityId(channel, platformUserId) });
    return found?.customerId ?? null;
  }

  listForCustomer(customerId: string): Promise<PlatformIdentity[]> {
    return this.collection.find({ customerId }, { projection: { _id: 0 } }).toArray();
  }
}
