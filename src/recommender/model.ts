import { Bm25Index } from './bm25.js';
import { ItemCF } from './item-cf.js';
import { Popularity } from './popularity.js';
import { contentTokens } from './tokens.js';
import { Transitions } from './transitions.js';

/** What the model knows of a product. */
export interface CatalogItem {
  productId: string;
  name: string;
  category: string;
  subcategory: string | null;
  priceCents: number;
  consumable: boolean;
  /** Sizes its variants come in; empty when it has no sizes. */
  sizes: string[];
  /** Name, category, tags, description and attributes, for the content index. */
  text: string;
}

/** One order's products. */
export interface Purchase {
  customerId: string;
  productIds: readonly string[];
  placedAt: Date;
}

/** Whether a product can be sold now, in a size when one is given (a live stock snapshot). */
export type StockCheck = (productId: string, size: string | null) => boolean;

export interface RankRequest {
  customerId: string | null;
  /** The customer's words ("waterproof boots for Iceland"). */
  query?: string;
  /** Goes with / similar to this product. */
  likeProductId?: string;
  minPriceCents?: number;
  maxPriceCents?: number;
  /** Sizes the customer wears (from their profile); products in those sizes must be in stock. */
  sizes?: readonly string[];
  /** Remembered interests, matched like words of the request but weighing less. */
  interests?: readonly string[];
  /** Products not to show again (already shown in this conversation). */
  exclude?: readonly string[];
  limit: number;
}

export interface Ranked {
  productId: string;
  score: number;
  reason: string;
}

/**
 * How "for you" (no words) weighs its signals: items often bought with the customer's
 * (`cf`), bought next after their latest ones (`next`), and popular now. Tuned on validation
 * splits (each customer's second-to-last purchase) of Amazon Beauty and the demo retailer,
 * never on a test split: `npm run tune:recommender` (its last run:
 * bench/results/recommender-tuning.txt).
 */
export interface ForYouWeights {
  cf: number;
  next: number;
  popularity: number;
}

export const FOR_YOU_WEIGHTS: ForYouWeights = { cf: 0.7, next: 0.7, popularity: 0.2 };

/** Seeds of "bought next": the customer's latest items, each one further back weighing this much less. */
const NEXT_SEEDS = 3;
const NEXT_DECAY = 0.5;

const POPULAR_CANDIDATES = 300;
const CONTENT_CANDIDATES = 300;
const SEEDS = 20;
/** How much relevance outweighs similarity to what is already picked (MMR). */
const MMR_LAMBDA = 0.7;

interface Eligible {
  item: number;
  score: number;
  candidate: Candidate;
  parts: Parts;
  size: string | null;
}

interface Parts {
  cf: number;
  next: number;
  content: number;
  popularity: number;
}

interface Candidate {
  item: number;
  cf: number;
  cfSeed: number | null;
  /** Bought next after the customer's latest items. */
  next: number;
  nextSeed: number | null;
  content: number;
  /** Words of the request it matches; null until one does. */
  matched: Set<string> | null;
  popularity: number;
}

/**
 * The recommender's whole state, in memory: the products, item-to-item collaborative
 * filtering, a BM25 content index and recency-weighted popularity. `rank` combines them under
 * the business rules (stock in the customer's size, price range, nothing already bought unless
 * it is a consumable, variety across categories) and gives every pick a true reason.
 */
export class RecommenderModel {
  private readonly index = new Map<string, number>();
  private readonly customers = new Map<string, number>();
  private readonly cf: ItemCF;
  private readonly transitions: Transitions;
  private readonly popularity: Popularity;
  private readonly content: Bm25Index;
  private readonly lastBought = new Map<string, number>();

  constructor(
    readonly items: readonly CatalogItem[],
    now: Date,
    private readonly forYou: ForYouWeights = FOR_YOU_WEIGHTS,
  ) {
    for (const [i, item] of items.entries()) this.index.set(item.productId, i);
    this.cf = new ItemCF(items.length);
    this.transitions = new Transitions(items.length);
    this.popularity = new Popularity(items.length, now.getTime());
    this.content = new Bm25Index(items.map((item) => contentTokens(item.text)));
  }

  /** Builds the model from every purchase at once. */
  static build(
    items: readonly CatalogItem[],
    purchases: Iterable<Purchase>,
    now: Date,
    forYou: ForYouWeights = FOR_YOU_WEIGHTS,
  ) {
    const model = new RecommenderModel(items, now, forYou);
    for (const purchase of inTimeOrder(purchases)) model.record(purchase);
    model.cf.refresh();
    return model;
  }

