import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoData } from '../../seed/generate.js';
import { seedDay } from '../../seed/seed.js';
import { catalogItem } from '../catalog-item.js';
import type { CatalogItem, Purchase } from '../model.js';
import { lastBasketSplit, type Split } from './evaluate.js';

/** The demo retailer's orders (the same data `npm start` seeds), cancelled ones left out. */
export function demoSplit(now = new Date()): Split {
  const data = generateDemoData(seedDay(now));
  const purchases: Purchase[] = data.orders
    .filter((order) => order.status !== 'cancelled')
    .map((order) => ({
      customerId: order.customerId,
      productIds: order.items.map((item) => item.productId),
      placedAt: order.placedAt,
    }));
  return lastBasketSplit('demo', data.products.map(catalogItem), purchases, seedDay(now));
}

export const BEAUTY_FILES = [
  'amazon-beauty/Beauty.txt',
  'amazon-beauty/Beauty_item2attributes.json',
];

/**
 * Amazon Beauty 5-core (see the data folder's README): one line per user with items in time
 * order, and anonymous attribute ids per item as the content. The order is all the time there
 * is, so each interaction gets the next millisecond: the last one is held out, as the
 * standard leave-one-out protocol does, and recency does not weigh popularity.
 */
export function beautySplit(dataDir: string): Split | null {
  const [sequencesFile, attributesFile] = BEAUTY_FILES.map((file) => join(dataDir, file));
  if (
    !sequencesFile ||
    !attributesFile ||
    !existsSync(sequencesFile) ||
    !existsSync(attributesFile)
  )
    return null;
  const attributes = JSON.parse(readFileSync(attributesFile, 'utf8')) as Record<string, number[]>;
  const ids = new Set<string>(Object.keys(attributes));
  const purchases: Purchase[] = [];
  const base = Date.UTC(2014, 0, 1);
  let clock = 0;
  for (const line of readFileSync(sequencesFile, 'utf8').split('\n')) {
    const [user, ...items] = line.trim().split(/\s+/);
    if (!user || items.length === 0) continue;
    for (const item of items) {
      ids.add(item);
      purchases.push({
        customerId: user,
        productIds: [`b${item}`],
        placedAt: new Date(base + clock++),
      });
    }
  }
  const items: CatalogItem[] = [...ids].map((id) => ({
    productId: `b${id}`,
    name: `item ${id}`,
    category: `a${attributes[id]?.[0] ?? 'none'}`,
    subcategory: null,
    priceCents: 0,
    consumable: false,
    sizes: [],
    text: (attributes[id] ?? []).map((a) => `attr${a}`).join(' '),
  }));
  return lastBasketSplit('amazon-beauty', items, purchases, new Date(base + clock));
}
