import type { Collection } from 'mongodb';
import type { Customer } from '../../commerce/types.js';
import type { CollectionSpec } from '../collection-spec.js';
import { type UpsertCounts, upsertByKey } from '../upsert.js';

export const customersSpec: CollectionSpec = {
  name: 'customers',
  indexes: [
    { key: { customerId: 1 }, name: 'customerId_unique', unique: true },
    { key: { email: 1 }, name: 'email_unique', unique: true },
  ],
};

export class CustomersRepository {
  constructor(private readonly collection: Collection<Customer>) {}

  findById(customerId: string): Promise<Customer | null> {
    return this.collection.findOne({ customerId }, { projection: { _id: 0 } });
  }

  /** Emails are stored lower-cased, so look-ups ignore case. */
  findByEmail(email: string): Promise<Customer | null> {
    return this.collection.findOne({ email: email.trim().toLowerCase() }, { projection: { _id: 0 } });
  }

  upsertMany(customers: readonly Customer[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, customers, ['customerId']);
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
