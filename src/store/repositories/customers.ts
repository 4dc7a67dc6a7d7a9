import type { Collection } from 'mongodb';
import type { Customer } from '../../domain/retail.js';
import { chunks } from '../chunks.js';
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
    return this.collection.findOne(
      { email: email.trim().toLowerCase() },
      { projection: { _id: 0 } },
    );
  }

  /** Customers whose name or email contains `text` (any case), for staff search. */
  search(text: string, limit: number): Promise<Customer[]> {
    const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    return this.collection
      .find({ $or: [{ name: pattern }, { email: pattern }] }, { projection: { _id: 0 } })
      .limit(limit)
      .toArray();
  }

  findByIds(customerIds: readonly string[]): Promise<Customer[]> {
    return this.findIn('customerId', customerIds);
  }

  findByEmails(emails: readonly string[]): Promise<Customer[]> {
    return this.findIn('email', emails);
  }

  private async findIn(
    field: 'customerId' | 'email',
    values: readonly string[],
  ): Promise<Customer[]> {
    const found: Customer[] = [];
    for (const batch of chunks([...new Set(values)])) {
      found.push(
        ...(await this.collection
          .find({ [field]: { $in: batch } }, { projection: { _id: 0 } })
          .toArray()),
      );
    }
    return found;
  }

  upsertMany(customers: readonly Customer[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, customers, ['customerId'], { keepStored: ['createdAt'] });
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
