import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { commerceIsEmpty, seedDemoData } from '../../../src/seed/seed.js';
import { useTestStore } from '../../helpers/test-store.js';

const logger = createLogger({ level: 'silent', format: 'json' });
const t = useTestStore('seed');

describe('seedDemoData', () => {
  it('loads the demo retailer into an empty database', async () => {
    expect(await commerceIsEmpty(t.store)).toBe(true);
    const summary = await seedDemoData(t.store, new Date('2026-11-24T15:00:00Z'), logger);
    expect(await t.store.products.count()).toBe(summary.products);
    expect(await t.store.inventory.count()).toBe(summary.inventory);
    expect(await t.store.customers.count()).toBe(summary.customers);
    expect(await t.store.orders.count()).toBe(summary.orders);
    expect(summary.orders).toBeGreaterThanOrEqual(5000);
    expect(await commerceIsEmpty(t.store)).toBe(false);
  }, 120_000);

  it('leaves one copy of everything when run again the same day', async () => {
    const before = await t.store.orders.count();
    await seedDemoData(t.store, new Date('2026-11-24T20:00:00Z'), logger);
    expect(await t.store.orders.count()).toBe(before);
    const customer = await t.store.customers.findById('C-00001');
    const orders = await t.store.orders.listForCustomer('C-00001');
    expect(orders.length).toBeGreaterThanOrEqual(2);
    expect(orders.every((o) => o.customerId === customer?.customerId)).toBe(true);
    expect(orders[0]?.placedAt.getTime()).toBeGreaterThanOrEqual(
      orders[1]?.placedAt.getTime() ?? 0,
    );
    // Comparing 13,000 stored records one by one takes a while on FerretDB next to other tests.
  }, 120_000);
});
