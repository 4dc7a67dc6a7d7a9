import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/recommender/bm25.js';
import { evaluate, lastBasketSplit } from '../../../src/recommender/eval/evaluate.js';
import { ItemCF } from '../../../src/recommender/item-cf.js';
import { type CatalogItem, RecommenderModel } from '../../../src/recommender/model.js';
import { Popularity } from '../../../src/recommender/popularity.js';
import { contentTokens } from '../../../src/recommender/tokens.js';
import { Transitions } from '../../../src/recommender/transitions.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');

describe('ItemCF', () => {
  it('finds the items bought by the same customers, damping best-sellers', () => {
    // 0 and 1 are always bought together; 2 is bought by everyone.
    const cf = new ItemCF(4);
    cf.add(0, [0, 1, 2]);
    cf.add(1, [0, 1, 2]);
    cf.add(2, [2, 3]);
    cf.add(3, [2]);
    cf.refresh();
    const neighbours = cf.neighbours(0);
    expect(neighbours[0]?.item).toBe(1);
    expect(neighbours[0]?.score).toBeGreaterThan(neighbours[1]?.score ?? 0);
    expect(neighbours.map((n) => n.item)).not.toContain(3);
  });

  it('updates only from new purchases, matching a full rebuild', () => {
    const incremental = new ItemCF(3);
    incremental.add(0, [0, 1]);
    incremental.refresh();
    incremental.refresh(incremental.add(1, [0, 2]));
    const full = new ItemCF(3);
    full.add(0, [0, 1]);
    full.add(1, [0, 2]);
    full.refresh();
    expect(incremental.neighbours(0)).toEqual(full.neighbours(0));
    expect(incremental.neighbours(2)).toEqual(full.neighbours(2));
  });
});

describe('Bm25Index and tokens', () => {
  it('ranks the document with the rarer matching word first', () => {
    const index = new Bm25Index([
      ['waterproof', 'hiking', 'boot'],
      ['hiking', 'sock'],
      ['sun', 'hat'],
    ]);
    const hits = index.search(['waterproof', 'boot', 'hiking'], 10);
    expect(hits.map((h) => h.doc)).toEqual([0, 1]);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0);
    expect([...(hits[0]?.matched ?? [])].sort()).toEqual(['boot', 'hiking', 'waterproof']);
    expect(index.search(['waterproof'], 10).map((h) => h.doc)).toEqual([0]);
  });

  it('tokenises Chinese into catalog words and character pairs', () => {
    expect(contentTokens('适合夏天的太阳镜')).toEqual(
      expect.arrayContaining(['summer', 'sunglasse', '适合', '夏天']),
    );
    expect(contentTokens('Waterproof Boots')).toEqual(['waterproof', 'boot']);
  });
});

describe('Popularity', () => {
  it('weighs recent purchases above old ones', () => {
    const popularity = new Popularity(2, NOW.getTime(), 30);
    popularity.add(0, NOW.getTime() - 300 * DAY);
    popularity.add(0, NOW.getTime() - 300 * DAY);
    popularity.add(1, NOW.getTime() - DAY);
    expect(popularity.ranked()).toEqual([1, 0]);
  });
});

function item(productId: string, extra: Partial<CatalogItem> = {}): CatalogItem {
  return {
    productId,
    name: productId,
    category: 'outdoor',
    subcategory: productId.replace(/\d+$/, ''),
    priceCents: 5000,
    consumable: false,
    sizes: [],
    text: productId,
    ...extra,
  };
}

describe('RecommenderModel', () => {
  const items = [
    item('tent1', { text: 'two person tent', priceCents: 30000 }),
    item('stove1', { text: 'camping stove', priceCents: 6000 }),
    item('boot1', { text: 'waterproof hiking boot', sizes: ['42', '43'], category: 'footwear' }),
    item('boot2', { text: 'waterproof winter boot', sizes: ['42'], category: 'footwear' }),
    item('coffee1', { text: 'coffee beans', consumable: true, priceCents: 1500, category: 'food' }),
    item('hat1', { text: 'sun hat', category: 'apparel' }),
  ];
  const purchases = [
    {
      customerId: 'a',
      productIds: ['tent1', 'stove1'],
      placedAt: new Date(NOW.getTime() - 10 * DAY),
    },
    {
      customerId: 'b',
      productIds: ['tent1', 'stove1'],
      placedAt: new Date(NOW.getTime() - 9 * DAY),
    },
    {
      customerId: 'c',
      productIds: ['tent1', 'coffee1'],
      placedAt: new Date(NOW.getTime() - 8 * DAY),
    },
    { customerId: 'd', productIds: ['hat1'], placedAt: new Date(NOW.getTime() - 1 * DAY) },
    { customerId: 'd', productIds: ['hat1'], placedAt: new Date(NOW.getTime() - 1 * DAY) },
    { customerId: 'e', productIds: ['coffee1'], placedAt: new Date(NOW.getTime() - 2 * DAY) },
  ];
  const model = RecommenderModel.build(items, purchases, NOW);
  const all = () => true;

  it('suggests what goes with a purchase, with the reason, and not what was bought', () => {
    const picks = model.rank(
      { customerId: 'new-tent-owner', likeProductId: 'tent1', limit: 2 },
      all,
    );
    expect(picks[0]).toMatchObject({ productId: 'stove1', reason: 'often bought with the tent1' });
    const forC = model.rank({ customerId: 'c', limit: 6 }, all).map((p) => p.productId);
    expect(forC).not.toContain('tent1');
    expect(forC).toContain('coffee1'); // a consumable may be bought again
  });

  it('matches words, keeps to the size in stock and the price range, and says why', () => {
    const inStock = (productId: string, size: string | null) =>
      !(productId === 'boot1' && size === '42');
    const picks = model.rank(
      { customerId: null, query: 'waterproof boots', sizes: ['42'], limit: 2 },
      inStock,
    );
    // boot1 is sold out in 42; what follows the match is popular filler.
    expect(picks[0]?.productId).toBe('boot2');
    expect(picks.map((p) => p.productId)).not.toContain('boot1');
    expect(picks[0]?.reason).toBe("matches 'waterproof', 'boot' and your size 42");
    expect(
      model
        .rank({ customerId: null, query: 'tent', maxPriceCents: 10000, limit: 3 }, all)
        .map((p) => p.productId),
    ).not.toContain('tent1');
  });

  it('never recommends what is out of stock', () => {
    const picks = model.rank({ customerId: null, limit: 6 }, (id) => id !== 'tent1');
    expect(picks.map((p) => p.productId)).not.toContain('tent1');
  });

  it('gives a cold-start customer popular items, varied across categories', () => {
    const picks = model.rank({ customerId: null, limit: 3 }, all);
    expect(picks[0]?.reason).toBe('popular right now');
    const categories = picks.map((p) => items.find((i) => i.productId === p.productId)?.category);
    expect(new Set(categories).size).toBe(3);
  });

  it('learns from new purchases without a rebuild', () => {
    const fresh = RecommenderModel.build(items, purchases, NOW);
    expect(
      fresh.rank({ customerId: null, likeProductId: 'hat1', limit: 1 }, all)[0]?.reason,
    ).not.toMatch(/often bought/);
    fresh.addPurchases([{ customerId: 'f', productIds: ['hat1', 'boot1'], placedAt: NOW }]);
    expect(fresh.rank({ customerId: null, likeProductId: 'hat1', limit: 1 }, all)[0]).toMatchObject(
      {
        productId: 'boot1',
        reason: 'often bought with the hat1',
      },
    );
  });
});

