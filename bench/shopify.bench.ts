import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
import { createShopifyBackend } from '../src/commerce/shopify/backend.js';
import type { ConciergePorts } from '../src/concierge.js';
import type { Customer, InventoryRecord, Order, Product } from '../src/domain/retail.js';
import { createLogger } from '../src/logger.js';
import { Store } from '../src/store/store.js';
import { FakeShopify } from '../test/fakes/shopify/server.js';
import { createHarness } from '../test/helpers/chat-harness.js';
import { CONTRACT_SHOP } from '../test/helpers/contract-shop.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { quantile } from './lib/stats.js';
import type { Benchmark } from './run.js';

/**
 * The Shopify backend against the fake Shopify on 127.0.0.1: the first copy of a large shop
 * into the mirror, webhooks applied with redeliveries, and the cost of an order question in
 * round trips and time with the fake's latency set to 50 ms a call.
 * SHOPIFY_BENCH_PRODUCTS / SHOPIFY_BENCH_ORDERS set the shop's size, SHOPIFY_BENCH_POINTS_PER_S
 * the fake's cost budget refill (1,000 a second by default).
 */

const PRODUCTS = Number(process.env.SHOPIFY_BENCH_PRODUCTS ?? 10_000);
const ORDERS = Number(process.env.SHOPIFY_BENCH_ORDERS ?? 100_000);
const CUSTOMERS = Math.max(1, Math.round(ORDERS / 5));
/** The fake's cost budget refill for the backfill; a huge one shows Concierge's own pace. */
const POINTS_PER_S = Number(process.env.SHOPIFY_BENCH_POINTS_PER_S ?? 1_000);
const WEBHOOKS = 1_000;
/** Webhooks sent one by one at a pace the fake's API budget sustains, for apply latency. */
const PACED_WEBHOOKS = 300;
const PACED_PER_S = 8;
const REDELIVERED = 0.2;
const IN_FLIGHT = 16;
const TURNS = 20;
const SECRET = 'bench-secret';
const logger = createLogger({
  level: (process.env.LOG_LEVEL as 'info') ?? 'silent',
  format: 'json',
});

function syntheticShop() {
  const at = new Date('2026-06-01T00:00:00Z');
  const products: Product[] = [];
  const inventory: InventoryRecord[] = [];
  for (let p = 0; p < PRODUCTS; p++) {
    const variants = ['S', 'M'].map((size, i) => ({
      sku: `SKU-${p}-${size}`,
      options: { size },
      priceCents: 1000 + ((p * 7 + i) % 9000),
      available: true,
    }));
    products.push({
      productId: `P-${p}`,
      name: `Product ${p}`,
      brand: `Brand ${p % 50}`,
      category: `category ${p % 40}`,
      subcategory: null,
      description: `A synthetic product number ${p}.`,
      attributes: {},
      tags: [],
      priceCents: variants[0]?.priceCents ?? 1000,
      currency: 'USD',
      consumable: false,
      variants,
      createdAt: at,
    });
    for (const v of variants)
      inventory.push({
        sku: v.sku,
        productId: `P-${p}`,
        location: 'Main',
        quantity: p % 20,
        restockDate: null,
        updatedAt: at,
      });
  }
  const customers: Customer[] = [];
  for (let c = 0; c < CUSTOMERS; c++)
    customers.push({
      customerId: `C-${c}`,
      name: `Customer ${c}`,
      email: `customer${c}@example.com`,
      phone: null,
      address: {
        line1: `${c} Main St`,
        line2: null,
        city: 'Boise',
        region: 'ID',
        postalCode: '83702',
        country: 'US',
      },
      interests: [],
      paymentMethods: {
        card_1: { methodId: 'card_1', kind: 'card', brand: 'Visa', lastFour: '4242' },
      },
      createdAt: at,
      changedInConciergeAt: null,
    });
  const orders: Order[] = [];
  for (let o = 0; o < ORDERS; o++) {
    const product = products[(o * 13) % PRODUCTS] as Product;
    const variant = product.variants[o % 2] as Product['variants'][number];
    orders.push({
      orderNumber: `#${100000 + o}`,
      customerId: `C-${o % CUSTOMERS}`,
      status: 'pending',
      placedAt: new Date(at.getTime() + o * 60_000),
      updatedAt: new Date(at.getTime() + o * 60_000),
      items: [
        {
          productId: product.productId,
          sku: variant.sku,
          name: product.name,
          options: variant.options,
          quantity: 1,
          unitPriceCents: variant.priceCents,
        },
      ],
      subtotalCents: variant.priceCents,
      shippingCents: 500,
      totalCents: variant.priceCents + 500,
      currency: 'USD',
      shippingAddress: customers[o % CUSTOMERS]?.address as NonNullable<Customer['address']>,
      shipment: null,
      fulfilments: [],
      payments: [{ kind: 'payment', methodId: 'card_1', amountCents: variant.priceCents + 500 }],
      cancelledAt: null,
      cancelReason: null,
      returnedAt: null,
    });
  }
  return { products, inventory, customers, orders };
}

