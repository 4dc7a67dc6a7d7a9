import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ShopifyAdminApi } from '../../../src/commerce/shopify/admin-api.js';
import { ShopifyMirror } from '../../../src/commerce/shopify/mirror.js';
import { ShopifySync } from '../../../src/commerce/shopify/sync.js';
import { createLogger } from '../../../src/logger.js';
import { Store } from '../../../src/store/store.js';
import { createHarness } from '../../helpers/chat-harness.js';
import { useShopifyBackend, WEBHOOK_SECRET } from '../../helpers/shopify-backend.js';

const shopify = useShopifyBackend('shopify_only');
const silent = createLogger({ level: 'silent', format: 'json' });

/** Waits (generously) until `check` holds; fails with what it last saw. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let last = await read();
  for (let i = 0; i < 100 && !check(last); i++) {
    await sleep(100);
    last = await read();
  }
  expect(check(last), JSON.stringify(last)).toBe(true);
  return last;
}

async function customerId(email: string): Promise<string> {
  const customer = await shopify.backend.commerce.customerByEmail(email);
  if (!customer) throw new Error(`${email} is missing`);
  return customer.customerId;
}

describe('the backfill', () => {
  it('copies every product, customer and order into the mirror, and a second run copies nothing', async () => {
    const { t } = shopify;
    expect(await t.store.products.count()).toBe(3);
    expect(await t.store.customers.count()).toBe(5);
    expect(await t.store.orders.count()).toBe(9);
    expect((await t.store.shopifySync.find('orders'))?.finishedAt).toBeInstanceOf(Date);
    expect(await shopify.backend.sync.backfill()).toBe(0);
  });

  it("brings the shop's policies into the help centre", async () => {
    const articles = await shopify.backend.articles();
    expect(articles).toEqual([
      expect.objectContaining({
        articleId: 'shopify-policy-refund-policy',
        title: 'Refund policy',
      }),
    ]);
    expect(articles[0]?.body).toContain('45 days');
  });
});

describe('a backfill cut short', () => {
  it('resumes from the page it reached, and copies everything once', async () => {
    const { fake, t } = shopify;
    const db = t.db.client.db(`${t.db.databaseName}_resume`);
    const store = new Store(db);
    await store.ensureIndexes();
    const api = new ShopifyAdminApi(
      { shop: fake.domain, adminToken: fake.token, apiVersion: '2026-10', apiUrl: fake.url },
      silent,
    );
    const sync = () =>
      new ShopifySync(
        api,
        new ShopifyMirror(store),
        store.shopifySync,
        store.shopifyWebhooks,
        { forgetCustomer() {}, forgetProduct() {} },
        silent,
        () => new Date(),
        2,
      );
    try {
      // Products take 2 pages, customers 3: Shopify fails during the customers.
      fake.failAfter(3);
      await expect(sync().backfill()).rejects.toThrow(/HTTP 500/);
      fake.failAfter(null);
      const cut = await store.shopifySync.find('customers');
      expect(cut).toMatchObject({ copied: 2, finishedAt: null });
      expect(cut?.cursor).toBeTruthy();
      const before = fake.calls.length;
      expect(await sync().backfill()).toBe(3 + 9);
      // Products were not read again, and customers went on from their cursor.
      expect(fake.calls.length - before).toBe(2 + 5);
      expect(await store.customers.count()).toBe(5);
      expect(await store.orders.count()).toBe(9);
      expect(await store.products.count()).toBe(3);
    } finally {
      fake.failAfter(null);
      await db.dropDatabase();
    }
  });
});

describe('webhooks', () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(shopify.fake.deliveries.length >= 0 ? webhookUrl() : '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const webhookUrl = () =>
    (shopify.fake as unknown as { options: { webhooks: { url: string } } }).options.webhooks.url;

  it('applies a change made in Shopify to the mirror (fulfilled order: tracking shows)', async () => {
    const order = [...shopify.fake.shop.orders.values()].find((o) => o.name === '#1008');
    if (!order) throw new Error('no #1008');
    shopify.fake.shop.setStock('SOCK-1', 'Main warehouse', 3);
    const mirrored = await eventually(
      () => shopify.t.store.inventory.forSku('SOCK-1'),
      (levels) => levels[0]?.quantity === 3,
    );
    expect(mirrored[0]?.location).toBe('Main warehouse');
    expect(shopify.fake.deliveries.at(-1)?.statuses).toEqual([200]);
  });

  it('rejects a forged signature and a delivery for another shop, and applies neither', async () => {
    const body = JSON.stringify({ admin_graphql_api_id: 'gid://shopify/Product/1' });
    const headers = {
      'x-shopify-topic': 'products/update',
      'x-shopify-webhook-id': 'forged-1',
      'x-shopify-shop-domain': shopify.fake.domain,
    };
    const forged = await post(body, {
      ...headers,
      'x-shopify-hmac-sha256': Buffer.from('x'.repeat(32)).toString('base64'),
    });
    expect(forged.status).toBe(401);
    const tampered = await post(`${body} `, {
      ...headers,
      'x-shopify-hmac-sha256': shopify.fake.sign(body),
    });
    expect(tampered.status).toBe(401);
    const elsewhere = await post(body, {
      ...headers,
      'x-shopify-shop-domain': 'other.myshopify.com',
      'x-shopify-hmac-sha256': shopify.fake.sign(body),
    });
    expect(elsewhere.status).toBe(401);
    expect(
      await shopify.t.db.collection('shopify_webhooks').countDocuments({ webhookId: 'forged-1' }),
    ).toBe(0);
    expect(WEBHOOK_SECRET).not.toBe('');
  });

  it("answers 503 while it cannot keep a delivery, and Shopify's retry is kept and applied", async () => {
    const { fake, t } = shopify;
    const repository = t.store.shopifyWebhooks;
    const record = repository.record.bind(repository);
    repository.record = async () => {
      repository.record = record;
      throw new Error('MongoDB is away');
    };
    const product = [...fake.shop.products.values()].find((p) => p.title.includes('Jacket'));
    if (!product) throw new Error('no jacket');
    product.title = 'Storm Rain Jacket II';
    fake.shop.touchProduct(product);
    const delivery = await eventually(
      async () => fake.deliveries.at(-1),
      (d) => d?.statuses.join() === '503,200',
    );
    expect(delivery?.topic).toBe('products/update');
    await eventually(
      () => t.store.products.findById(product.id),
      (p) => p?.name === 'Storm Rain Jacket II',
    );
  });

  it('keeps and applies a webhook id once, however often it is delivered', async () => {
    const delivery = await shopify.fake.deliver('customers/update', {
      admin_graphql_api_id: [...shopify.fake.shop.customers.keys()][0],
    });
    expect(delivery.statuses).toEqual([200]);
    await shopify.backend.sync.drain();
    const before = shopify.fake.calls.length;
    for (let i = 0; i < 3; i++) expect(await shopify.fake.redeliver(delivery)).toBe(200);
    await shopify.backend.sync.drain();
    const stored = await shopify.t.db
      .collection('shopify_webhooks')
      .find({ webhookId: delivery.webhookId })
      .toArray();
    expect(stored).toHaveLength(1);
    // Replays read nothing from Shopify: only the first delivery was applied.
    expect(shopify.fake.calls.length).toBe(before);
  });
});

describe('missed webhooks', () => {
  it('are healed by reconciliation: a change Shopify never announced reaches the mirror', async () => {
    const { fake, t, backend } = shopify;
    const product = [...fake.shop.products.values()].find((p) => p.title === 'Merino Hiking Socks');
    if (!product) throw new Error('no socks');
    const emit = fake.shop.emit;
    fake.shop.emit = () => {};
    try {
      product.title = 'Merino Trail Socks';
      product.updatedAt = new Date();
    } finally {
      fake.shop.emit = emit;
    }
    expect((await t.store.products.findById(product.id))?.name).toBe('Merino Hiking Socks');
    expect(await backend.sync.reconcile()).toBeGreaterThan(0);
    expect((await t.store.products.findById(product.id))?.name).toBe('Merino Trail Socks');
  });

  it('kept but not applied (Shopify away when they came) are applied by the retry pass', async () => {
    const { fake, t, backend } = shopify;
    const customer = [...fake.shop.customers.values()].find(
      (c) => c.email === 'barbara@example.com',
    );
    if (!customer) throw new Error('no Barbara');
    customer.name = 'Barbara H. Liskov';
    await t.store.shopifyWebhooks.record({
      webhookId: 'kept-before-a-crash',
      topic: 'customers/update',
      resource: customer.id,
      receivedAt: new Date(),
    });
    expect(await backend.sync.applyUnprocessed()).toBeGreaterThanOrEqual(1);
    expect((await t.store.customers.findById(customer.id))?.name).toBe('Barbara H. Liskov');
    expect(await t.store.shopifyWebhooks.unprocessed(10)).toEqual([]);
  });
});

describe('a burst of webhooks about one record', () => {
  it('costs one read of it from Shopify', async () => {
    const { fake, t, backend } = shopify;
    const order = [...fake.shop.orders.values()].find((o) => o.name === '#1008');
    if (!order) throw new Error('no #1008');
    const receivedAt = new Date();
    for (const webhookId of ['burst-1', 'burst-2', 'burst-3'])
      await t.store.shopifyWebhooks.record({
        webhookId,
        topic: 'orders/updated',
        resource: order.id,
        receivedAt,
      });
    // Reads Shopify answered (a throttled attempt is tried again and is not a read).
    const reads = () =>
      fake.calls.filter((c) => c.operation === 'OrderById' && !c.throttled).length;
    const before = reads();
    expect(await backend.sync.applyUnprocessed()).toBe(3);
    expect(reads() - before).toBe(1);
    expect(await t.store.shopifyWebhooks.unprocessed(10)).toEqual([]);
  });
});

describe('rate limits', () => {
  it('waits out HTTP 429 with Retry-After', async () => {
    shopify.fake.rateLimitNext(2, 1);
    const started = Date.now();
    const found = await shopify.backend.commerce.customerByEmail('alan@example.com');
    expect(found?.name).toBe('Alan Turing');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(shopify.fake.calls.slice(-3).map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('waits out GraphQL THROTTLED until the bucket refills', async () => {
    shopify.fake.drainBucket();
    const found = await shopify.backend.commerce.customerByEmail('edsger@example.com');
    expect(found?.name).toBe('Edsger Dijkstra');
  });

  it('gives up with a clear error when the API keeps refusing', async () => {
    // Longer than a call may wait in all: it is not waited for at all.
    shopify.fake.rateLimitNext(100, 61);
    try {
      await expect(shopify.backend.commerce.customerByEmail('ada@example.com')).rejects.toThrow(
        /kept refusing for rate limits/,
      );
    } finally {
      shopify.fake.rateLimitNext(0);
    }
  });
});

describe("Shopify's refusals", () => {
  it('tells the customer when Shopify refuses a change, and nothing is claimed done', async () => {
    const h = createHarness(shopify.ports);
    const chat = h.chat();
    expect((await chat.say("I'm ada@example.com, order #1001"))?.text).toMatch(/you're verified/);
    expect((await chat.say('please cancel order #1001'))?.text).toMatch(/Just to confirm: cancel/);
    // Meanwhile the warehouse ships it in Shopify: Shopify now refuses the cancellation.
    const order = [...shopify.fake.shop.orders.values()].find((o) => o.name === '#1001');
    if (!order) throw new Error('no #1001');
    order.fulfillments.push({
      id: shopify.fake.shop.gid('Fulfillment'),
      createdAt: new Date(),
      deliveredAt: null,
      estimatedDeliveryAt: null,
      tracking: [],
      lines: [],
    });
    const reply = await chat.say('yes');
    expect(reply?.text).toMatch(
      /Cannot cancel an order that has been fulfilled|nothing was changed/,
    );
    expect(reply?.text).not.toMatch(/is cancelled/);
    const now = await shopify.backend.commerce.orderOf(
      await customerId('ada@example.com'),
      '#1001',
    );
    expect(now?.status).not.toBe('cancelled');
  });

  it('does not offer a payment-method change Shopify cannot make', async () => {
    const outcome = await shopify.backend.commerce.changeOrder(
      await customerId('edsger@example.com'),
      '#1007',
      { kind: 'change_payment', paymentMethodId: 'paypal' },
      new Date(),
    );
    expect(outcome).toMatchObject({
      refused: expect.stringMatching(/unknown_payment_method|not_supported/),
    });
  });
});
