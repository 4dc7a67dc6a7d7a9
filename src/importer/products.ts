import { z } from 'zod';
import type { AttributeValue, Product, VariantOptions } from '../domain/retail.js';
import type { EntityImporter } from './entity.js';
import { currency, flag, id, list, money, text } from './fields.js';
import type { RowError } from './source.js';

const attribute = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

const variantSchema = z.strictObject({
  sku: id,
  /** Shorthands for the two commonest options. */
  size: text.optional(),
  colour: text.optional(),
  /** Any options by name: `{ "switch type": "clicky", "capacity": "1TB" }`. */
  options: z.record(text, text).default({}),
  /** Defaults to the product's price. */
  price: money.optional(),
  /** Offered for sale (stock, if kept, is in the inventory file). */
  available: flag.default(true),
});

/**
 * The variant's options under the retailer's own names ("color" stays "color": look-ups treat
 * it as "colour"), with the `size` and `colour` shorthands.
 */
function variantOptionsOf(variant: z.infer<typeof variantSchema>): VariantOptions {
  const options: VariantOptions = { ...variant.options };
  if (variant.colour) options.colour = variant.colour;
  if (variant.size) options.size = variant.size;
  return options;
}

export const productSchema = z.strictObject({
  productId: id,
  name: text,
  brand: text.optional(),
  category: text,
  subcategory: text.optional(),
  description: z.string().trim().optional(),
  price: money,
  currency: currency.default('USD'),
  consumable: flag.default(false),
  tags: list.default([]),
  attributes: z.record(z.string(), attribute).default({}),
  variants: z.array(variantSchema).min(1, 'needs at least one variant (a SKU)'),
});
export type ProductInput = z.infer<typeof productSchema>;

function toProduct(input: ProductInput, now: Date): Product {
  return {
    productId: input.productId,
    name: input.name,
    brand: input.brand ?? '',
    category: input.category.toLowerCase(),
    subcategory: input.subcategory ?? null,
    description: input.description ?? '',
    attributes: input.attributes as Record<string, AttributeValue>,
    tags: input.tags,
    priceCents: input.price,
    currency: input.currency,
    consumable: input.consumable,
    variants: input.variants.map((v) => ({
      sku: v.sku,
      options: variantOptionsOf(v),
      priceCents: v.price ?? input.price,
      available: v.available,
    })),
    // Kept from the stored product on re-import (see ProductsRepository.upsertMany).
    createdAt: now,
  };
}

export const productImporter: EntityImporter<ProductInput, Product> = {
  entity: 'products',
  schema: productSchema,
  keyName: 'productId',
  keyOf: (input) => input.productId,
  csvLines: {
    idField: 'productId',
    field: 'variants',
    columns: {
      sku: 'sku',
      size: 'size',
      colour: 'colour',
      options: 'options',
      variantPrice: 'price',
      available: 'available',
    },
  },

  async build(parsed, store, now) {
    const errors: RowError[] = [];
    const skuOwner = new Map<string, string>();
    for (const { input, record } of parsed) {
      input.variants.forEach((variant, index) => {
        const row = record.rows[index] ?? record.rows[0] ?? 0;
        const owner = skuOwner.get(variant.sku);
        if (owner !== undefined)
          errors.push({ row, reason: `sku ${variant.sku} is also used by ${owner}` });
        else skuOwner.set(variant.sku, input.productId);
      });
    }
    const stored = await store.products.findBySkus([...skuOwner.keys()]);
    const rowOf = new Map(
      parsed.map(({ input, record }) => [input.productId, record.rows[0] ?? 0]),
    );
    for (const product of stored) {
      for (const variant of product.variants) {
        const owner = skuOwner.get(variant.sku);
        if (owner !== undefined && owner !== product.productId) {
          errors.push({
            row: rowOf.get(owner) ?? 0,
            reason: `sku ${variant.sku} already belongs to product ${product.productId}`,
          });
        }
      }
    }
    return { docs: parsed.map(({ input }) => toProduct(input, now)), errors };
  },

  write: (docs, store) => store.products.upsertMany(docs),
};
