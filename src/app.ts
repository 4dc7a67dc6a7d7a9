import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { PlatformAdapter } from './adapters/adapter.js';
import { startPlatformAdapters } from './adapters/platforms.js';
import { Periodic } from './background/periodic.js';
import { createShopifyBackend, type ShopifyBackend } from './commerce/shopify/backend.js';
import { type Concierge, type ConciergePorts, createConcierge } from './concierge.js';
import type { Config, Env } from './config.js';
import { registerConsole } from './console/routes.js';
import type { Article } from './domain/article.js';
import { CHANNELS } from './domain/channel.js';
import { importArticles } from './knowledge/import-articles.js';
import { pruneExpired } from './lifecycle/retention.js';
import type { Logger } from './logger.js';
import { commerceIsEmpty, seedDemoData } from './seed/seed.js';
import { buildHttpServer } from './server/http-server.js';
import { FileSpool } from './spool/file-spool.js';
import { createMongoClient, identifyServer, type MongoClient } from './store/client.js';
import { Readiness } from './store/readiness.js';
import { resolveMongoServer } from './store/server/resolve-server.js';
import type { RunningMongo } from './store/server/running-server.js';
import { Store } from './store/store.js';

export interface RunningApp {
  /** The address the HTTP server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  store: Store;
  mongo: RunningMongo;
  /** Settles when the database is prepared (indexes, demo data) or preparation was stopped. */
  prepared: Promise<void>;
  stop(): Promise<void>;
}

/** Long enough not to hammer a server that is away, short enough to be ready soon after it returns. */
const MAX_BACKOFF_MS = 5_000;
/** How often stored messages whose turn failed (the database away mid-turn) are looked for. */
const RECOVERY_SWEEP_MS = 10_000;
/** How often the retention job deletes what outlived its window. */
const RETENTION_EVERY_MS = 60 * 60_000;
/** How often other processes' live events (console feed, web chat replies) are looked for. */
const RELAY_POLL_MS = 500;
/** How often events spooled during an outage are offered to MongoDB again. */
const SPOOL_DRAIN_MS = 1_000;
/** How soon a restock reaches the customers waiting for it, however it arrived. */
const BACK_IN_STOCK_EVERY_MS = 30_000;
/** How often orders are matched with the recommendations before them. */
const CONVERSIONS_EVERY_MS = 10 * 60_000;

/**
 * Indexes, then demo data when the shop is empty. Retries with backoff while MongoDB is away,
 * so a process started before its database becomes ready by itself.
 */
async function prepareDatabase(
  config: Config,
  client: MongoClient,
  store: Store,
  readiness: Readiness,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      // Connected explicitly on every attempt: a first connect that failed leaves the driver
      // with a closed topology that later operations reuse ("Topology is closed") forever.
      await client.connect();
      const server = await identifyServer(client);
      logger.info({ server: server.description }, 'connected to MongoDB');
      await store.ensureIndexes();
      readiness.markIndexesReady();
      if (config.seedOnEmpty && (await commerceIsEmpty(store))) {
        readiness.setSeedState('running');
        await seedDemoData(store, new Date(), logger);
      }
      readiness.setSeedState('done');
      logger.info('ready');
      return;
    } catch (error) {
      const delay = Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
      logger.warn({ err: error, attempt, retryInMs: delay }, 'MongoDB not ready; retrying');
      await sleep(delay, undefined, { signal }).catch(() => {});
    }
  }
}

/**
 * The help articles of `KNOWLEDGE_DIR` (the demo shop's by default), imported at every start
 * so edited files are answered from. A bad file keeps the articles as they were, and says why.
 */
async function importHelpCenter(
  dir: string,
  store: Store,
  concierge: Concierge,
  logger: Logger,
  shopify: ShopifyBackend | null,
): Promise<void> {
  try {
    let alongside: Article[] = [];
    if (shopify) {
      try {
        alongside = await shopify.articles();
      } catch (error) {
        // Importing without them would remove the ones stored at an earlier start.
        logger.warn(
          { err: error },
          "the shop's policies and pages could not be read from Shopify; the stored help centre is used",
        );
        return;
      }
    }
    const report = await importArticles(dir, store.articles, {
      now: new Date(),
      dryRun: false,
      alongside,
    });
    if (report.errors.length > 0) {
      logger.error(
        { dir, errors: report.errors.slice(0, 20) },
        'help articles not imported: fix these files (the articles stored before are kept)',
      );
      return;
    }
    concierge.helpCenter.invalidate();
    logger.info({ dir, articles: report.articles, ...report.written }, 'help centre imported');
  } catch (error) {
    logger.error(
      { err: error, dir },
      'help articles could not be imported; the stored ones are used',
    );
  }
}

export interface StartOptions {
  config: Config;
  env: Env;
  logger: Logger;
}

