import type { FastifyInstance } from 'fastify';
import { Periodic } from '../../background/periodic.js';
import type { Article } from '../../domain/article.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { ShopifyAdminApi } from './admin-api.js';
import type { ShopifyConfig } from './env.js';
import { ShopifyMirror } from './mirror.js';
import { shopArticles } from './shop-content.js';
import { ShopifyCommerce } from './shopify-commerce.js';
import { ShopifySync } from './sync.js';
import { registerShopifyWebhooks } from './webhook-route.js';

/** How often webhooks kept but not applied (Shopify away when they came) are tried again. */
const WEBHOOK_RETRY_MS = 10_000;

/** The Shopify backend: its `Commerce`, the sync that keeps the mirror, the webhook route. */
export interface ShopifyBackend {
  commerce: ShopifyCommerce;
  sync: ShopifySync;
  api: ShopifyAdminApi;
  /** The shop's policies and pages, as help articles. */
  articles(): Promise<Article[]>;
  registerRoutes(http: FastifyInstance): void;
  /** Backfill (resumed where it stopped), then reconciliation and webhook retries, in the background. */
  start(): void;
  stop(): Promise<void>;
}

export function createShopifyBackend(
  config: ShopifyConfig,
  store: Store,
  logger: Logger,
): ShopifyBackend {
  const log = logger.child({ backend: 'shopify', shop: config.shop });
  const api = new ShopifyAdminApi(config, log);
  const mirror = new ShopifyMirror(store);
  const commerce = new ShopifyCommerce(api, store.commerce, log);
  const sync = new ShopifySync(
    api,
    mirror,
    store.shopifySync,
    store.shopifyWebhooks,
    commerce,
    log,
  );
  const syncing = new Periodic(
    'sync the local copy of the Shopify shop',
    async () => {
      const copied = await sync.backfill();
      if (copied > 0) log.info({ copied }, 'Shopify backfill finished');
      await sync.reconcile();
    },
    log,
  );
  const retrying = new Periodic(
    'apply kept Shopify webhooks',
    async () => {
      await sync.applyUnprocessed();
    },
    log,
  );
  return {
    commerce,
    sync,
    api,
    articles: () => shopArticles(api, config.shop),
    registerRoutes(http) {
      registerShopifyWebhooks(http, {
        secret: config.webhookSecret,
        shop: config.shop,
        webhooks: store.shopifyWebhooks,
        sync,
        logger: log,
      });
    },
    start() {
      void syncing.run();
      syncing.start(config.reconcileEveryMs);
      void retrying.run();
      retrying.start(WEBHOOK_RETRY_MS);
    },
    async stop() {
      await syncing.stop();
      await retrying.stop();
      await sync.drain();
    },
  };
}