  /** The same model ranking "for you" with other weights (for tuning). */
  withWeights(forYou: ForYouWeights): RecommenderModel {
    return Object.assign(Object.create(RecommenderModel.prototype) as RecommenderModel, this, {
      forYou,
    });
  }

  /** Adds new orders, updating only the neighbours they change. */
  addPurchases(purchases: Iterable<Purchase>): void {
    const changed = new Set<number>();
    for (const purchase of inTimeOrder(purchases))
      for (const item of this.record(purchase)) changed.add(item);
    this.cf.refresh(changed);
  }

  private record(purchase: Purchase): number[] {
    const items = purchase.productIds
      .map((id) => this.index.get(id))
      .filter((i): i is number => i !== undefined);
    let customer = this.customers.get(purchase.customerId);
    if (customer === undefined) {
      customer = this.customers.size;
      this.customers.set(purchase.customerId, customer);
    }
    const at = purchase.placedAt.getTime();
    for (const item of items) {
      this.popularity.add(item, at);
      const key = `${customer}:${item}`;
      if ((this.lastBought.get(key) ?? 0) < at) this.lastBought.set(key, at);
    }
    this.transitions.add(customer, items);
    return this.cf.add(customer, items);
  }

  itemOf(productId: string): CatalogItem | undefined {
    const i = this.index.get(productId);
    return i === undefined ? undefined : this.items[i];
  }

  /** What the customer has bought, most recent first. */
  historyOf(customerId: string | null): number[] {
    const customer = customerId === null ? undefined : this.customers.get(customerId);
    if (customer === undefined) return [];
    return this.cf
      .history(customer)
      .map((item) => ({ item, at: this.lastBought.get(`${customer}:${item}`) ?? 0 }))
      .sort((a, b) => b.at - a.at)
      .map(({ item }) => item);
  }

  rank(request: RankRequest, inStock: StockCheck): Ranked[] {
    const history = this.historyOf(request.customerId);
    const like = request.likeProductId ? this.index.get(request.likeProductId) : undefined;
    const candidates = new Map<number, Candidate>();
    const candidate = (item: number): Candidate => {
      let found = candidates.get(item);
      if (!found) {
        found = {
          item,
          cf: 0,
          cfSeed: null,
          next: 0,
          nextSeed: null,
          content: 0,
          matched: null,
          popularity: 0,
        };
        candidates.set(item, found);
      }
      return found;
    };

    // Collaborative: from the product asked about, else from the customer's purchases, the
    // recent ones weighing more.
    const seeds = like !== undefined ? [like] : history.slice(0, SEEDS);
    seeds.forEach((seed, rank) => {
      const weight = 0.5 ** (rank / 5);
      for (const { item, score } of this.cf.neighbours(seed)) {
        const c = candidate(item);
        const gain = weight * score;
        if (gain > 0 && (c.cfSeed === null || gain > c.cf / 2)) c.cfSeed = seed;
        c.cf += gain;
      }
    });

    // Sequence: what customers buy next after the customer's latest items, the latest most.
    if (like === undefined)
      history.slice(0, NEXT_SEEDS).forEach((seed, rank) => {
        const weight = NEXT_DECAY ** rank;
        for (const { item, score } of this.transitions.followers(seed)) {
          const c = candidate(item);
          const gain = weight * score;
          if (c.nextSeed === null || gain > c.next / 2) c.nextSeed = seed;
          c.next += gain;
        }
      });

    // Content: the request's words count fully, remembered interests at half weight.
    const words = contentTokens(request.query ?? '');
    const interestWords = contentTokens((request.interests ?? []).join(' '));
    if (like !== undefined && words.length === 0) {
      const liked = this.items[like];
      if (liked)
        words.push(...contentTokens(`${liked.name} ${liked.subcategory ?? liked.category}`));
    }
    let wordsMatched = false;
    const addContent = (tokens: string[], weight: number, reasonable: boolean) => {
      if (tokens.length === 0) return;
      for (const { doc, score, matched } of this.content.search(tokens, CONTENT_CANDIDATES)) {
        const c = candidate(doc);
        c.content += weight * score;
        if (reasonable && matched.length > 0) {
          c.matched ??= new Set();
          for (const word of matched) c.matched.add(word);
        }
        if (weight === 1) wordsMatched = true;
      }
    };
    addContent(words, 1, like === undefined);
    addContent(interestWords, 0.5, false);

    for (const item of this.popularity.ranked().slice(0, POPULAR_CANDIDATES)) candidate(item);
    const maxPopularity = this.popularity.max() || 1;
    for (const c of candidates.values())
      c.popularity = this.popularity.score(c.item) / maxPopularity;

    // Words that match nothing in the catalog ("something for me") leave the ranking to
    // purchases and popularity.
    const weights: Parts = wordsMatched
      ? { cf: 0.25, next: 0, content: 0.6, popularity: 0.15 }
      : like !== undefined
        ? { cf: 0.7, next: 0, content: 0.1, popularity: 0.2 }
        : seeds.length > 0
          ? { ...this.forYou, content: 0.1 }
          : { cf: 0, next: 0, content: 0.3, popularity: 0.7 };
    let maxCf = 1e-9;
    let maxNext = 1e-9;
    let maxContent = 1e-9;
    for (const c of candidates.values()) {
      if (c.cf > maxCf) maxCf = c.cf;
      if (c.next > maxNext) maxNext = c.next;
      if (c.content > maxContent) maxContent = c.content;
    }

    const owned = new Set(history);
    const excluded = new Set(request.exclude ?? []);
    const sizes = request.sizes ?? [];
    const eligible: Eligible[] = [];
    for (const c of candidates.values()) {
      const product = this.items[c.item];
      if (!product || c.item === like || excluded.has(product.productId)) continue;
      // Asked for something in words that the catalog has: only what matches them.
      if (wordsMatched && like === undefined && !c.matched) continue;
      if (owned.has(c.item) && !product.consumable) continue;
      if (request.maxPriceCents !== undefined && product.priceCents > request.maxPriceCents)
        continue;
      if (request.minPriceCents !== undefined && product.priceCents < request.minPriceCents)
        continue;
      const size = sizes.find((s) => product.sizes.includes(s)) ?? null;
      if (!inStock(product.productId, size)) continue;
      const parts: Parts = {
        cf: (weights.cf * c.cf) / maxCf,
        next: (weights.next * c.next) / maxNext,
        content: (weights.content * c.content) / maxContent,
        popularity: weights.popularity * c.popularity,
      };
      const score = parts.cf + parts.next + parts.content + parts.popularity;
      if (score > 0) eligible.push({ item: c.item, score, candidate: c, parts, size });
    }
    // Reasons are written for the picks only.
    return this.diversify(eligible, request.limit).map((pick) => ({
      productId: this.items[pick.item]?.productId ?? '',
      score: pick.score,
      reason: this.reason(pick.candidate, pick.parts, like, pick.size),
    }));
  }

