import { optionValue } from '../domain/retail.js';
import type { Logger } from '../logger.js';
import type { CommerceMirror } from '../ports/commerce.js';
import { catalogItem } from './catalog-item.js';
import { RecommenderModel } from './model.js';
import type { Recommendation, Recommender, RecommendRequest } from './recommender.js';

/** New orders are folded in this often, without a rebuild. */
const SYNC_MS = 60_000;
/** A full rebuild also catches products added and orders imported with past dates. */
const REBUILD_MS = 30 * 60_000;
/** Until the first full build is done, recommendations come from orders this recent. */
const STAND_IN_DAYS = 30;
/** Stock is read for all products at once, at most this old. */
const STOCK_MS = 30_000;

interface Built {
  model: RecommenderModel;
  /** SKU -> size, for "in stock in your size". */
  sizeOfSku: Map<string, string | null>;
  skusOf: Map<string, string[]>;
  builtAt: number;
  syncedAt: number;
  /** The newest order placed that the model has seen. */
  watermark: Date;
  /**
   * A stand-in knows only orders placed after this; each customer it answers for has their
   * older orders folded in first, so it never re-suggests what they bought.
   */
  standIn?: { since: Date; customers: Map<string, Promise<void>> };
}

/**
 * The recommender behind the agent's tool: the in-memory model of `model.ts`, built from
 * the shop's mirror on first use (and rebuilt every 30 minutes), new orders folded in every minute,
 * and live stock from a snapshot of at most 30 s.
 */
export class HybridRecommender implements Recommender {
  private built: Built | null = null;
  private building: Promise<Built | null> | null = null;
  private standingIn: Promise<Built> | null = null;
  private syncing: Promise<void> | null = null;
  private stock: { at: number; units: Map<string, number> } | null = null;
  private stocking: Promise<Map<string, number>> | null = null;

  constructor(
    private readonly source: CommerceMirror,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Builds the model now (at start-up) rather than on the first request; a failure is logged. */
  async warm(): Promise<void> {
    await this.rebuild();
  }

  /** Starts a full build unless one runs; resolves with the model, or null when it failed. */
  private rebuild(): Promise<Built | null> {
    this.building ??= this.build()
      .then(
        (fresh) => {
          this.built = fresh;
          this.standingIn = null;
          return fresh;
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'could not build the recommender model');
          return null;
        },
      )
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  /** The model from every order, or (`placedAfter`) from recent ones only: a quick stand-in. */
  private async build(placedAfter?: Date): Promise<Built> {
    const started = performance.now();
    const products = await this.source.listProducts();
    const purchases = await this.source.listPurchases(placedAfter);
    const now = this.now();
    const model = RecommenderModel.build(products.map(catalogItem), purchases, now);
    const sizeOfSku = new Map<string, string | null>();
    const skusOf = new Map<string, string[]>();
    for (const product of products) {
      skusOf.set(
        product.productId,
        product.variants.map((v) => v.sku),
      );
      for (const variant of product.variants)
        sizeOfSku.set(variant.sku, optionValue(variant.options, 'size'));
    }
    const watermark = purchases.reduce(
      // biome-ignore lint/complexity/useMathMinMax: these are Dates, and a million of them
      (latest, p) => (p.placedAt > latest ? p.placedAt : latest),
      new Date(0),
    );
    this.logger.info(
      {
        products: products.length,
        orders: purchases.length,
        ms: Math.round(performance.now() - started),
      },
      placedAfter
        ? 'stand-in recommender model built from recent orders'
        : 'recommender model built',
    );
    return {
      model,
      sizeOfSku,
      skusOf,
      builtAt: Date.now(),
      syncedAt: Date.now(),
      watermark,
      ...(placedAfter ? { standIn: { since: placedAfter, customers: new Map() } } : {}),
    };
  }

  private async current(): Promise<Built> {
    const built = this.built;
    if (!built || Date.now() - built.builtAt > REBUILD_MS) {
      void this.rebuild();
      // A stale model answers while the next one builds. Before the first one is there, a
      // stand-in from recent orders (popularity, content) answers: a turn never waits for
      // the whole build.
      if (!built) return this.standIn();
    } else if (Date.now() - built.syncedAt > SYNC_MS) {
      this.syncing ??= this.sync(built).finally(() => {
        this.syncing = null;
      });
    }
    return built;
  }

  private standIn(): Promise<Built> {
    const since = new Date(this.now().getTime() - STAND_IN_DAYS * 86_400_000);
    this.standingIn ??= this.build(since).catch((error: unknown) => {
      this.standingIn = null;
      throw error;
    });
    return this.standingIn;
  }

  /** Folds a customer's older orders into the stand-in once; concurrent asks share the read. */
  private foldInCustomer(
    built: Built,
    standIn: NonNullable<Built['standIn']>,
    customerId: string,
  ): Promise<void> {
    let folding = standIn.customers.get(customerId);
    if (!folding) {
      folding = this.source.purchasesOf(customerId).then(
        (purchases) =>
          built.model.addPurchases(purchases.filter((p) => p.placedAt <= standIn.since)),
        (error: unknown) => {
          standIn.customers.delete(customerId);
          throw error;
        },
      );
      standIn.customers.set(customerId, folding);
    }
    return folding;
  }

  /** Folds in orders placed since the model last looked. */
  private async sync(built: Built): Promise<void> {
    built.syncedAt = Date.now();
    try {
      const fresh = await this.source.listPurchases(built.watermark);
      if (fresh.length === 0) return;
      built.model.addPurchases(fresh);
      for (const p of fresh) if (p.placedAt > built.watermark) built.watermark = p.placedAt;
      this.logger.debug({ orders: fresh.length }, 'recommender model updated');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read new orders for the recommender');
    }
  }

  private async units(): Promise<Map<string, number>> {
    if (this.stock && Date.now() - this.stock.at < STOCK_MS) return this.stock.units;
    this.stocking ??= this.source.unitsBySku().finally(() => {
      this.stocking = null;
    });
    const units = await this.stocking;
    this.stock = { at: Date.now(), units };
    return units;
  }

  async recommend(request: RecommendRequest): Promise<Recommendation[]> {
    const [built, units] = await Promise.all([this.current(), this.units()]);
    if (built.standIn && request.customerId)
      await this.foldInCustomer(built, built.standIn, request.customerId);
    const inStock = (productId: string, size: string | null) =>
      (built.skusOf.get(productId) ?? []).some(
        (sku) => (units.get(sku) ?? 0) > 0 && (size === null || built.sizeOfSku.get(sku) === size),
      );
    return built.model
      .rank(
        {
          customerId: request.customerId,
          query: request.query,
          likeProductId: request.productId,
          minPriceCents: request.minPriceCents,
          maxPriceCents: request.maxPriceCents,
          sizes: request.sizes,
          interests: request.interests,
          exclude: request.exclude,
          limit: request.limit,
        },
        inStock,
      )
      .map(({ productId, reason }) => ({ productId, reason }));
  }
}
