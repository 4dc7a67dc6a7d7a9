import type { Collection } from 'mongodb';
import type { Order, OrderStatus, Purchase } from '../../domain/retail.js';
import type { CollectionSpec } from '../collection-spec.js';

import { type UpsertCounts, upsertByKey } from '../upsert.js';

export const ordersSpec: CollectionSpec = {
  name: 'orders',
  indexes: [
    { key: { orderNumber: 1 }, name: 'orderNumber_unique', unique: true },
    { key: { customerId: 1, placedAt: -1 }, name: 'customer_recent' },
    { key: { status: 1, placedAt: -1 }, name: 'status_recent' },
  ],
};

export class OrdersRepository {
  constructor(private readonly collection: Collection<Order>) {}

  findByNumber(orderNumber: string): Promise<Order | null> {
    return this.collection.findOne({ orderNumber }, { projection: { _id: 0 } });
  }

  /** The order only when it belongs to `customerId`: another customer's order is "not found". */
  findOwned(orderNumber: string, customerId: string): Promise<Order | null> {
    return this.collection.findOne({ orderNumber, customerId }, { projection: { _id: 0 } });
  }

  /**
   * Applies a change to an order of `customerId` that is still in one of `statuses` and was
   * last changed at `seen` (in the same write, so of two racing changes one is made).
   */
  async updateOwned(
    orderNumber: string,
    customerId: string,
    statuses: readonly OrderStatus[],
    set: Partial<Order>,
    seen: Date,
  ): Promise<boolean> {
    const result = await this.collection.updateOne(
      { orderNumber, customerId, status: { $in: [...statuses] }, updatedAt: seen },
      { $set: set },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Every kept order's products, with who bought them and when (cancelled ones left out): the
   * input of the recommender; placed after a date, or of one customer, when given.
   */
  listPurchases(placedAfter?: Date, customerId?: string): Promise<Purchase[]> {
    return this.collection
      .find(
        {
          status: { $ne: 'cancelled' },
          ...(placedAfter ? { placedAt: { $gt: placedAfter } } : {}),
          ...(customerId ? { customerId } : {}),
        },
        { projection: { _id: 0, customerId: 1, items: 1, placedAt: 1 } },
      )
      .map((o) => ({
        customerId: o.customerId,
        productIds: o.items.map((i) => i.productId),
        placedAt: o.placedAt,
      }))
      .toArray();
  }

  /** Newest first. */
  listForCustomer(customerId: string, limit = 20): Promise<Order[]> {
    return this.collection
      .find({ customerId }, { projection: { _id: 0 } })
      .sort({ placedAt: -1 })
      .limit(limit)
      .toArray();
  }

  /**
   * What an import brings in. An order changed in Concierge after the file's latest date for
   * it (cancelled, re-addressed, a return asked for) is kept as it is; a file with later
   * events for it (the warehouse shipped it) replaces it, and the customer's return request,
   * which only Concierge records, is carried over.
   */
  upsertMany(orders: readonly Order[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, orders, ['orderNumber'], {
      newerWins: 'updatedAt',
      keepStored: ['returnRequest'],
    });
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
