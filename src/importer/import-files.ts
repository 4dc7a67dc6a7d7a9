import type { Store } from '../store/store.js';
import { customerImporter } from './customers.js';
import type { EntityName } from './entity.js';
import { type FileReport, type ImportOptions, importFile } from './import-file.js';
import { inventoryImporter } from './inventory.js';
import { orderImporter } from './orders.js';
import { productImporter } from './products.js';

export type ImportPlan = Partial<Record<EntityName, string>>;

/**
 * Imports in dependency order (products, customers, inventory, orders), so each file's
 * references can point at what the files before it brought in. Each file is all-or-nothing
 * on its own.
 */
export async function importFiles(
  plan: ImportPlan,
  store: Store,
  options: ImportOptions,
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  if (plan.products) reports.push(await importFile(productImporter, plan.products, store, options));
  if (plan.customers)
    reports.push(await importFile(customerImporter, plan.customers, store, options));
  if (plan.inventory)
    reports.push(await importFile(inventoryImporter, plan.inventory, store, options));
  if (plan.orders) reports.push(await importFile(orderImporter, plan.orders, store, options));
  return reports;
}
