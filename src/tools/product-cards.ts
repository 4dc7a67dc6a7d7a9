import { formatMoney } from '../domain/money.js';
import type { ProductCard, StockLevel } from '../domain/outbound.js';
import type { Product } from '../domain/retail.js';
import type { ProductCatalog } from '../ports/commerce.js';
import type { VariantView } from './results.js';

export function stockLevel(total: number): StockLevel {
  return total === 0 ? 'out_of_stock' : total <= 5 ? 'low' : 'in_stock';
}

export async function productCard(
  catalog: ProductCatalog,
  product: Product,
  reason?: string,
): Promise<ProductCard> {
  return {
    productId: product.productId,
    name: product.name,
    price: formatMoney(product.priceCents, product.currency),
    imageUrl: `/images/products/${encodeURIComponent(product.productId)}.svg`,
    stock: stockLevel(await catalog.totalStock(product.productId)),
    ...(reason ? { reason } : {}),
  };
}

/** Every option name of a product with the values its variants come in, in catalog order. */
export function variantOptions(product: Product): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  for (const variant of product.variants) {
    for (const [name, value] of Object.entries(variant.options)) {
      const values = options[name] ?? [];
      if (!values.includes(value)) values.push(value);
      options[name] = values;
    }
  }
  return options;
}

/** Each variant with its options, price and whether it can be had (offered, and in stock when stock is kept). */
export async function variantViews(
  catalog: ProductCatalog,
  product: Product,
): Promise<VariantView[]> {
  const stock = new Map<string, number>();
  for (const record of await catalog.stock(product.productId))
    stock.set(record.sku, (stock.get(record.sku) ?? 0) + record.quantity);
  return product.variants.map((v) => ({
    sku: v.sku,
    options: v.options,
    price: formatMoney(v.priceCents, product.currency),
    available: v.available && (stock.get(v.sku) ?? 1) > 0,
  }));
}
