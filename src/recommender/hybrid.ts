import type { Logger } from '../logger.js';
import type { CommerceMirror } from '../ports/commerce.js';
import { catalogItem } from './catalog-item.js';
import { RecommenderModel } from './model.js';
import type { Recommendation, Recommender, RecommendRequest } from './recommender.js';

/** New orders are folded in this often, without a rebuild. */
const SYNC_MS = 60_000;
/** A full rebuild also catches products added and orders imported with past dates. */
const REBUILD_MS = 30 * 60_000;
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
}

/**
 * The recommender behind the agent's tool: the in-memory model of `model.ts`, built from
 * the shop's mirror on first use (and rebuilt every 30 minutes), new orders folded in every minute,
 * and live stock from a snapshot of at most 30 s.
 */
export class HybridRecommender implements Recommender {
  private built: Built | null = null;
  private building: Promise<Built> | null = null;
  private syncing: Promise<void> | null = null;
  private stock: { at: number; units: Map<string, number> } | null = null;
  private stocking: Promise<Map<string, number>> | null = null;

  constructor(
    private readonly source: CommerceMirror,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Builds the model now (at start-up) rather than on the first request. */
  async warm(): Promise<void> {
    await this.current();
  }

  private async build(): Promise<Built> {
    const started = performance.now();
    const products = await this.source.listProducts();
    const purchases = await this.source.listPurchases();
    const now = this.now();
    const model = RecommenderModel.build(products.map(catalogItem), purchases, now);
    const sizeOfSku = new Map<string, string | null>();
    const skusOf = new Map<string, string[]>();
    for (const product of products) {
      skusOf.set(
        product.productId,
        product.variants.map((v) => v.sku),
      );
      for (const variant of product.variants) sizeOfSku.set(variant.sku, variant.size);
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
      'recommender model built',
    );
    return { model, sizeOfSku, skusOf, builtAt: Date.now(), syncedAt: Date.now(), watermark };
  }

  private async current(): Promise<Built> {
    const built = this.built;
    if (!built || Date.now() - built.builtAt > REBUILD_MS) {
      this.building ??= this.build()
        .then((fresh) => {
          this.built = fresh;
          return fresh;
        })
        .finally(() => {
          this.building = null;
        });
      // A stale model answers while the next one builds; only the first request waits.
      if (!built) return this.building;
    } else if (Date.now() - built.syncedAt > SYNC_MS) {
      this.syncing ??= this.sync(built).finally(() => {
        this.syncing = null;
      });
    }
    return built;
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
