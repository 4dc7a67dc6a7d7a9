import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { Customer, Order } from '../../src/domain/retail.js';
import { eventually } from '../fakes/loopback.js';
import { addStaff, staffSession, webVisitor } from '../helpers/app-clients.js';
import { runCli } from '../helpers/cli-process.js';
import { orderPicker, startTestApp } from '../helpers/running-app.js';

const CLI = join(import.meta.dirname, '../../src/cli/privacy.ts');
/** A word only this customer ever wrote, to look for after the erasure. */
const TOKEN = 'Quokka7731';

let app: RunningApp;
const pickOrder = orderPicker(() => app);

beforeAll(async () => {
  app = await startTestApp('privacy', {});
  await addStaff(app, [
    ['ada', 'admin'],
    ['bob', 'agent'],
  ]);
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
});

/** A customer whose name no other customer shares, so finding it means finding theirs. */
async function uniqueCustomer(): Promise<{ order: Order; customer: Customer }> {
  for (;;) {
    const picked = await pickOrder({ status: 'pending' });
    const sameName = await app.store.db
      .collection('customers')
      .countDocuments({ name: picked.customer.name });
    if (sameName === 1) return picked;
  }
}

/** `npm run privacy -- ...` as a process on the app's database. */
function privacyCli(args: string[]) {
  return runCli(CLI, args, {
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: app.store.db.databaseName,
  });
}

describe("a customer's data", () => {
  it('is exported to an admin and the CLI, then erased: their name, e-mail and messages are nowhere', async () => {
    const { order, customer } = await uniqueCustomer();
    const visitor = await webVisitor(app);
    await visitor.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    await visitor.say(`My parrot ${TOKEN} chewed the box, where is my order?`);
    await visitor.say('I need a person please');
    const conversation = await eventually(async () => {
      const found = await app.store.conversations.findByKey(
        'webchat',
        (await app.store.db.collection('inbound_events').findOne({ text: /Quokka/ }))
          ?.conversationKey ?? '',
      );
      const pending = await app.store.inbox.unprocessed(10);
      return found?.customerId === customer.customerId && pending.length === 0 ? found : null;
    }, 'the conversation answered');

    const bob = await staffSession(app, 'bob');
    const ada = await staffSession(app, 'ada');
    const path = `/api/console/customers/${encodeURIComponent(customer.email)}`;
    expect((await bob.call('GET', `${path}/export`)).status).toBe(403);
    const exported = await ada.call('GET', `${path}/export`);
    expect(exported.status).toBe(200);
    const body = await exported.text();
    for (const held of [customer.email, customer.name, TOKEN]) expect(body).toContain(held);

    const file = join(mkdtempSync(join(tmpdir(), 'privacy-')), 'export.json');
    const cli = await privacyCli(['export', customer.email, '--out', file]);
    expect(cli.code, cli.output).toBe(0);
    const fromCli = JSON.parse(readFileSync(file, 'utf8')) as { records: { messages: unknown[] } };
    expect(JSON.stringify(fromCli.records.messages)).toContain(TOKEN);

    expect((await bob.call('POST', `${path}/erase`, { confirm: customer.customerId })).status).toBe(
      403,
    );
    expect((await ada.call('POST', `${path}/erase`, { confirm: 'someone else' })).status).toBe(400);
    expect((await ada.call('POST', `${path}/erase`, { confirm: customer.customerId })).status).toBe(
      200,
    );

    const found: string[] = [];
    const traces = [customer.email, customer.name, TOKEN, customer.address?.line1].filter(
      (t): t is string => Boolean(t),
    );
    for (const { name } of await app.store.db.listCollections().toArray()) {
      const docs = JSON.stringify(await app.store.db.collection(name).find().toArray());
      for (const trace of traces) if (docs.includes(trace)) found.push(`${name}: ${trace}`);
    }
    expect(found).toEqual([]);

    // The retailer's records keep the order, without where it went.
    const kept = await app.store.db
      .collection('orders')
      .findOne({ orderNumber: order.orderNumber });
    expect(kept?.totalCents).toBe(order.totalCents);
    expect(kept?.shippingAddress?.line1).toBe('[erased]');
    const transcript = await app.store.messages.recent(conversation.conversationId, 20);
    expect(transcript.length).toBeGreaterThan(0);
    expect(new Set(transcript.map((m) => m.text))).toEqual(new Set(['[erased]']));
    const audited = (await app.store.auditLog.recent(20)).map((e) => `${e.actor}:${e.action}`);
    expect(audited).toEqual(
      expect.arrayContaining(['ada:customer_exported', 'ada:customer_erased']),
    );
    expect(audited.some((a) => a.endsWith(':customer_exported') && a.startsWith('cli:'))).toBe(
      true,
    );
  }, 120_000);
});
