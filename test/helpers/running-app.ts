import type { Filter } from 'mongodb';
import { inject } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import type { Customer, Order } from '../../src/domain/retail.js';
import { createLogger } from '../../src/logger.js';
import { spoolFileFor } from './spool-file.js';
import { testDbName } from './test-store.js';

/** The real app in this process, on the test MongoDB, with the demo shop and `env` set. */
export async function startTestApp(
  name: string,
  env: Record<string, string>,
  /** An existing test database, to start again on the data of an earlier run. */
  dbName = testDbName(name),
): Promise<RunningApp> {
  const config = parseConfig({
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: dbName,
    PORT: '0',
    SPOOL_FILE: spoolFileFor(dbName),
    // Each message answered on its own unless a test is about bursts.
    BURST_DEBOUNCE_MS: '0',
    ...env,
  });
  const app = await startApp({
    config,
    env: {},
    logger: createLogger({
      level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent',
      format: 'json',
    }),
  });
  await app.prepared;
  return app;
}

/** Picks orders of distinct customers, so each test has its own. */
export function orderPicker(app: () => RunningApp) {
  const used = new Set<string>();
  return async (filter: Filter<Order>): Promise<{ order: Order; customer: Customer }> => {
    const candidates = await app()
      .store.db.collection<Order>('orders')
      .find(filter, { projection: { _id: 0 } })
      // Sorted, so every server hands a test the same fixtures.
      .sort({ orderNumber: 1 })
      .limit(200)
      .toArray();
    const order = candidates.find((o) => !used.has(o.customerId));
    if (!order) throw new Error(`no unused order matches ${JSON.stringify(filter)}`);
    used.add(order.customerId);
    const customer = await app().store.customers.findById(order.customerId);
    if (!customer) throw new Error(`order ${order.orderNumber} has no customer`);
    return { order, customer };
  };
}
