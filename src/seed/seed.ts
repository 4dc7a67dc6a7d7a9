import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { generateDemoData } from './generate.js';

export interface SeedSummary {
  products: number;
  inventory: number;
  customers: number;
  orders: number;
  durationMs: number;
}

const DAY_MS = 86_400_000;

/** Midnight UTC of `now`'s day: seeding twice on one day writes identical documents. */
export function seedDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/** True when none of the retailer's collections holds anything (so demo data may go in). */
export async function commerceIsEmpty(store: Store): Promise<boolean> {
  const counts = await Promise.all([
    store.products.count(),
    store.inventory.count(),
    store.customers.count(),
    store.orders.count(),
  ]);
  return counts.every((count) => count === 0);
}

/**
 * Writes the demo retailer. Upserts by the retailer ids, so running it again (or from two
 * processes at once) leaves one copy of everything.
 */
export async function seedDemoData(store: Store, now: Date, logger: Logger): Promise<SeedSummary> {
  const started = performance.now();
  const data = generateDemoData(seedDay(now));
  logger.info(
    {
      products: data.products.length,
      inventory: data.inventory.length,
      customers: data.customers.length,
      orders: data.orders.length,
    },
    'seeding demo data',
  );
  await store.products.upsertMany(data.products);
  await store.inventory.upsertMany(data.inventory);
  await store.customers.upsertMany(data.customers);
  await store.orders.upsertMany(data.orders);
  const summary: SeedSummary = {
    products: data.products.length,
    inventory: data.inventory.length,
    customers: data.customers.length,
    orders: data.orders.length,
    durationMs: Math.round(performance.now() - started),
  };
  logger.info(summary, 'demo data seeded');
  return summary;
}
