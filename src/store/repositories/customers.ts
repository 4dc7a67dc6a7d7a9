import type { Collection } from 'mongodb';
import { type Address, type Customer, normaliseName } from '../../domain/retail.js';
import { chunks } from '../chunks.js';
import type { CollectionSpec } from '../collection-spec.js';
import { type UpsertCounts, upsertByKey } from '../upsert.js';

export const customersSpec: CollectionSpec = {
  name: 'customers',
  indexes: [
    { key: { customerId: 1 }, name: 'customerId_unique', unique: true },
    { key: { email: 1 }, name: 'email_unique', unique: true },
    { key: { 'address.postalCode': 1 }, name: 'postal_code' },
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

  /** Names compare in any case and spacing; the postal code narrows the search first. */
  async findByNameAndPostalCode(name: string, postalCode: string): Promise<Customer | null> {
    const wanted = normaliseName(name);
    const candidates = await this.collection
      .find({ 'address.postalCode': postalCode.trim() }, { projection: { _id: 0 } })
      .toArray();
    return candidates.find((c) => normaliseName(c.name) === wanted) ?? null;
  }

  /**
   * Adds `deltaCents` to one of the customer's gift cards, unless that would take it below
   * zero (checked in the same write, so two racing debits cannot overdraw it).
   */
  async moveGiftCard(
    customerId: string,
    methodId: string,
    deltaCents: number,
    at: Date,
  ): Promise<boolean> {
    const balance = `paymentMethods.${methodId}.balanceCents`;
    const result = await this.collection.updateOne(
      {
        customerId,
        [`paymentMethods.${methodId}.kind`]: 'gift_card',
        ...(deltaCents < 0 ? { [balance]: { $gte: -deltaCents } } : {}),
      },
      { $inc: { [balance]: deltaCents }, $set: { changedInConciergeAt: at } },
    );
    return result.modifiedCount === 1;
  }

  async setAddress(customerId: string, address: Address, at: Date): Promise<Customer | null> {
    const result = await this.collection.updateOne(
      { customerId },
      { $set: { address, changedInConciergeAt: at } },
    );
    return result.matchedCount === 1 ? this.findById(customerId) : null;
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

  /**
   * What an import brings in. A customer Concierge changed keeps its default address and its
   * gift cards' balances (the file cannot know of those changes); cards the file adds or
   * removes, names and e-mails come from the file.
   */
  upsertMany(customers: readonly Customer[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, customers, ['customerId'], {
      keepStored: ['createdAt', 'changedInConciergeAt'],
      merge: (stored, incoming) => {
        if (!stored.changedInConciergeAt) return { ...incoming };
        const paymentMethods = { ...incoming.paymentMethods };
        for (const [id, method] of Object.entries(paymentMethods)) {
          const before = stored.paymentMethods?.[id];
          if (method.kind === 'gift_card' && before?.kind === 'gift_card')
            paymentMethods[id] = { ...method, balanceCents: before.balanceCents };
        }
        return { ...incoming, address: stored.address, paymentMethods };
      },
    });
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
