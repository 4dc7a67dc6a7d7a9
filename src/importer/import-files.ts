import type { Customer, Product } from '../domain/retail.js';
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
  // On a dry run nothing is written, so later files are checked against earlier ones too.
  const earlier: { products: Product[]; customers: Customer[] } = { products: [], customers: [] };
  const keep = options.dryRun;
  if (plan.products) {
    const done = await importFile(productImporter, plan.products, store, options, earlier);
    reports.push(done.report);
    if (keep) earlier.products.push(...done.docs);
  }
  if (plan.customers) {
    const done = await importFile(customerImporter, plan.customers, store, options, earlier);
    reports.push(done.report);
    if (keep) earlier.customers.push(...done.docs);
  }
  if (plan.inventory)
    reports.push(
      (await importFile(inventoryImporter, plan.inventory, store, options, earlier)).report,
    );
  if (plan.orders)
    reports.push((await importFile(orderImporter, plan.orders, store, options, earlier)).report);
  return reports;
}
