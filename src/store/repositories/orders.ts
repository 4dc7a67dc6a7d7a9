import type { Collection } from 'mongodb';
import type { Order } from '../../commerce/types.js';
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

  /** Newest first. */
  listForCustomer(customerId: string, limit = 20): Promise<Order[]> {
    return this.collection
      .find({ customerId }, { projection: { _id: 0 } })
      .sort({ placedAt: -1 })
      .limit(limit)
      .toArray();
  }

  upsertMany(orders: readonly Order[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, orders, ['orderNumber']);
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
