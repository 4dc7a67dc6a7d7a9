import type { Product, Variant } from '../domain/retail.js';
import type { Store } from '../store/store.js';

export interface SkuOwner {
  product: Product;
  variant: Variant;
}

/** The product and variant of each SKU that exists: stored, or from an earlier file of a dry run. */
export async function ownersBySku(
  store: Store,
  skus: readonly string[],
  earlier: readonly Product[] = [],
): Promise<Map<string, SkuOwner>> {
  const owners = new Map<string, SkuOwner>();
  for (const product of [...(await store.products.findBySkus(skus)), ...earlier]) {
    for (const variant of product.variants) owners.set(variant.sku, { product, variant });
  }
  return owners;
}
