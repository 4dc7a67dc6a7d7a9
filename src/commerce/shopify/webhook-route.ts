import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { ShopifyWebhooksRepository } from '../../store/repositories/shopify-webhooks.js';
import type { ShopifySync } from './sync.js';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Whether `hmac` is Shopify's signature of exactly these bytes (base64 HMAC-SHA256). */
export function isValidShopifyHmac(
  rawBody: Buffer | string,
  hmac: string,
  secret: string,
): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(hmac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const headers = z.object({
  'x-shopify-topic': z.string().regex(/^[a-z_]+\/[a-z_]+$/),
  'x-shopify-hmac-sha256': z.string().min(1),
  'x-shopify-webhook-id': z.string().min(1).max(200),
  'x-shopify-shop-domain': z.string().min(1),
});

const numeric = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const payload = z.object({
  admin_graphql_api_id: z.string().startsWith('gid://shopify/').optional(),
  order_id: numeric.optional(),
  inventory_item_id: numeric.optional(),
});

/** The topics Concierge subscribes to, and the record each delivery is about. */
const TOPICS: Record<string, (p: z.infer<typeof payload>) => string | undefined> = {
  'orders/create': (p) => p.admin_graphql_api_id,
  'orders/updated': (p) => p.admin_graphql_api_id,
  'orders/cancelled': (p) => p.admin_graphql_api_id,
  'fulfillments/create': (p) => p.order_id && `gid://shopify/Order/${p.order_id}`,
  'inventory_levels/update': (p) =>
    p.inventory_item_id && `gid://shopify/InventoryItem/${p.inventory_item_id}`,
  'products/update': (p) => p.admin_graphql_api_id,
  'customers/update': (p) => p.admin_graphql_api_id,
};

export const WEBHOOK_TOPICS = Object.keys(TOPICS);

export interface WebhookRouteOptions {
  secret: string;
  shop: string;
  webhooks: ShopifyWebhooksRepository;
  sync: ShopifySync;
  logger: Logger;
  now?: () => Date;
}

/**
 * `POST /shopify/webhooks`: verified against the raw body, kept (once per webhook id) before
 * the 200, then applied. A delivery that cannot be kept gets a 503, and Shopify sends it
 * again; a repeated id is answered 200 and not applied twice. What a delivery says is only a
 * pointer: the record is read again from Shopify, so a replayed old body changes nothing.
 */
export function registerShopifyWebhooks(http: FastifyInstance, options: WebhookRouteOptions): void {
  const { secret, shop, webhooks, sync, logger } = options;
  const now = options.now ?? (() => new Date());
  http.register(async (scope) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post('/shopify/webhooks', async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const head = headers.safeParse(request.headers);
      if (!head.success || !isValidShopifyHmac(raw, head.data['x-shopify-hmac-sha256'], secret)) {
        logger.warn({ ip: request.ip }, 'Shopify webhook with a missing or bad signature');
        return reply.code(401).send({ error: 'invalid_signature' });
      }
      const h = head.data;
      if (h['x-shopify-shop-domain'] !== shop) {
        logger.warn({ shop: h['x-shopify-shop-domain'] }, 'Shopify webhook for another shop');
        return reply.code(401).send({ error: 'wrong_shop' });
      }
      const topic = h['x-shopify-topic'];
      const resourceOf = TOPICS[topic];
      if (!resourceOf) return reply.code(200).send({ ok: true, ignored: topic });
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ error: 'invalid_json' });
      }
      const parsed = payload.safeParse(body);
      const resource = parsed.success ? resourceOf(parsed.data) : undefined;
      if (!resource) return reply.code(400).send({ error: 'no_record_named' });
      const webhook = { webhookId: h['x-shopify-webhook-id'], topic, resource, receivedAt: now() };
      let recorded: 'stored' | 'duplicate';
      try {
        recorded = await webhooks.record(webhook);
      } catch (error) {
        logger.warn(
          { err: error, topic },
          'Shopify webhook not kept (database away): Shopify will retry',
        );
        return reply.code(503).send({ error: 'unavailable' });
      }
      if (recorded === 'stored')
        void sync.apply({ ...webhook, processedAt: null }).catch((error: unknown) => {
          logger.warn({ err: error, topic, resource }, 'Shopify webhook kept, applied later');
        });
      return reply.code(200).send({ ok: true, duplicate: recorded === 'duplicate' });
    });
  });
}
