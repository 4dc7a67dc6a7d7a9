import type { Collection } from 'mongodb';
import type { Product } from '../../domain/retail.js';
import { chunks } from '../chunks.js';
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

  /** The products that own any of these SKUs. */
  async findBySkus(skus: readonly string[]): Promise<Product[]> {
    const found: Product[] = [];
    for (const batch of chunks([...new Set(skus)])) {
      found.push(
        ...(await this.collection
          .find({ 'variants.sku': { $in: batch } }, { projection: { _id: 0 } })
          .toArray()),
      );
    }
    return [...new Map(found.map((p) => [p.productId, p])).values()];
  }

  /** Every product, by id. */
  /** Whether the product was there to change. */
  async setDescription(productId: string, description: string): Promise<boolean> {
    const result = await this.collection.updateOne({ productId }, { $set: { description } });
    return result.matchedCount === 1;
  }

  listAll(): Promise<Product[]> {
    return this.collection
      .find({}, { projection: { _id: 0 } })
      .sort({ productId: 1 })
      .toArray();
  }

  upsertMany(products: readonly Product[]): Promise<UpsertCounts> {
    return upsertByKey(this.collection, products, ['productId'], { keepStored: ['createdAt'] });
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
