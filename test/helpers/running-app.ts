import type { Filter } from 'mongodb';
import { inject } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import type { Customer, Order } from '../../src/commerce/types.js';
import { parseConfig } from '../../src/config.js';
import { hashPassword } from '../../src/console/passwords.js';
import { createLogger } from '../../src/logger.js';
import type { StaffRole } from '../../src/store/repositories/staff-users.js';
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

export const STAFF_PASSWORD = 'a long enough password';

/** Staff users who sign in with STAFF_PASSWORD. */
export async function addStaff(app: RunningApp, users: readonly (readonly [string, StaffRole])[]) {
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  for (const [username, role] of users) {
    await app.store.staffUsers.create({
      username,
      displayName: username,
      passwordHash,
      role,
      createdAt: new Date(),
      disabled: false,
    });
  }
}

/** A signed-in staff member: their session cookie, and a fetch that sends it and the CSRF token. */
export async function staffSession(app: RunningApp, username: string) {
  const response = await fetch(`${app.url}/api/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: STAFF_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`${username} could not sign in: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { cookie, csrfToken, call };
}

/** A web chat visitor of the running app: says things through the customer API. */
export async function webVisitor(app: RunningApp) {
  const { sessionId } = (await (
    await fetch(`${app.url}/api/chat/sessions`, { method: 'POST' })
  ).json()) as { sessionId: string };
  let sent = 0;
  return {
    sessionId,
    async say(text: string) {
      const response = await fetch(`${app.url}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId, text, clientMessageId: `m${++sent}` }),
      });
      if (response.status !== 202) throw new Error(`web chat answered ${response.status}`);
    },
  };
}
