import { resolve } from 'node:path';
import { beautySplit, demoSplit } from '../src/recommender/eval/datasets.js';
import { evaluate } from '../src/recommender/eval/evaluate.js';
import { type CatalogItem, type Purchase, RecommenderModel } from '../src/recommender/model.js';
import { quantile, round } from './lib/stats.js';
import type { Benchmark } from './run.js';

const PRODUCTS = 10_000;
const CUSTOMERS = 100_000;
const ORDER_LINES = 1_000_000;
const CATEGORIES = 50;
const REQUESTS = 2_000;
const DAY_MS = 86_400_000;
const WORDS = [
  'waterproof',
  'light',
  'warm',
  'travel',
  'trail',
  'summer',
  'winter',
  'classic',
  'compact',
  'merino',
  'insulated',
  'packable',
];
const SIZES = ['S', 'M', 'L', 'XL', '40', '41', '42', '43', '44'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A synthetic shop at the size: products in 50 categories with text, prices and sizes;
 * customers with two or three interest categories, buying mostly within them, some popular
 * products far more than others, over 18 months.
 */
function generate(now: Date) {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const items: CatalogItem[] = Array.from({ length: PRODUCTS }, (_, i) => {
    const category = `category${i % CATEGORIES}`;
    const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
    return {
      productId: `P${i}`,
      name: `${words.join(' ')} item ${i}`,
      category,
      subcategory: `${category}-${i % 7}`,
      priceCents: 500 + Math.floor(next() * 40_000),
      consumable: i % 17 === 0,
      sizes: i % 3 === 0 ? SIZES.slice(0, 4) : i % 3 === 1 ? SIZES.slice(4) : [],
      text: `${words.join(' ')} ${category} item ${i}`,
    };
  });
  const byCategory = Array.from({ length: CATEGORIES }, (_, c) =>
    items.filter((_, i) => i % CATEGORIES === c),
  );
  const purchases: Purchase[] = [];
  let lines = 0;
  for (let c = 0; lines < ORDER_LINES; c = (c + 1) % CUSTOMERS) {
    const interests = [Math.floor(next() * CATEGORIES), Math.floor(next() * CATEGORIES)];
    const size = 1 + Math.floor(next() * 4);
    const productIds: string[] = [];
    for (let k = 0; k < size; k++) {
      const pool =
        byCategory[next() < 0.8 ? pick(interests) : Math.floor(next() * CATEGORIES)] ?? [];
      // Skewed within a category: low indexes sell far more.
      productIds.push(pool[Math.floor(pool.length * next() ** 3)]?.productId ?? 'P0');
    }
    lines += productIds.length;
    purchases.push({
      customerId: `C${c}`,
      productIds,
      placedAt: new Date(now.getTime() - next() * 540 * DAY_MS),
    });
  }
  return { items, purchases };
}

const recommender: Benchmark = {
  name: 'recommender',
  async run() {
    const now = new Date();
    console.log(
      `  generating ${PRODUCTS} products, ${CUSTOMERS} customers, ${ORDER_LINES} order lines ...`,
    );
    const { items, purchases } = generate(now);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const model = RecommenderModel.build(items, purchases, now);
    const buildS = (performance.now() - started) / 1000;
    global.gc?.();
    const rssMb = process.memoryUsage().rss / 1e6;
    console.log(`  built in ${buildS.toFixed(2)} s; ${REQUESTS} requests ...`);
    const next = random(11);
    const inStock = (productId: string, size: string | null) =>
      !productId.endsWith('3') || size === null;
    const latencies: number[] = [];
    const byKind: number[][] = [[], [], [], []];
    for (let r = 0; r < REQUESTS; r++) {
      const kind = r % 4;
      const request = {
        customerId: kind === 3 ? null : `C${Math.floor(next() * CUSTOMERS)}`,
        query:
          kind === 1 ? `${WORDS[r % WORDS.length]} ${WORDS[(r * 7) % WORDS.length]}` : undefined,
        likeProductId: kind === 2 ? `P${Math.floor(next() * PRODUCTS)}` : undefined,
        sizes: r % 2 ? ['M', '42'] : [],
        maxPriceCents: r % 5 === 0 ? 10_000 : undefined,
        limit: 5,
      };
      const t0 = performance.now();
      model.rank(request, inStock);
      const ms = performance.now() - t0;
      latencies.push(ms);
      byKind[kind]?.push(ms);
    }
    const incrementalStarted = performance.now();
    model.addPurchases(purchases.slice(0, 1000).map((p) => ({ ...p, placedAt: now })));
    const update1000Ms = performance.now() - incrementalStarted;

    console.log('  evaluation on the demo data and Amazon Beauty ...');
    const demo = evaluate(demoSplit(now));
    const beauty = beautySplit(
      process.env.RECSYS_DATA_DIR ?? resolve('..', 'shared', 'data', 'recsys'),
    );
    const publicScores = beauty ? evaluate(beauty) : null;
    if (!publicScores) console.log('  amazon-beauty data not found: public_* metrics are left out');
    return {
      mongo: 'none (in-memory model; the evaluation reads no database)',
      metrics: {
        p50_ms: round(quantile(latencies, 0.5), 3),
        p99_ms: round(quantile(latencies, 0.99), 3),
        p99_ms_for_you: round(quantile(byKind[0] ?? [], 0.99), 3),
        p99_ms_words: round(quantile(byKind[1] ?? [], 0.99), 3),
        p99_ms_goes_with: round(quantile(byKind[2] ?? [], 0.99), 3),
        p99_ms_cold_start: round(quantile(byKind[3] ?? [], 0.99), 3),
        build_s: round(buildS),
        rss_mb: round(rssMb),
        model_rss_growth_mb: round((process.memoryUsage().rss - rssBefore) / 1e6),
        update_1000_orders_ms: round(update1000Ms),
        demo_recall_at_10: round(demo.model.recallAt10, 4),
        demo_ndcg_at_10: round(demo.model.ndcgAt10, 4),
        demo_coverage: round(demo.model.coverage, 4),
        demo_popularity_recall_at_10: round(demo.popularity.recallAt10, 4),
        demo_popularity_ndcg_at_10: round(demo.popularity.ndcgAt10, 4),
        ...(publicScores
          ? {
              public_recall_at_10: round(publicScores.model.recallAt10, 4),
              public_ndcg_at_10: round(publicScores.model.ndcgAt10, 4),
              public_coverage: round(publicScores.model.coverage, 4),
              public_popularity_recall_at_10: round(publicScores.popularity.recallAt10, 4),
              public_popularity_ndcg_at_10: round(publicScores.popularity.ndcgAt10, 4),
            }
          : {}),
      },
      notes:
        `Synthetic shop: ${PRODUCTS} products in ${CATEGORIES} categories, ${CUSTOMERS} customers, ` +
        `${ORDER_LINES} order lines (80% within two interest categories, skewed popularity, 18 months). ` +
        `build_s: RecommenderModel.build over all orders; p50/p99 over ${REQUESTS} rank() calls ` +
        '(a quarter each: for-you, words, goes-with, cold start; half with sizes, a fifth with a price cap), ' +
        'with a stock check; rss_mb is the whole process after the build, the generated input ' +
        'orders included; model_rss_growth_mb is what the build added. Evaluation: last basket per ' +
        'customer held out, full ranking over all items, the same split for the popularity baseline ' +
        '(demo: the seeded retailer; public: Amazon Beauty 5-core, leave-one-out).',
    };
  },
};

export default recommender;
