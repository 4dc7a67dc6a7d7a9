import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { FakeShopify } from '../fakes/shopify/server.js';
import { CONTRACT_SHOP } from '../helpers/contract-shop.js';
import { startTestApp } from '../helpers/running-app.js';

const SECRET = 'e2e-webhook-secret';
const webhooks = { url: '', secret: SECRET, retryDelayMs: 100 };
const fake = new FakeShopify({ webhooks });
let app: RunningApp;

beforeAll(async () => {
  await fake.start();
  fake.shop.load(CONTRACT_SHOP);
  fake.shop.policies.push({
    type: 'SHIPPING_POLICY',
    title: 'Shipping policy',
    body: '<p>Orders ship within two business days from our Boise warehouse.</p>',
  });
  app = await startTestApp('shopify_start', {
    SHOPIFY_SHOP: fake.domain,
    SHOPIFY_ADMIN_TOKEN: fake.token,
    SHOPIFY_WEBHOOK_SECRET: SECRET,
    SHOPIFY_API_URL: fake.url,
  });
  webhooks.url = `${app.url}/shopify/webhooks`;
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await fake.stop();
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await check()); i++) await sleep(100);
  expect(await check()).toBe(true);
}

describe('the app with SHOPIFY_* set', () => {
  it('mirrors the Shopify shop, never the demo shop, and imports its policies', async () => {
    await until(async () => (await app.store.orders.count()) === CONTRACT_SHOP.orders.length);
    expect(await app.store.products.count()).toBe(CONTRACT_SHOP.products.length);
    const articles = await app.store.articles.published();
    expect(articles.map((a) => a.articleId)).toContain('shopify-policy-shipping-policy');
  });

  it('takes signed webhooks at /shopify/webhooks and refuses unsigned ones', async () => {
    const socks = [...fake.shop.products.values()].find((p) => p.title.includes('Socks'));
    if (!socks) throw new Error('no socks');
    socks.title = 'Merino Crew Socks';
    fake.shop.touchProduct(socks);
    await until(
      async () => (await app.store.products.findById(socks.id))?.name === 'Merino Crew Socks',
    );
    expect(fake.deliveries.at(-1)?.statuses).toEqual([200]);
    const unsigned = await fetch(webhooks.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'products/update' },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
  });

  it('answers a verified customer about a Shopify order over the web chat', async () => {
    const { sessionId } = (await (
      await fetch(`${app.url}/api/chat/sessions`, { method: 'POST' })
    ).json()) as { sessionId: string };
    const send = (text: string, clientMessageId: string) =>
      fetch(`${app.url}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId, text, clientMessageId }),
      });
    const botTexts = async () => {
      const { messages } = (await (
        await fetch(`${app.url}/api/chat/messages?sessionId=${sessionId}`)
      ).json()) as { messages: { role: string; text: string }[] };
      return messages.filter((m) => m.role === 'bot').map((m) => m.text);
    };
    expect((await send("I'm grace@example.com, order #1003", 'm1')).status).toBe(202);
    await until(async () => (await botTexts()).length === 1);
    expect((await botTexts())[0]).toMatch(/you're verified/);
    expect((await send('Can you track #1003?', 'm2')).status).toBe(202);
    await until(async () => (await botTexts()).length === 2);
    expect((await botTexts())[1]).toContain('1Z1003999');
  });
});
