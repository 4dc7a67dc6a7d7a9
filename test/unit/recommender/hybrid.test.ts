import { describe, expect, it } from 'vitest';
import type { Product, Purchase } from '../../../src/domain/retail.js';
import { createLogger } from '../../../src/logger.js';
import type { CommerceMirror } from '../../../src/ports/commerce.js';
import { HybridRecommender } from '../../../src/recommender/hybrid.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const product = (productId: string, name: string): Product => ({
  productId,
  name,
  brand: 'Test',
  category: 'Footwear',
  subcategory: null,
  description: name,
  attributes: {},
  tags: [],
  priceCents: 5000,
  currency: 'USD',
  consumable: false,
  variants: [{ sku: `${productId}-1`, options: {}, priceCents: 5000, available: true }],
  createdAt: NOW,
});
const products = [product('P-1', 'Trail runner'), product('P-2', 'Road runner')];
const recent: Purchase[] = [
  { customerId: 'C-1', productIds: ['P-2'], placedAt: new Date(NOW.getTime() - 86_400_000) },
  { customerId: 'C-2', productIds: ['P-2'], placedAt: new Date(NOW.getTime() - 86_400_000) },
];

/** Bought by C-9 long before the stand-in's window. */
const older: Purchase[] = [
  { customerId: 'C-9', productIds: ['P-2'], placedAt: new Date(NOW.getTime() - 90 * 86_400_000) },
];

/** A shop mirror whose full order history takes as long as the test wants. */
function slowMirror() {
  let release = () => {};
  const full = new Promise<void>((resolve) => {
    release = resolve;
  });
  let fullReads = 0;
  const mirror: CommerceMirror = {
    listProducts: async () => products,
    async listPurchases(placedAfter) {
      if (placedAfter) return recent.filter((p) => p.placedAt > placedAfter);
      fullReads++;
      await full;
      return recent;
    },
    purchasesOf: async (customerId) =>
      [...recent, ...older].filter((p) => p.customerId === customerId),
    unitsBySku: async () => new Map(products.map((p) => [`${p.productId}-1`, 3])),
  };
  return { mirror, release, fullReads: () => fullReads };
}

describe('the recommender while its model builds', () => {
  it('answers from recent best-sellers at once instead of waiting for the full build', async () => {
    const { mirror, release, fullReads } = slowMirror();
    const logger = createLogger({ level: 'silent', format: 'json' });
    const recommender = new HybridRecommender(mirror, logger, () => NOW);
    const warming = recommender.warm();
    const answer = await recommender.recommend({ customerId: null, limit: 2 });
    expect(answer[0]?.productId).toBe('P-2');
    expect(fullReads()).toBe(1);
    // A customer's own older orders still count: what they bought is not suggested again.
    const forBuyer = await recommender.recommend({ customerId: 'C-9', limit: 2 });
    expect(forBuyer.map((r) => r.productId)).not.toContain('P-2');
    release();
    await warming;
    expect((await recommender.recommend({ customerId: null, limit: 2 }))[0]?.productId).toBe('P-2');
    expect(fullReads()).toBe(1);
  });
});
