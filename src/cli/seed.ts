import { parseArgs } from 'node:util';
import { commerceIsEmpty, seedDemoData } from '../seed/seed.js';
import { withStore } from './with-store.js';

const USAGE = `Usage: npm run seed [-- --force]

Loads the demo retailer (products, stock, customers, orders) into the configured MongoDB.
Without --force it refuses when the shop already holds data (demo or your own). With it, the
demo records are written over whatever has the same ids; nothing else is touched, and
running it again leaves one copy of everything.`;

let force = false;
try {
  const { values } = parseArgs({
    options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  force = values.force === true;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
}

await withStore(async (store, logger) => {
  if (!force && !(await commerceIsEmpty(store))) {
    logger.error(
      'the database already holds shop data; run with --force to write the demo data anyway',
    );
    return 1;
  }
  const summary = await seedDemoData(store, new Date(), logger);
  console.log(
    `Seeded ${summary.products} products, ${summary.inventory} stock records, ${summary.customers} customers, ${summary.orders} orders in ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  return 0;
});