describe('evaluate', () => {
  it("holds out each customer's last order and scores what the model ranks in the top 10", () => {
    const items = ['a', 'b', 'c'].map((id) => item(id, { subcategory: id }));
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    const split = lastBasketSplit(
      'tiny',
      items,
      [
        { customerId: 'c0', productIds: ['a', 'b'], placedAt: at(5) },
        { customerId: 'c0', productIds: ['c'], placedAt: at(1) },
        { customerId: 'c1', productIds: ['a'], placedAt: at(4) },
        { customerId: 'c1', productIds: ['b'], placedAt: at(2) },
      ],
      NOW,
    );
    expect(split.train.map((p) => p.productIds.join())).toEqual(['a,b', 'a']);
    expect(split.test).toEqual([
      { customerId: 'c0', items: ['c'] },
      { customerId: 'c1', items: ['b'] },
    ]);
    const result = evaluate(split);
    // c1 bought a, which goes with b: a hit at rank 1. Nobody bought c before: a miss for c0.
    expect(result.model.recallAt10).toBe(0.5);
    expect(result.model.ndcgAt10).toBe(0.5);
    expect(result.popularity.recallAt10).toBe(0.5);
    expect(result.model.users).toBe(2);
  });
});

describe('Transitions: what is bought next', () => {
  it('scores what follows an item, the very next purchase most, as a share of what follows it', () => {
    const transitions = new Transitions(4);
    // Two customers buy 0, then 1; one buys 0, then 2, then 3.
    transitions.add(0, [0]);
    transitions.add(0, [1]);
    transitions.add(1, [0]);
    transitions.add(1, [1]);
    transitions.add(2, [0]);
    transitions.add(2, [2]);
    transitions.add(2, [3]);
    const after0 = new Map([...transitions.followers(0)].map((f) => [f.item, f.score]));
    // Votes after 0: 1 and 1 for item 1, 1 for item 2, 0.5 for item 3 (two steps on).
    expect(after0.get(1)).toBeCloseTo(2 / 3.5);
    expect(after0.get(2)).toBeCloseTo(1 / 3.5);
    expect(after0.get(3)).toBeCloseTo(0.5 / 3.5);
    expect([...transitions.followers(3)]).toEqual([]);
  });

  it('recommends what customers buy next after the latest purchase, and says so', () => {
    const at = (day: number) => new Date(NOW.getTime() - (30 - day) * DAY);
    const items = ['shampoo1', 'conditioner1', 'mask1', 'brush1'].map((id) =>
      item(id, { category: 'beauty' }),
    );
    const purchases = [
      ...['a', 'b', 'c'].flatMap((customerId, i) => [
        { customerId, productIds: ['shampoo1'], placedAt: at(i) },
        { customerId, productIds: ['conditioner1'], placedAt: at(i + 5) },
      ]),
      // brush1 is bought with shampoo1 more often, but before it, never after.
      ...['d', 'e', 'f', 'g'].flatMap((customerId, i) => [
        { customerId, productIds: ['brush1'], placedAt: at(i) },
        { customerId, productIds: ['shampoo1'], placedAt: at(i + 5) },
      ]),
      { customerId: 'me', productIds: ['shampoo1'], placedAt: at(20) },
    ];
    const model = RecommenderModel.build(items, purchases, NOW);
    const [first] = model.rank({ customerId: 'me', limit: 2 }, () => true);
    expect(first).toMatchObject({
      productId: 'conditioner1',
      reason: 'customers often buy it next after the shampoo1',
    });
  });
});
