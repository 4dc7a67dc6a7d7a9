import type { Collection } from 'mongodb';
import type { Product } from '../../commerce/types.js';
import type { CollectionSpec } from '../collection-spec.js';
import { type UpsertCounts, upsertByKey } from '../upsert.js';

export const productsSpec: CollectionSpec = {
  name: 'products',
  indexes: [
    { key: { productId: 1 }, name: 'productId_unique', unique: true },
    { key: { 'variants.sku': 1 }, name: 'variant_sku' },
    { key: { category: 1 }, name: 'category' },
  ],
};

export class ProductsRepository {
  constructor(private readonly collection: Collection<Product>) {}

  findById(productId: string): Promise<Product | null> {
    return this.collection.findOne({ productId }, { projection: { _id: 0 } });
  }

  findBySku(sku: string): Promise<Product | null> {
    return this.collection.findOne({ 'variants.sku': sku }, { projection: { _id: 0 } });
  }

  listByCategory(category: string, limit = 50): Promise<Product[]> {
    return this.collection
      .find({ category }, { projection: { _id: 0 } })
      .sort({ productId: 1 })
      .limit(limit)
      .toArray();
  }

  upsertMany(products: readonly Product[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, products, ['productId']);
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