async function setUp(uri: string, dbName: string, fake: FakeShopify) {
  const client = new MongoClient(uri);
  const store = new Store(client.db(dbName));
  await store.ensureIndexes();
  const http = Fastify();
  const backend = createShopifyBackend(
    {
      shop: fake.domain,
      adminToken: fake.token,
      apiVersion: '2026-10',
      webhookSecret: SECRET,
      apiUrl: fake.url,
      reconcileEveryMs: 3_600_000,
    },
    store,
    logger,
  );
  backend.registerRoutes(http);
  const url = await http.listen({ host: '127.0.0.1', port: 0 });
  return { client, store, http, backend, webhookUrl: `${url}/shopify/webhooks` };
}

async function orderQuestionTurns(ports: ConciergePorts, calls: () => number) {
  const h = createHarness(ports);
  const times: number[] = [];
  const roundTrips: number[] = [];
  const chat = h.chat();
  await chat.say("I'm ada@example.com, order #1001");
  for (let i = 0; i < TURNS; i++) {
    // Questions a few seconds apart: nothing read for the one before is cached any more.
    await sleep(5_100);
    const before = calls();
    const started = performance.now();
    const reply = await chat.say('where is order #1002?');
    times.push(performance.now() - started);
    roundTrips.push(calls() - before);
    if (!reply?.text.includes('#1002')) throw new Error(`unexpected reply: ${reply?.text}`);
  }
  return { p50: quantile(times, 0.5), roundTrips: quantile(roundTrips, 0.5) };
}

