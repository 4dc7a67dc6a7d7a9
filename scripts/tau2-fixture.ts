/**
 * Writes the τ² subset the conformance test replays (test/fixtures/tau2/): the tasks named
 * below with their gold end states, and of τ²'s database the users they involve with all their
 * orders and the products of those orders or named in the tasks. Run: npx tsx scripts/tau2-fixture.ts [TAU2_DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One task per gold write kind, and one per kind of refusal τ² makes on purpose. */
const TASKS = ['0', '26', '35', '39', '40', '46', '64', '101', '105', '109', '113'];

const dir = resolve(process.argv[2] ?? join('..', 'shared', 'data', 'tau2-retail'));
const out = resolve('test', 'fixtures', 'tau2');
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const db = read('db.json');
const tasks = (read('tasks.json') as { id: string }[]).filter((t) => TASKS.includes(t.id));
const gold = read('gold-end-states.json');

const users = new Set<string>();
const products = new Set<string>();
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(strings)
      : [];
for (const task of tasks) {
  for (const text of strings(task)) {
    if (db.users[text]) users.add(text);
    if (db.products[text]) products.add(text);
    const order = db.orders[text];
    if (order) users.add(order.user_id);
    for (const user of Object.values(db.users) as { user_id: string; email: string }[])
      if (user.email === text) users.add(user.user_id);
  }
  for (const id of Object.keys(gold[task.id].users_after)) users.add(id);
}
const subset = {
  users: {} as Record<string, unknown>,
  orders: {} as Record<string, unknown>,
  products: {} as Record<string, unknown>,
};
for (const id of users) {
  const user = db.users[id];
  subset.users[id] = user;
  for (const orderId of user.orders) {
    const order = db.orders[orderId];
    subset.orders[orderId] = order;
    for (const item of order.items) subset.products[item.product_id] = db.products[item.product_id];
  }
}
for (const id of products) subset.products[id] = db.products[id];
writeFileSync(join(out, 'db.json'), JSON.stringify(subset));
writeFileSync(join(out, 'tasks.json'), JSON.stringify(tasks));
writeFileSync(
  join(out, 'gold-end-states.json'),
  JSON.stringify(Object.fromEntries(TASKS.map((id) => [id, gold[id]]))),
);
process.stdout.write(
  `${tasks.length} tasks, ${users.size} users, ${Object.keys(subset.orders).length} orders, ${Object.keys(subset.products).length} products\n`,
);
