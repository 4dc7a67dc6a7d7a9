import { beforeAll, describe, expect, it } from 'vitest';
import type { Order, Product } from '../../src/domain/retail.js';
import { createHarness, type Harness } from '../helpers/chat-harness.js';
import { useDemoShop } from '../helpers/shop.js';

const shop = useDemoShop('scen_rec');
const { t } = shop;
let h: Harness;
beforeAll(() => {
  h = createHarness(t.store);
});

async function product(productId: string): Promise<Product> {
  const found = await t.store.products.findById(productId);
  if (!found) throw new Error(`no product ${productId}`);
  return found;
}

/** A customer with a clear history: at least four orders. */
async function loyalCustomer() {
  const counts = await t.db
    .collection<Order>('orders')
    .aggregate<{ _id: string; n: number }>([
      { $match: { status: 'delivered' } },
      { $group: { _id: '$customerId', n: { $sum: 1 } } },
      { $match: { n: { $gte: 4 } } },
      { $sort: { _id: 1 } },
      { $limit: 20 },
    ])
    .toArray();
  for (const { _id } of counts) {
    const orders = await t.store.orders.listForCustomer(_id, 50);
    const customer = await t.store.customers.findById(_id);
    const order = orders[0];
    if (customer && order) return { customer, order, orders };
  }
  throw new Error('no customer with four delivered orders');
}

describe('recommendations through the agent', () => {
  it("recommends in-stock items from a customer's interests, not bought before, with reasons", async () => {
    const { customer, order, orders } = await loyalCustomer();
    const chat = h.chat();
    await chat.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    const reply = await chat.say('recommend something for me');
    expect(reply?.cards.length).toBe(3);
    const bought = new Set(orders.flatMap((o) => o.items.map((i) => i.productId)));
    const boughtCategories = new Set<string>();
    for (const id of bought) boughtCategories.add((await product(id)).category);
    let fromInterests = 0;
    for (const card of reply?.cards ?? []) {
      const p = await product(card.productId);
      if (bought.has(p.productId)) expect(p.consumable).toBe(true);
      expect(card.stock).not.toBe('out_of_stock');
      expect(card.reason).toBeTruthy();
      expect(reply?.text).toContain(card.reason ?? '');
      if (boughtCategories.has(p.category)) fromInterests++;
    }
    expect(fromInterests).toBeGreaterThan(0);
    const shown = await t.store.recommendationEvents.list(new Date(Date.now() - 60_000));
    expect(shown.some((e) => e.kind === 'shown' && e.customerId === customer.customerId)).toBe(
      true,
    );
  });

  it('never recommends a product that is out of stock', async () => {
    const { customer, order } = await loyalCustomer();
    const first = h.chat();
    await first.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    const top = (await first.say('recommend something for me'))?.cards[0]?.productId;
    expect(top).toBeDefined();
    await t.db.collection('inventory').updateMany({ productId: top }, { $set: { quantity: 0 } });
    const fresh = createHarness(t.store).chat();
    await fresh.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    const again = await fresh.say('recommend something for me');
    expect(again?.cards.length).toBeGreaterThan(0);
    expect(again?.cards.map((c) => c.productId)).not.toContain(top);
  });

  it('gives a visitor with no history popular items', async () => {
    const reply = await h.chat().say('can you recommend something?');
    expect(reply?.cards.length).toBe(3);
    for (const card of reply?.cards ?? []) expect(card.reason).toMatch(/popular right now/);
  });

  it('matches the words of a request: waterproof, under a budget', async () => {
    const reply = await h.chat().say('recommend something waterproof under $150');
    expect(reply?.cards.length).toBeGreaterThan(0);
    for (const card of reply?.cards ?? []) {
      const p = await product(card.productId);
      expect(p.priceCents).toBeLessThanOrEqual(15_000);
    }
    expect(reply?.cards[0]?.reason).toMatch(/matches 'waterproof'/);
  });

  it('refines the last list: cheaper, then more like the second one', async () => {
    const chat = h.chat();
    const first = (await chat.say('recommend something for hiking'))?.cards ?? [];
    expect(first.length).toBe(3);
    const cheapest = Math.min(
      ...(await Promise.all(first.map(async (c) => (await product(c.productId)).priceCents))),
    );
    const cheaper = (await chat.say('something cheaper please'))?.cards ?? [];
    expect(cheaper.length).toBeGreaterThan(0);
    for (const card of cheaper) {
      expect((await product(card.productId)).priceCents).toBeLessThan(cheapest);
      expect(first.map((c) => c.productId)).not.toContain(card.productId);
    }
    const second = cheaper[1] ?? cheaper[0];
    const more = await chat.say('show me more like the second one');
    expect(more?.cards.length).toBeGreaterThan(0);
    expect(more?.cards.map((c) => c.productId)).not.toContain(second?.productId);
    expect(more?.text).toContain(second?.name ?? '');
  });

  it('understands the same in Chinese', async () => {
    const chat = h.chat();
    const first = await chat.say('推荐适合夏天的太阳镜');
    expect(first?.cards.length).toBeGreaterThan(0);
    expect(first?.text).toMatch(/为您推荐/);
    const cheaper = await chat.say('有没有便宜一点的');
    expect(cheaper?.text).toMatch(/为您推荐|没有找到/);
  });
});
