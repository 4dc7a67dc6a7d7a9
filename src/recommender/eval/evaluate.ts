import { type CatalogItem, type Purchase, RecommenderModel } from '../model.js';

/** One customer's held-out purchase: what they bought next, given everything before it. */
export interface HeldOut {
  customerId: string;
  items: readonly string[];
}

export interface Split {
  name: string;
  items: readonly CatalogItem[];
  train: readonly Purchase[];
  test: readonly HeldOut[];
  now: Date;
}

export interface Scores {
  recallAt10: number;
  ndcgAt10: number;
  /** Share of the catalog that appears in someone's top 10. */
  coverage: number;
  users: number;
}

const K = 10;

export function score(split: Split, recommend: (customerId: string) => string[]): Scores {
  let recall = 0;
  let ndcg = 0;
  const shown = new Set<string>();
  for (const { customerId, items } of split.test) {
    const wanted = new Set(items);
    const top = recommend(customerId).slice(0, K);
    let hits = 0;
    let dcg = 0;
    top.forEach((productId, rank) => {
      shown.add(productId);
      if (wanted.has(productId)) {
        hits++;
        dcg += 1 / Math.log2(rank + 2);
      }
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(K, wanted.size); rank++) ideal += 1 / Math.log2(rank + 2);
    recall += hits / wanted.size;
    ndcg += ideal > 0 ? dcg / ideal : 0;
  }
  const users = split.test.length;
  return {
    recallAt10: users ? recall / users : 0,
    ndcgAt10: users ? ndcg / users : 0,
    coverage: split.items.length ? shown.size / split.items.length : 0,
    users,
  };
}

/**
 * Full-ranking evaluation of the recommender ("for you": no words, no stock rule, since the
 * past had other stock) and of the popularity baseline, on the same split. Both rank every
 * item and skip what the customer already bought, unless it is a consumable.
 */
export function evaluate(split: Split): { model: Scores; popularity: Scores; buildS: number } {
  const started = performance.now();
  const model = RecommenderModel.build(split.items, split.train, split.now);
  const buildS = (performance.now() - started) / 1000;
  const ours = scoreModel(split, model);
  const counts = new Map<string, number>();
  for (const purchase of split.train)
    for (const id of new Set(purchase.productIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const popular = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const consumable = new Set(split.items.filter((i) => i.consumable).map((i) => i.productId));
  const bought = new Map<string, Set<string>>();
  for (const purchase of split.train) {
    const set = bought.get(purchase.customerId) ?? new Set<string>();
    for (const id of purchase.productIds) set.add(id);
    bought.set(purchase.customerId, set);
  }
  const baseline = score(split, (customerId) => {
    const owned = bought.get(customerId) ?? new Set<string>();
    const top: string[] = [];
    for (const id of popular) {
      if (top.length >= K) break;
      if (!owned.has(id) || consumable.has(id)) top.push(id);
    }
    return top;
  });
  return { model: ours, popularity: baseline, buildS };
}

/** The model's "for you" top 10 for every held-out customer, scored. */
export function scoreModel(split: Split, model: RecommenderModel): Scores {
  const always = () => true;
  return score(split, (customerId) =>
    model.rank({ customerId, limit: K }, always).map((r) => r.productId),
  );
}

/**
 * The split a model is tuned on, never the test split: the test's held-out orders left out
 * entirely, then each customer's last remaining order held out in their place.
 */
export function validationSplit(split: Split): Split {
  let last = 0;
  for (const purchase of split.train) last = Math.max(last, purchase.placedAt.getTime());
  return lastBasketSplit(`${split.name} (validation)`, split.items, split.train, new Date(last));
}

/**
 * Per customer: the last order is held out; training has every other order (so each model
 * sees the past of everyone, but never the basket it must predict).
 */
export function lastBasketSplit(
  name: string,
  items: readonly CatalogItem[],
  purchases: readonly Purchase[],
  now: Date,
): Split {
  const last = new Map<string, Purchase>();
  for (const purchase of purchases) {
    const current = last.get(purchase.customerId);
    if (!current || purchase.placedAt > current.placedAt) last.set(purchase.customerId, purchase);
  }
  const heldOut = new Set(last.values());
  const perCustomer = new Map<string, number>();
  for (const purchase of purchases)
    perCustomer.set(purchase.customerId, (perCustomer.get(purchase.customerId) ?? 0) + 1);
  const train = purchases.filter((p) => !heldOut.has(p));
  // A customer with a single order has no history to learn from; they count, as cold starts.
  const test = [...last.values()].map((p) => ({
    customerId: p.customerId,
    items: [...new Set(p.productIds)],
  }));
  return { name, items, train, test, now };
}
