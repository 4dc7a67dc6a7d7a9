import type { AttributeValue, InventoryRecord, Product, Variant } from '../domain/retail.js';
import { CATEGORIES, type CategoryDef, LOCATIONS, SIZE_SCALES } from './catalog-data.js';
import type { Random } from './random.js';

export const PRODUCTS_PER_CATEGORY = 25;
const DAY_MS = 86_400_000;

/** A list attribute's words (none when the attribute is not a list). */
function words(value: AttributeValue | undefined): string[] {
  return Array.isArray(value) ? value : [];
}

function priceCents(rng: Random, [min, max]: readonly [number, number]): number {
  // Retail prices end in .99 or .00 more often than not.
  return rng.int(min, max) * 100 - (rng.chance(0.7) ? 1 : 0);
}

function describe(
  def: CategoryDef,
  name: string,
  noun: string,
  attrs: Record<string, AttributeValue>,
): string {
  const features = words(attrs.features);
  const seasons = words(attrs.season).join(', ');
  const sentences = [
    `The ${name} is a ${String(attrs.waterproof) === 'true' ? 'waterproof ' : ''}${noun.toLowerCase()} made of ${attrs.material}.`,
    `It comes with ${features.join(', ')}.`,
    `Made for ${seasons}${def.consumable ? ', and worth keeping a spare' : ''}.`,
  ];
  if (typeof attrs.weightGrams === 'number') sentences.push(`Weighs ${attrs.weightGrams} g.`);
  return sentences.join(' ');
}

function variantsFor(rng: Random, def: CategoryDef, productId: string, price: number): Variant[] {
  const sizes = SIZE_SCALES[def.sizes];
  const colours = def.colours.length > 0 ? rng.sample(def.colours, rng.int(1, 3)) : [null];
  const variants: Variant[] = [];
  for (const colour of colours) {
    for (const size of sizes.length > 0 ? sizes : [null]) {
      const suffix = [colour?.replace(/\s+/g, '').toUpperCase(), size].filter(Boolean);
      variants.push({
        sku: [productId.replace('P-', 'SKU-'), ...suffix].join('-'),
        options: {
          ...(colour ? { colour } : {}),
          ...(size ? { size } : {}),
        },
        available: true,
        // Larger sizes of some products cost a little more, as in real catalogs.
        priceCents: size === 'XXL' || size === '46' ? price + 500 : price,
      });
    }
  }
  return variants;
}

/** 25 products in each category, with variants, attributes and a description built from them. */
export function generateProducts(rng: Random, createdAt: Date): Product[] {
  const products: Product[] = [];
  const usedNames = new Set<string>();
  for (const def of CATEGORIES) {
    for (let i = 0; i < PRODUCTS_PER_CATEGORY; i++) {
      const kind = def.kinds[i % def.kinds.length] ?? def.kinds[0];
      if (!kind) throw new Error(`category ${def.category} has no kinds`);
      const brand = rng.pick(def.brands);
      let name = `${brand} ${rng.pick(def.adjectives)} ${kind.noun}`;
      for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
      usedNames.add(name);
      const productId = `P-${String(products.length + 10001)}`;
      const price = priceCents(rng, def.priceRange);
      const attributes: Record<string, AttributeValue> = {
        material: rng.pick(def.materials),
        features: rng.sample(kind.features, rng.int(2, kind.features.length)),
        season: rng.sample(def.seasons, rng.int(1, def.seasons.length)),
        waterproof: kind.waterproof === true && rng.chance(0.85),
      };
      if (!def.consumable) attributes.weightGrams = rng.int(8, 120) * 10;
      products.push({
        productId,
        name,
        brand,
        category: def.category,
        subcategory: kind.subcategory,
        description: describe(def, name, kind.noun, attributes),
        attributes,
        tags: [def.category, kind.subcategory, ...words(attributes.season)],
        priceCents: price,
        currency: 'USD',
        consumable: def.consumable,
        variants: variantsFor(rng, def, productId, price),
        createdAt: new Date(createdAt.getTime() - rng.int(0, 365) * DAY_MS),
      });
    }
  }
  return products;
}

/**
 * Stock per variant per location: about 8% out of stock (most with a restock date), 15% low
 * (1 to 3 left), the rest comfortable. The online warehouse holds more than the stores.
 */
export function generateInventory(
  rng: Random,
  products: readonly Product[],
  now: Date,
): InventoryRecord[] {
  const records: InventoryRecord[] = [];
  for (const product of products) {
    for (const variant of product.variants) {
      for (const location of LOCATIONS) {
        const roll = rng.next();
        const out = roll < 0.08;
        const low = !out && roll < 0.23;
        const quantity = out
          ? 0
          : low
            ? rng.int(1, 3)
            : rng.int(4, location === 'online' ? 120 : 30);
        const restockDate =
          (out && rng.chance(0.8)) || (low && rng.chance(0.5))
            ? new Date(now.getTime() + rng.int(3, 30) * DAY_MS)
            : null;
        records.push({
          sku: variant.sku,
          productId: product.productId,
          location,
          quantity,
          restockDate,
          updatedAt: now,
        });
      }
    }
  }
  return records;
}
