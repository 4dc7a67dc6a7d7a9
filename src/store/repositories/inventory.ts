import type { Collection } from 'mongodb';
import type { InventoryRecord } from '../../domain/retail.js';
import type { CollectionSpec } from '../collection-spec.js';
import { type UpsertCounts, upsertByKey } from '../upsert.js';

export const inventorySpec: CollectionSpec = {
  name: 'inventory',
  indexes: [
    { key: { sku: 1, location: 1 }, name: 'sku_location_unique', unique: true },
    { key: { productId: 1 }, name: 'productId' },
  ],
};

export class InventoryRepository {
  constructor(private readonly collection: Collection<InventoryRecord>) {}

  forProduct(productId: string): Promise<InventoryRecord[]> {
    return this.collection
      .find({ productId }, { projection: { _id: 0 } })
      .sort({ sku: 1, location: 1 })
      .toArray();
  }

  forSku(sku: string): Promise<InventoryRecord[]> {
    return this.collection
      .find({ sku }, { projection: { _id: 0 } })
      .sort({ location: 1 })
      .toArray();
  }

  /** Units per SKU across all locations. */
  async unitsBySku(): Promise<Map<string, number>> {
    const units = new Map<string, number>();
    const records = this.collection.find({}, { projection: { _id: 0, sku: 1, quantity: 1 } });
    for await (const record of records) {
      units.set(record.sku, (units.get(record.sku) ?? 0) + record.quantity);
    }
    return units;
  }

  /** Units in stock per product, all variants and locations together. */
  async totalsByProduct(): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    const records = this.collection.find({}, { projection: { _id: 0, productId: 1, quantity: 1 } });
    for await (const record of records) {
      totals.set(record.productId, (totals.get(record.productId) ?? 0) + record.quantity);
    }
    return totals;
  }

  upsertMany(records: readonly InventoryRecord[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, records, ['sku', 'location'], {
      ignoreInComparison: ['updatedAt'],
    });
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
