import { z } from 'zod';
import type { InventoryRecord } from '../domain/retail.js';
import type { EntityImporter } from './entity.js';
import { count, date, id, text } from './fields.js';
import { ownersBySku } from './sku-lookup.js';
import type { RowError } from './source.js';

export const inventorySchema = z.strictObject({
  sku: id,
  location: text,
  quantity: count,
  restockDate: date.optional(),
});
export type InventoryInput = z.infer<typeof inventorySchema>;

export const inventoryImporter: EntityImporter<InventoryInput, InventoryRecord> = {
  entity: 'inventory',
  schema: inventorySchema,
  keyName: 'sku and location',
  keyOf: (input) => `${input.sku} at ${input.location}`,

  async build(parsed, store, now, earlier) {
    const owners = await ownersBySku(
      store,
      parsed.map(({ input }) => input.sku),
      earlier.products,
    );
    const errors: RowError[] = [];
    const docs: InventoryRecord[] = [];
    for (const { input, record } of parsed) {
      const owner = owners.get(input.sku);
      if (!owner) {
        errors.push({
          row: record.rows[0] ?? 0,
          reason: `unknown sku ${input.sku}: import its product first`,
        });
        continue;
      }
      docs.push({
        sku: input.sku,
        productId: owner.product.productId,
        location: input.location,
        quantity: input.quantity,
        restockDate: input.restockDate ?? null,
        updatedAt: now,
      });
    }
    return { docs, errors };
  },

  write: (docs, store) => store.inventory.upsertMany(docs),
};
