import type { Customer, InventoryRecord, Order, Product } from '../domain/retail.js';
import { generateInventory, generateProducts } from './catalog.js';
import { CATEGORIES } from './catalog-data.js';
import { generateShoppers } from './customers.js';
import {
  basket,
  buildOrder,
  companionsOf,
  groupByCategory,
  ORDER_WINDOW_DAYS,
  type OrderContext,
} from './orders.js';
import { Random } from './random.js';

/**
 * The demo retailer, generated from a fixed seed. The model behind the orders:
 * - each customer has 1-3 interests (categories), one shoe and apparel size, favourite colours;
 * - within a category a few products sell far more than the rest (Zipf popularity);
 * - a basket starts from an interest 85% of the time, adds one of the anchor's two fixed
 *   companions (boots -> socks or waterproofing) 45% of the time, another interest item 15%;
 * - consumables (socks, coffee, sunscreen, bars, care products) are re-bought: once bought,
 *   40% of later baskets include one again;
 * - orders are spread over 18 months up to `now`; status follows age (pending and processing
 *   within a day, shipped within a week, then delivered), with ~4% cancelled and ~5% returned.
 * Dates are relative to `now`, so the same seed on another day gives the same shop, shifted.
 */
export const DEMO_SEED = 20_241_124;
const DAY_MS = 86_400_000;

export interface DemoData {
  products: Product[];
  inventory: InventoryRecord[];
  customers: Customer[];
  orders: Order[];
}

export function generateDemoData(now: Date, seed = DEMO_SEED): DemoData {
  const windowStart = new Date(now.getTime() - ORDER_WINDOW_DAYS * DAY_MS);
  const products = generateProducts(new Random(seed), windowStart);
  const inventory = generateInventory(new Random(seed + 1), products, now);
  const shoppers = generateShoppers(new Random(seed + 2), windowStart);
  const rng = new Random(seed + 3);
  const ctx: OrderContext = {
    rng,
    byCategory: groupByCategory(products),
    companions: companionsOf(rng, products),
    categories: CATEGORIES.map((c) => c.category),
  };
  const orders: Order[] = [];
  for (const shopper of shoppers) {
    const from = Math.max(windowStart.getTime(), shopper.customer.createdAt.getTime());
    const count = 2 + Math.floor(rng.next() ** 2 * 9);
    const times = Array.from(
      { length: count },
      () => from + rng.next() * (now.getTime() - from),
    ).sort((a, b) => a - b);
    const consumablesBought: Product[] = [];
    for (const time of times) {
      const items = basket(ctx, shopper, consumablesBought);
      const orderNumber = `NW-${String(100001 + orders.length)}`;
      orders.push(buildOrder(ctx, shopper, items, orderNumber, new Date(Math.floor(time)), now));
      for (const item of items)
        if (item.consumable && !consumablesBought.includes(item)) consumablesBought.push(item);
    }
  }
  return { products, inventory, customers: shoppers.map((s) => s.customer), orders };
}