  private reason(
    c: Candidate,
    parts: Parts,
    like: number | undefined,
    size: string | null,
  ): string {
    const sized = size ? ` and your size ${size}` : '';
    const sizedAlone = size ? `, in your size ${size}` : '';
    if (c.matched && parts.content >= parts.cf) {
      const words = [...c.matched].slice(0, 3).map((w) => `'${w}'`);
      return `matches ${words.join(', ')}${sized}`;
    }
    if (parts.next > parts.cf && parts.next >= parts.popularity && c.nextSeed !== null) {
      const seed = this.items[c.nextSeed]?.name ?? 'that';
      return `customers often buy it next after the ${seed}${sizedAlone}`;
    }
    if (parts.cf >= parts.popularity && c.cfSeed !== null) {
      const seed = this.items[c.cfSeed]?.name ?? 'that';
      return like !== undefined
        ? `often bought with the ${seed}${sizedAlone}`
        : `often bought with your ${seed}${sizedAlone}`;
    }
    if (like !== undefined && parts.content > 0) {
      return `similar to the ${this.items[like]?.name ?? 'one you asked about'}${sizedAlone}`;
    }
    return `popular right now${sizedAlone}`;
  }

  /** Maximal marginal relevance: each next pick trades relevance against sameness. */
  private diversify(eligible: Eligible[], limit: number): Eligible[] {
    const pool = eligible.sort((a, b) => b.score - a.score).slice(0, Math.max(limit * 10, 50));
    const top = pool[0]?.score ?? 1;
    const picked: Eligible[] = [];
    while (picked.length < limit && pool.length > 0) {
      let best = 0;
      let bestValue = Number.NEGATIVE_INFINITY;
      pool.forEach((entry, i) => {
        let sameness = 0;
        for (const p of picked) sameness = Math.max(sameness, this.sameness(p.item, entry.item));
        const value = MMR_LAMBDA * (entry.score / top) - (1 - MMR_LAMBDA) * sameness;
        if (value > bestValue) {
          bestValue = value;
          best = i;
        }
      });
      picked.push(...pool.splice(best, 1));
    }
    return picked;
  }

  private sameness(a: number, b: number): number {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return 0;
    if (x.subcategory !== null && x.subcategory === y.subcategory) return 1;
    return x.category === y.category ? 0.5 : 0;
  }
}

/** Purchases oldest first: what is bought next follows from the order. */
function inTimeOrder(purchases: Iterable<Purchase>): Purchase[] {
  return [...purchases].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
}