export async function startApp({ config, env, logger }: StartOptions): Promise<RunningApp> {
  // First: a spool another live process holds stops the start before anything is started.
  const spool = await FileSpool.open({
    path: config.spool.file,
    maxBytes: config.spool.maxBytes,
    logger,
  });
  const mongo = await resolveMongoServer({
    mongo: config.mongo,
    dataDir: config.dataDir,
    env,
    logger,
  }).catch(async (error: unknown) => {
    await spool.close();
    throw error;
  });
  logger.info({ server: mongo.label, kind: mongo.kind }, 'using MongoDB');
  const client = createMongoClient({
    uri: mongo.uri,
    connectTimeoutMs: config.mongo.connectTimeoutMs,
  });
  const store = new Store(client.db(config.mongo.dbName));
  // A prompt answer for probes; one slow ping is not an outage (the readiness counts fails).
  const readiness = new Readiness(
    { ping: () => store.db.command({ ping: 1 }), ensureIndexes: () => store.ensureIndexes() },
    logger,
    Math.min(config.mongo.connectTimeoutMs, 2000),
  );
  const shopify = config.shopify ? createShopifyBackend(config.shopify, store, logger) : null;
  // Spread, not wrapped: the store's repositories are its own fields.
  const ports: ConciergePorts = shopify ? { ...store, commerce: shopify.commerce } : store;
  if (shopify) logger.info({ shop: config.shopify?.shop }, 'commerce backend: Shopify');
  const concierge = createConcierge({ config, ports, logger, spool });
  const retention = new Periodic(
    'delete records past their retention window',
    async () => {
      await pruneExpired(store.lifecycle, config.retention, logger, new Date());
    },
    logger,
  );
  logger.info({ model: concierge.models.description }, 'agent model');
  const http: FastifyInstance = buildHttpServer({ logger, readiness });
  shopify?.registerRoutes(http);
  registerConsole(http, {
    ports,
    retailer: config.retailer.identity,
    channels: CHANNELS,
    handoff: concierge.handoff,
    feed: concierge.feed,
    prices: config.llmPrices,
    secureCookies: config.publicUrl?.startsWith('https://') ?? false,
    onArticlePublished: () => concierge.helpCenter.invalidate(),
    lifecycle: store.lifecycle,
    drafting: concierge.drafting,
  });
  let adapters: PlatformAdapter[] = [];
  try {
    adapters = await startPlatformAdapters(config.platforms, {
      http,
      pipeline: concierge.pipeline,
      senders: concierge.senders,
      relay: concierge.relay,
      ports,
      retailer: config.retailer.identity,
      logger,
      publicUrl: config.publicUrl,
      staff: {
        handoff: concierge.handoff,
        feed: concierge.feed,
        slackChannel: config.handoff.staffSlackChannel,
      },
    });
    // Events that arrive before the first recovery pass are kept and wait for it.
    concierge.pipeline.holdTurnsUntilRecovered();
    await http.listen({ host: config.http.host, port: config.http.port });
  } catch (error) {
    await spool.close();
    await client.close();
    await mongo.stop();
    throw error;
  }
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}`;
  logger.info({ url }, 'HTTP server listening');

  const preparation = new AbortController();
  let warming: Promise<void> = Promise.resolve();
  const prepared = prepareDatabase(
    config,
    client,
    store,
    readiness,
    logger,
    preparation.signal,
  ).then(async () => {
    if (preparation.signal.aborted) return;
    concierge.delivery.start();
    concierge.unattended.start();
    concierge.resolutions.start();
    concierge.backInStock.start(BACK_IN_STOCK_EVERY_MS);
    concierge.conversions.start(CONVERSIONS_EVERY_MS);
    concierge.relayPoll.start(RELAY_POLL_MS);
    void retention.run();
    retention.start(RETENTION_EVERY_MS);
    // Built now so the first customer to ask does not wait for it.
    warming = concierge.recommender.warm();
    // The copy of the shop is brought up to date in the background; chat works meanwhile.
    shopify?.start();
    await importHelpCenter(config.retailer.knowledgeDir, store, concierge, logger, shopify);
    // Gateway and socket connections deliver events at once, so they open on a ready database.
    for (const adapter of adapters) {
      await adapter.connect().catch((error: unknown) => {
        // The other channels keep working; the log says what to fix.
        logger.error({ err: error, adapter: adapter.name }, `${adapter.name} could not connect`);
      });
    }
    // Events kept while the database was away go first, so they are answered in order.
    await concierge.spoolDrain.run();
    concierge.spoolDrain.start(SPOOL_DRAIN_MS);
    await concierge.recovery.run();
    concierge.recovery.start(RECOVERY_SWEEP_MS);
  });

  return {
    url,
    store,
    mongo,
    prepared,
    async stop() {
      logger.info('shutting down: no new requests, finishing in-flight work');
      await http.close();
      preparation.abort();
      await prepared.catch(() => {});
      await concierge.recovery.stop();
      await concierge.relayPoll.stop();
      await retention.stop();
      await concierge.spoolDrain.stop();
      await concierge.pipeline.drain();
      await concierge.unattended.stop();
      await concierge.resolutions.stop();
      await concierge.backInStock.stop();
      await concierge.conversions.stop();
      await shopify?.stop();
      await concierge.delivery.stop();
      // After the drain: in-flight turns still deliver through the platforms' clients.
      for (const adapter of adapters) await adapter.stop();
      // A build still reading orders would fail on a closed client.
      await warming;
      // What still waits in the spool is moved by the next start.
      await spool.close();
      await client.close();
      await mongo.stop();
      logger.info('stopped');
    },
  };
}
