import type { Catalog } from '../commerce/catalog.js';
import { formatMoney } from '../commerce/money.js';
import type { Product } from '../commerce/types.js';

export type StockLevel = 'in_stock' | 'low' | 'out_of_stock';

/** A product as a card: what a channel renders with image, price and stock. */
export interface ProductCard {
  productId: string;
  name: string;
  price: string;
  imageUrl: string;
  stock: StockLevel;
  /** Why it is shown, when it was recommended. */
  reason?: string;
}

export function stockLevel(total: number): StockLevel {
  return total === 0 ? 'out_of_stock' : total <= 5 ? 'low' : 'in_stock';
}

export async function productCard(
  catalog: Catalog,
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
