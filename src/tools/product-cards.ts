import { formatMoney } from '../domain/money.js';
import type { ProductCard, StockLevel } from '../domain/outbound.js';
import type { Product } from '../domain/retail.js';
import type { ProductCatalog } from '../ports/commerce.js';

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

/** The sizes and colours a product comes in. */
export function variantOptions(product: Product): { sizes: string[]; colours: string[] } {
  const known = (values: (string | null)[]) => [
    ...new Set(values.filter((v): v is string => Boolean(v))),
  ];
  return {
    sizes: known(product.variants.map((v) => v.size)),
    colours: known(product.variants.map((v) => v.colour)),
  };
}
