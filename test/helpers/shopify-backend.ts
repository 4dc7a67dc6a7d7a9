import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createShopifyBackend, type ShopifyBackend } from '../../src/commerce/shopify/backend.js';
import { createLogger } from '../../src/logger.js';
import { FakeShopify, type FakeShopifyOptions } from '../fakes/shopify/server.js';
import { CONTRACT_SHOP } from './contract-shop.js';
import { useTestStore } from './test-store.js';

export const WEBHOOK_SECRET = 'whsec-test-secret';

/**
 * A test store whose commerce is the Shopify backend over a fake Shopify holding the contract
 * shop, backfilled into the mirror, with the webhook route listening on 127.0.0.1.
 */
export function useShopifyBackend(
  name: string,
  options: Omit<FakeShopifyOptions, 'webhooks'> = {},
) {
  const t = useTestStore(name);
  let fake: FakeShopify | undefined;
  let backend: ShopifyBackend | undefined;
  let http: FastifyInstance | undefined;
  beforeAll(async () => {
    http = Fastify();
    const webhooks = { url: '', secret: WEBHOOK_SECRET, retryDelayMs: 100 };
    fake = new FakeShopify({ ...options, webhooks });
    await fake.start();
    fake.shop.load(CONTRACT_SHOP);
    fake.shop.policies.push({
      type: 'REFUND_POLICY',
      title: 'Refund policy',
      body: '<p>We accept returns within <strong>45 days</strong> of delivery for a full refund.</p>',
    });
    backend = createShopifyBackend(
      {
        shop: fake.domain,
        adminToken: fake.token,
        apiVersion: '2026-10',
        webhookSecret: WEBHOOK_SECRET,
        apiUrl: fake.url,
        reconcileEveryMs: 60_000,
      },
      t.store,
      createLogger({ level: 'silent', format: 'json' }),
    );
    backend.registerRoutes(http);
    webhooks.url = `${await http.listen({ host: '127.0.0.1', port: 0 })}/shopify/webhooks`;
    await backend.sync.backfill();
  }, 60_000);
  afterAll(async () => {
    await backend?.stop();
    await fake?.stop();
    await http?.close();
  });
  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Shopify backend is set up in beforeAll');
    return value;
  };
  return {
    t,
    get fake() {
      return must(fake);
    },
    get backend() {
      return must(backend);
    },
    get ports() {
      return { ...t.store, commerce: must(backend).commerce };
    },
  };
}
