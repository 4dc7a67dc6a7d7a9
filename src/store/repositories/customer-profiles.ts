import type { Collection } from 'mongodb';
import type { ProfileFacts } from '../../domain/customer-profile.js';
import type { CustomerProfiles } from '../../ports/customers.js';
import type { CollectionSpec } from '../collection-spec.js';

export interface CustomerProfile {
  customerId: string;
  facts: ProfileFacts;
  updatedAt: Date;
}

export const customerProfilesSpec: CollectionSpec = {
  name: 'customer_profiles',
  indexes: [{ key: { customerId: 1 }, name: 'customerId_unique', unique: true }],
};

export class CustomerProfilesRepository implements CustomerProfiles {
  constructor(private readonly collection: Collection<CustomerProfile>) {}

  async facts(customerId: string): Promise<ProfileFacts> {
    return (await this.collection.findOne({ customerId }))?.facts ?? {};
  }

  /** Merges new facts into the stored ones; a fact given again replaces the old value. */
  async remember(customerId: string, facts: ProfileFacts, at: Date): Promise<ProfileFacts> {
    const set: Record<string, unknown> = { updatedAt: at };
    for (const [key, value] of Object.entries(facts)) {
      if (value !== undefined) set[`facts.${key}`] = value;
    }
    await this.collection.updateOne({ customerId }, { $set: set }, { upsert: true });
    return this.facts(customerId);
  }
}