export default {
  name: 'shopify',
  async run() {
    const mongo = await pickMongo();
    const webhooks = { url: '', secret: SECRET };
    // The budget sets the backfill's pace: 20,000 points refilling POINTS_PER_S a second.
    const fake = new FakeShopify({
      webhooks,
      bucket: { max: 20_000, restorePerSecond: POINTS_PER_S },
    });
    await fake.start();
    const shop = syntheticShop();
    fake.shop.load(shop);
    const big = await setUp(mongo.uri, `bench_shopify_${randomUUID().slice(0, 8)}`, fake);
    webhooks.url = big.webhookUrl;
    const records = PRODUCTS + CUSTOMERS + ORDERS;
    console.log(`  backfilling ${PRODUCTS} products, ${CUSTOMERS} customers, ${ORDERS} orders ...`);
    const started = performance.now();
    await big.backend.sync.backfill();
    const backfillS = (performance.now() - started) / 1000;
    const cost = { calls: big.backend.api.calls };

    // Webhooks: orders/updated for random orders, a fifth of them delivered again later.
    // First at a pace the API budget sustains (apply latency), then as one burst (throughput).
    const orderIds = [...fake.shop.orders.keys()];
    const orderReads = () =>
      fake.calls.filter((c) => c.operation === 'OrderById' && c.status === 200 && !c.throttled)
        .length;
    const readsBefore = orderReads();
    // As in production: the pass that applies kept webhooks an apply gave up on runs too.
    big.backend.start();
    let next = 0;
    const sendOne = async (sent: { webhookId: string; at: number }[]) => {
      const i = next++;
      const id = orderIds[(i * 7919) % orderIds.length] as string;
      const at = Date.now();
      const delivery = await fake.deliver('orders/updated', {
        admin_graphql_api_id: id,
        id: Number(id.split('/').pop()),
      });
      sent.push({ webhookId: delivery.webhookId, at });
      if (i % Math.round(1 / REDELIVERED) === 0) {
        const earlier = fake.deliveries[(i * 31) % fake.deliveries.length];
        if (earlier) await fake.redeliver(earlier);
      }
    };
    const settle = async (sent: { webhookId: string; at: number }[]) => {
      // Applied in the background after each 200: wait (five minutes at most) for all.
      for (let i = 0; i < 3_000 && (await big.store.shopifyWebhooks.unprocessed(1)).length > 0; i++)
        await sleep(100);
      await big.backend.sync.drain();
      const stored = await big.store.db
        .collection('shopify_webhooks')
        .find({ webhookId: { $in: sent.map((x) => x.webhookId) } })
        .toArray();
      const processedAt = new Map(
        stored.map((w) => [w.webhookId as string, w.processedAt as Date | null]),
      );
      return {
        latencies: sent.flatMap((x) => {
          const done = processedAt.get(x.webhookId);
          return done ? [done.getTime() - x.at] : [];
        }),
        lost: sent.filter((x) => !processedAt.get(x.webhookId)).length,
      };
    };
    const paced: { webhookId: string; at: number }[] = [];
    for (let i = 0; i < PACED_WEBHOOKS; i++) {
      const tick = performance.now();
      await sendOne(paced);
      await sleep(Math.max(0, 1000 / PACED_PER_S - (performance.now() - tick)));
    }
    const pacedResult = await settle(paced);
    const burst: { webhookId: string; at: number }[] = [];
    const webhookStart = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < PACED_WEBHOOKS + WEBHOOKS) await sendOne(burst);
      }),
    );
    const burstResult = await settle(burst);
    const webhookWallS = (performance.now() - webhookStart) / 1000;
    const reads = orderReads() - readsBefore;
    const lost = pacedResult.lost + burstResult.lost;
    await big.backend.stop();
    await big.http.close();
    await big.client.db(big.store.db.databaseName).dropDatabase();
    await big.client.close();
    await fake.stop();

    // One order question: Shopify (50 ms a call) against the MongoDB shop, same turn.
    const small = new FakeShopify({ webhooks: { url: '', secret: SECRET } });
    await small.start();
    small.shop.load(CONTRACT_SHOP);
    const viaShopify = await setUp(
      mongo.uri,
      `bench_shopify_turn_${randomUUID().slice(0, 8)}`,
      small,
    );
    await viaShopify.backend.sync.backfill();
    small.setLatency(50);
    const shopifyTurn = await orderQuestionTurns(
      { ...viaShopify.store, commerce: viaShopify.backend.commerce },
      () => small.calls.length,
    );
    await viaShopify.backend.stop();
    await viaShopify.http.close();
    await viaShopify.client.db(viaShopify.store.db.databaseName).dropDatabase();
    await viaShopify.client.close();
    await small.stop();
    const client = new MongoClient(mongo.uri);
    const store = new Store(client.db(`bench_mongo_turn_${randomUUID().slice(0, 8)}`));
    await store.ensureIndexes();
    await store.customers.upsertMany(CONTRACT_SHOP.customers);
    await store.products.upsertMany(CONTRACT_SHOP.products);
    await store.inventory.upsertMany(CONTRACT_SHOP.inventory);
    await store.orders.upsertMany(CONTRACT_SHOP.orders);
    const mongoTurn = await orderQuestionTurns(store, () => 0);
    await store.db.dropDatabase();
    await client.close();
    await mongo.stop();

    return {
      mongo: mongo.description,
      metrics: {
        backfill_products: PRODUCTS,
        backfill_customers: CUSTOMERS,
        backfill_orders: ORDERS,
        backfill_s: Math.round(backfillS * 10) / 10,
        backfill_records_per_s: Math.round(records / backfillS),
        backfill_api_calls: cost.calls,
        webhooks_sent: PACED_WEBHOOKS + WEBHOOKS,
        webhook_redeliveries: Math.round((PACED_WEBHOOKS + WEBHOOKS) * REDELIVERED),
        webhook_p50_ms: Math.round(quantile(pacedResult.latencies, 0.5)),
        webhook_p99_ms: Math.round(quantile(pacedResult.latencies, 0.99)),
        webhook_burst_p50_ms: Math.round(quantile(burstResult.latencies, 0.5)),
        webhook_burst_p99_ms: Math.round(quantile(burstResult.latencies, 0.99)),
        webhooks_per_s: Math.round(WEBHOOKS / webhookWallS),
        webhook_order_reads: reads,
        webhook_duplicates: Math.max(0, reads - (PACED_WEBHOOKS + WEBHOOKS)),
        webhook_lost: lost,
        order_turn_shopify_p50_ms: Math.round(shopifyTurn.p50),
        order_turn_shopify_api_calls: shopifyTurn.roundTrips,
        order_turn_mongodb_p50_ms: Math.round(mongoTurn.p50),
      },
      notes:
        `Fake Shopify on 127.0.0.1 (bucket 20,000 points refilling ${POINTS_PER_S}/s; cost = 1 + each connection's page size, 108 points a page of 25 orders). ` +
        `Backfill: pages of 25 into the mirror on ${mongo.description}. Webhooks: orders/updated, ${PACED_WEBHOOKS} at ${PACED_PER_S}/s (webhook_p50/p99: the apply latency), then ${WEBHOOKS} as one burst ${IN_FLIGHT} in flight (webhooks_per_s, burst p50/p99: queued behind the API budget, one order read costing 83 points), ` +
        `${Math.round(REDELIVERED * 100)}% sent again with the same id; apply = delivery sent to the order re-read and mirrored (processedAt). ` +
        `Duplicates = successful order reads beyond one per unique webhook id (a read can serve several webhooks of one order); lost = unique ids never applied. Turn: "where is order #1002?" by a verified customer, ${TURNS} times, ` +
        `5.1 s apart in one conversation (the 5 s cache empty); Shopify calls answered after 50 ms each.`,
    };
  },
} satisfies Benchmark;
