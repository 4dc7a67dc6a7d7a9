import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, STATUSES_SET_BY_CONCIERGE } from '../../../src/domain/retail.js';
import { CATEGORIES } from '../../../src/seed/catalog-data.js';
import { generateDemoData } from '../../../src/seed/generate.js';

const NOW = new Date('2026-11-24T00:00:00Z');
const data = generateDemoData(NOW);
const DAY_MS = 86_400_000;

describe('generateDemoData', () => {
  it('is deterministic for a seed and a day', () => {
    const again = generateDemoData(NOW);
    expect(again.orders).toEqual(data.orders);
    expect(again.products).toEqual(data.products);
    expect(generateDemoData(NOW, 1).orders[0]).not.toEqual(data.orders[0]);
  });

  it('has the promised size', () => {
    expect(data.products.length).toBeGreaterThanOrEqual(300);
    expect(data.customers.length).toBeGreaterThanOrEqual(1000);
    expect(data.orders.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(data.products.map((p) => p.category)).size).toBe(CATEGORIES.length);
  });

  it('uses unique ids, SKUs and emails', () => {
    const skus = data.products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(skus).size).toBe(skus.length);
    expect(new Set(data.customers.map((c) => c.email)).size).toBe(data.customers.length);
    expect(new Set(data.orders.map((o) => o.orderNumber)).size).toBe(data.orders.length);
    expect(new Set(data.inventory.map((r) => `${r.sku}@${r.location}`)).size).toBe(
      data.inventory.length,
    );
  });

  it('gives sized products variants per size and colour', () => {
    const boot = data.products.find((p) => p.category === 'footwear');
    expect(boot?.variants.some((v) => v.options.size === '42')).toBe(true);
    expect(boot?.description).toContain(boot?.name ?? '?');
  });

  it('has stock out, low and plentiful, with restock dates in the future', () => {
    const out = data.inventory.filter((r) => r.quantity === 0);
    const low = data.inventory.filter((r) => r.quantity > 0 && r.quantity <= 3);
    expect(out.length / data.inventory.length).toBeGreaterThan(0.03);
    expect(low.length / data.inventory.length).toBeGreaterThan(0.05);
    expect(out.some((r) => r.restockDate && r.restockDate > NOW)).toBe(true);
  });

  it('spreads orders over 18 months and covers every status', () => {
    const times = data.orders.map((o) => o.placedAt.getTime());
    expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 500 * DAY_MS);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    const statuses = new Set(data.orders.map((o) => o.status));
    for (const status of ORDER_STATUSES.filter((s) => !STATUSES_SET_BY_CONCIERGE.includes(s)))
      expect(statuses).toContain(status);
  });

  it('keeps order records consistent', () => {
    for (const order of data.orders) {
      const subtotal = order.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
      expect(order.subtotalCents).toBe(subtotal);
      expect(order.totalCents).toBe(subtotal + order.shippingCents);
      if (
        order.status === 'shipped' ||
        order.status === 'delivered' ||
        order.status === 'returned'
      ) {
        expect(order.shipment?.trackingNumber).toMatch(/^\w{10,}$/);
      }
      if (order.status === 'delivered') expect(order.shipment?.deliveredAt).toBeInstanceOf(Date);
      if (order.status === 'cancelled') expect(order.cancelledAt).toBeInstanceOf(Date);
    }
  });

  it('has co-purchase structure: some pairs are bought together far more than chance', () => {
    const productCount = new Map<string, number>();
    const pairCount = new Map<string, number>();
    for (const order of data.orders) {
      const ids = [...new Set(order.items.map((i) => i.productId))].sort();
      for (const id of ids) productCount.set(id, (productCount.get(id) ?? 0) + 1);
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = `${ids[i]}|${ids[j]}`;
          pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
        }
      }
    }
    const n = data.orders.length;
    const lifts = [...pairCount.entries()]
      .filter(([, count]) => count >= 10)
      .map(([key, count]) => {
        const [a, b] = key.split('|') as [string, string];
        return count / (((productCount.get(a) ?? 0) * (productCount.get(b) ?? 0)) / n);
      });
    expect(lifts.length).toBeGreaterThan(10);
    expect(Math.max(...lifts)).toBeGreaterThan(5);
  });

  it('has customers buying within their interests and re-buying consumables', () => {
    const interests = new Map(data.customers.map((c) => [c.customerId, new Set(c.interests)]));
    const category = new Map(data.products.map((p) => [p.productId, p.category]));
    const firstItems = data.orders.map((o) => o.items[0]);
    const within = data.orders.filter((o, i) =>
      interests.get(o.customerId)?.has(category.get(firstItems[i]?.productId ?? '') ?? ''),
    ).length;
    expect(within / data.orders.length).toBeGreaterThan(0.75);

    const consumable = new Set(data.products.filter((p) => p.consumable).map((p) => p.productId));
    const bought = new Map<string, number>();
    for (const order of data.orders) {
      for (const item of order.items) {
        if (consumable.has(item.productId)) {
          const key = `${order.customerId}|${item.productId}`;
          bought.set(key, (bought.get(key) ?? 0) + 1);
        }
      }
    }
    const repeats = [...bought.values()].filter((count) => count >= 2).length;
    expect(repeats).toBeGreaterThan(200);
  });
});
