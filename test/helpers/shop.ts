import type { Filter } from 'mongodb';
import { beforeAll } from 'vitest';
import type { Customer, Order } from '../../src/domain/retail.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoData } from '../../src/seed/seed.js';
import { useDemoHelpCenter, useTestStore } from './test-store.js';

const DAY_MS = 86_400_000;

/**
 * A test store with the demo shop in it, and a way to pick orders that no other test of the
 * file has used (tests change orders: cancel, return, readdress).
 */
export function useDemoShop(name: string) {
  const t = useTestStore(name);
  useDemoHelpCenter(t);
  const used = new Set<string>();
  beforeAll(async () => {
    await seedDemoData(t.store, new Date(), createLogger({ level: 'silent', format: 'json' }));
  }, 120_000);

  async function order(filter: Filter<Order>): Promise<{ order: Order; customer: Customer }> {
    const candidates = await t.db
      .collection<Order>('orders')
      .find(filter, { projection: { _id: 0 } })
      // Sorted: servers return an unsorted find in different orders (MongoDB in index order),
      // and every server should hand a test the same fixtures.
      .sort({ orderNumber: 1 })
      .limit(200)
      .toArray();
    const order = candidates.find((o) => !used.has(o.orderNumber) && !used.has(o.customerId));
    if (!order) throw new Error(`no unused order matches ${JSON.stringify(filter)}`);
    used.add(order.orderNumber);
    used.add(order.customerId);
    const customer = await t.store.customers.findById(order.customerId);
    if (!customer) throw new Error(`order ${order.orderNumber} has no customer`);
    return { order, customer };
  }

  return {
    t,
    order,
    /** A delivered order still inside the 30-day return window. */
    recentDelivery: () =>
      order({
        status: 'delivered',
        'shipment.deliveredAt': { $gte: new Date(Date.now() - 20 * DAY_MS) },
      }),
    oldDelivery: () =>
      order({
        status: 'delivered',
        'shipment.deliveredAt': { $lte: new Date(Date.now() - 60 * DAY_MS) },
      }),
  };
}
