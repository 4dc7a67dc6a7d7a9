import type { Product, Variant } from '../domain/retail.js';
import type { Store } from '../store/store.js';

export interface SkuOwner {
  product: Product;
  variant: Variant;
}

/** The stored product and variant of each SKU that exists. */
export async function ownersBySku(
  store: Store,
  skus: readonly string[],
): Promise<Map<string, SkuOwner>> {
  const owners = new Map<string, SkuOwner>();
  for (const product of await store.products.findBySkus(skus)) {
    for (const variant of product.variants) owners.set(variant.sku, { product, variant });
  }
  return owners;
}
