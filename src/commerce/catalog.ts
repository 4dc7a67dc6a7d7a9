import type { InventoryRecord, Product } from '../domain/retail.js';
import type { ProductCatalog, ProductMatch, SearchRequest } from '../ports/commerce.js';
import { attributeWords, nearlyEqual, terms } from './text-match.js';

const REFRESH_MS = 60_000;
/** Stock badges on product cards may be this old; a stock question reads live stock. */
const STOCK_SNAPSHOT_MS = 30_000;

interface Indexed {
  product: Product;
  name: string[];
  kind: string[];
  body: string[];
}

/** Where a catalog reads from: the whole catalog, and stock. */
export interface CatalogSource {
  listProducts(): Promise<Product[]>;
  stockOf(productId: string): Promise<InventoryRecord[]>;
  /** Units in stock per product, for every product. */
  stockTotals(): Promise<Map<string, number>>;
}

/**
 * The catalog, searchable by shopper words. Products are few enough (hundreds to thousands)
 * to score in memory; the copy is refreshed from its source once a minute.
 */
export class Catalog implements ProductCatalog {
  private loaded: { at: number; items: Indexed[]; kindNouns: Set<string> } | null = null;
  private stockSnapshot: { at: number; totals: Map<string, number> } | null = null;
  /** Refreshes under way: turns arriving meanwhile wait for them instead of reading again. */
  private loading: Promise<NonNullable<Catalog['loaded']>> | null = null;
  private snapshotting: Promise<Map<string, number>> | null = null;

  constructor(private readonly source: CatalogSource) {}

  invalidate(): void {
    this.loaded = null;
  }

  private async items(): Promise<Indexed[]> {
    return (await this.index()).items;
  }

  private async index(): Promise<NonNullable<Catalog['loaded']>> {
    if (this.loaded && Date.now() - this.loaded.at < REFRESH_MS) return this.loaded;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<NonNullable<Catalog['loaded']>> {
    const all = await this.source.listProducts();
    const items = all.map((product) => ({
      product,
      name: terms(product.name),
      kind: terms([product.category, product.subcategory ?? '', ...product.tags].join(' ')),
      body: terms(`${product.description} ${attributeWords(product.attributes)}`),
    }));
    // The last word of each subcategory names a kind of product ("boot", "sunglasses").
    const kindNouns = new Set(
      all.map((p) => terms(p.subcategory ?? p.category).at(-1)).filter((w): w is string => !!w),
    );
    this.loaded = { at: Date.now(), items, kindNouns };
    return this.loaded;
  }

  async search(request: SearchRequest): Promise<ProductMatch[]> {
    const wanted = terms(request.query);
    const { items, kindNouns } = await this.index();
    // "hiking boots" wants boots: when the words name a kind of product, only that kind.
    const kinds = wanted.filter((word) => kindNouns.has(word));
    const matches: ProductMatch[] = [];
    for (const item of items) {
      if (kinds.length > 0 && !kinds.some((k) => item.kind.includes(k) || item.name.includes(k))) {
        continue;
      }
      const price = item.product.priceCents;
      if (request.maxPriceCents !== undefined && price > request.maxPriceCents) continue;
      if (request.minPriceCents !== undefined && price < request.minPriceCents) continue;
      let score = 0;
      for (const word of wanted) {
        if (item.name.some((t) => nearlyEqual(t, word))) score += 3;
        else if (item.kind.includes(word)) score += 2;
        else if (item.body.includes(word)) score += 1;
      }
      if (score > 0 || wanted.length === 0) matches.push({ product: item.product, score });
    }
    return matches.sort((a, b) => b.score - a.score).slice(0, request.limit ?? 5);
  }

  /** A product by id, SKU or (fuzzily) by name; null when nothing matches well enough. */
  async resolve(reference: string): Promise<Product | null> {
    const items = await this.items();
    const exact = items.find(
      (i) =>
        i.product.productId === reference || i.product.variants.some((v) => v.sku === reference),
    );
    if (exact) return exact.product;
    const [best] = await this.search({ query: reference, limit: 1 });
    const needed = Math.max(3, terms(reference).length * 2);
    return best && best.score >= needed ? best.product : null;
  }

  async list(): Promise<Product[]> {
    return (await this.items()).map((i) => i.product);
  }

  async byId(productId: string): Promise<Product | null> {
    return (await this.items()).find((i) => i.product.productId === productId)?.product ?? null;
  }

  /** Live stock of one product, per variant and location. */
  stock(productId: string): Promise<InventoryRecord[]> {
    return this.source.stockOf(productId);
  }

  /**
   * Units in stock across all variants and locations, from a snapshot of at most 30 s: one
   * read serves every card of every reply, instead of one query per card.
   */
  async totalStock(productId: string): Promise<number> {
    if (!this.stockSnapshot || Date.now() - this.stockSnapshot.at > STOCK_SNAPSHOT_MS) {
      this.snapshotting ??= this.source.stockTotals().finally(() => {
        this.snapshotting = null;
      });
      this.stockSnapshot = { at: Date.now(), totals: await this.snapshotting };
    }
    return this.stockSnapshot.totals.get(productId) ?? 0;
  }
}
