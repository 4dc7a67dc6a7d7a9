import type { Catalog } from '../commerce/catalog.js';
import type { Product } from '../commerce/types.js';
import type { OrdersRepository } from '../store/repositories/orders.js';
import type { Recommendation, Recommender, RecommendRequest } from './recommender.js';

const REBUILD_MS = 10 * 60_000;
const RECENT_MS = 90 * 86_400_000;

interface Model {
  at: number;
  /** productId -> productId -> baskets with both */
  together: Map<string, Map<string, number>>;
  /** productIds, best-selling of the last 90 days first */
  popular: string[];
}

/**
 * Co-purchase counts plus popularity, from the orders collection: simple, explainable, and
 * enough for "goes with" and cold start. Rebuilt every ten minutes.
 */
export class CoPurchaseRecommender implements Recommender {
  private model: Model | null = null;

  constructor(
    private readonly orders: OrdersRepository,
    private readonly catalog: Catalog,
  ) {}

  private async build(): Promise<Model> {
    if (this.model && Date.now() - this.model.at < REBUILD_MS) return this.model;
    const together = new Map<string, Map<string, number>>();
    const sales = new Map<string, number>();
    const since = Date.now() - RECENT_MS;
    for (const order of await this.orders.listBaskets()) {
      const ids = [...new Set(order.productIds)];
      if (order.placedAt.getTime() >= since)
        for (const id of ids) sales.set(id, (sales.get(id) ?? 0) + 1);
      for (const a of ids) {
        const row = together.get(a) ?? new Map<string, number>();
        for (const b of ids) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
        together.set(a, row);
      }
    }
    const popular = [...sales.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    this.model = { at: Date.now(), together, popular };
    return this.model;
  }

  private async inStock(product: Product): Promise<boolean> {
    return (await this.catalog.totalStock(product.productId)) > 0;
  }

  async recommend(request: RecommendRequest): Promise<Recommendation[]> {
    const model = await this.build();
    const history = request.customerId
      ? await this.orders.listForCustomer(request.customerId, 50)
      : [];
    const owned = new Map<string, string>();
    for (const order of history)
      for (const item of order.items) owned.set(item.productId, item.name);
    const candidates = new Map<string, { score: number; reason: string }>();
    const seeds = request.productId ? [request.productId] : [...owned.keys()];
    for (const seed of seeds) {
      const seedName = (await this.catalog.byId(seed))?.name ?? owned.get(seed) ?? seed;
      for (const [id, count] of model.together.get(seed) ?? []) {
        const current = candidates.get(id);
        if (!current || current.score < count) {
          const reason = request.productId
            ? `often bought with the ${seedName}`
            : `often bought with your ${seedName}`;
          candidates.set(id, { score: count, reason });
        }
      }
    }
    model.popular.forEach((id, rank) => {
      if (!candidates.has(id))
        candidates.set(id, { score: 1 / (rank + 2), reason: 'popular right now' });
    });
    const result: Recommendation[] = [];
    const ranked = [...candidates.entries()].sort((a, b) => b[1].score - a[1].score);
    for (const [productId, { reason }] of ranked) {
      if (result.length >= request.limit) break;
      const product = await this.catalog.byId(productId);
      if (!product || productId === request.productId) continue;
      if (owned.has(productId) && !product.consumable) continue;
      if (request.maxPriceCents !== undefined && product.priceCents > request.maxPriceCents)
        continue;
      if (!(await this.inStock(product))) continue;
      result.push({ productId, reason });
    }
    return result;
  }
}
