import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../src/domain/insights.js';
import type { InventoryRecord, Product } from '../../../src/domain/retail.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';

const at = new Date('2026-11-01T00:00:00Z');
const boot: Product = {
  productId: 'P-BOOT',
  name: 'Summit Trail Boot',
  brand: 'Northwind',
  category: 'footwear',
  subcategory: 'boots',
  description: 'A waterproof hiking boot.',
  attributes: {},
  tags: ['hiking'],
  priceCents: 14_000,
  currency: 'USD',
  consumable: false,
  variants: [
    { sku: 'BOOT-42', options: { size: '42' }, priceCents: 14_000, available: true },
    { sku: 'BOOT-43', options: { size: '43' }, priceCents: 14_000, available: true },
  ],
  createdAt: at,
};

function setUp() {
  const inventory: InventoryRecord[] = [
    {
      sku: 'BOOT-42',
      productId: 'P-BOOT',
      location: 'online',
      quantity: 0,
      restockDate: null,
      updatedAt: at,
    },
    {
      sku: 'BOOT-43',
      productId: 'P-BOOT',
      location: 'online',
      quantity: 4,
      restockDate: null,
      updatedAt: at,
    },
  ];
  const ports = inMemoryPorts({ products: [boot], inventory });
  const start = () => createHarness(ports);
  const harness = start();
  const restock = (sku: string, quantity: number) => {
    const record = inventory.find((r) => r.sku === sku);
    if (record) record.quantity = quantity;
  };
  const today = async () =>
    (await ports.insights.period(dayOf(new Date()), dayOf(new Date()))).terms;
  return { ports, harness, start, restock, today };
}

describe('unmet demand and "tell me when it is back"', () => {
  it('counts an out-of-stock ask with its size, then tells the customer once when it is back, after a restart too', async () => {
    const t = setUp();
    const chat = t.harness.chat();
    const stock = await chat.say('Is the Summit Trail Boot in stock in size 42?');
    expect(stock?.text).toMatch(/out of stock/);
    expect(stock?.text).toMatch(/let me know when it's back/);
    const subscribed = await chat.say("let me know when it's back please");
    expect(subscribed?.text).toMatch(/I will message you here once the Summit Trail Boot \(42\)/);
    expect(await t.today()).toMatchObject({
      demand: { out_of_stock: { 'summit trail boot · 42': 1 } },
    });
    // Another size coming in is not the one asked for.
    t.restock('BOOT-43', 9);
    await t.harness.concierge.backInStock.run();
    const notices = () =>
      t.harness.sender.delivered.filter(
        (m) =>
          m.conversationKey === chat.conversationKey && /You asked us to let you know/.test(m.text),
      );
    expect(notices()).toHaveLength(0);
    // A restart between the ask and the restock: the alert is in the store, not in memory.
    const restarted = t.start();
    t.restock('BOOT-42', 2);
    await restarted.concierge.backInStock.run();
    await restarted.concierge.backInStock.run();
    await t.harness.concierge.backInStock.run();
    const delivered = restarted.sender.delivered.filter((m) =>
      /You asked us to let you know/.test(m.text),
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      conversationKey: chat.conversationKey,
      channel: 'webchat',
      text: expect.stringContaining('Summit Trail Boot (42) is back in stock'),
    });
    expect(notices()).toHaveLength(0);
    expect(await t.ports.stockAlerts.waiting(10)).toEqual([]);
  });

  it('a crash between sending and marking the alert does not send it twice', async () => {
    const t = setUp();
    const chat = t.harness.chat();
    await chat.say('Is the Summit Trail Boot in stock in size 42?');
    await chat.say('notify me when it is back in stock');
    t.restock('BOOT-42', 1);
    const markSent = t.ports.stockAlerts.markSent;
    t.ports.stockAlerts.markSent = async () => {
      throw new Error('the database went away');
    };
    await t.harness.concierge.backInStock.run();
    t.ports.stockAlerts.markSent = markSent;
    const restarted = t.start();
    await restarted.concierge.backInStock.run();
    const sent = [...t.harness.sender.delivered, ...restarted.sender.delivered].filter((m) =>
      /You asked us to let you know/.test(m.text),
    );
    expect(sent).toHaveLength(1);
    expect(await t.ports.stockAlerts.waiting(10)).toEqual([]);
  });

  it('answers in the language the customer asked in', async () => {
    const t = setUp();
    const chat = t.harness.chat();
    await chat.say('Is the Summit Trail Boot in stock in size 42?');
    await chat.say('到货通知我');
    t.restock('BOOT-42', 1);
    await t.harness.concierge.backInStock.run();
    expect(t.harness.sender.delivered.at(-1)?.text).toMatch(/已经到货/);
  });

  it('counts searches that found nothing, apart from things the shop does not sell', async () => {
    const t = setUp();
    const chat = t.harness.chat();
    await chat.say('do you sell kayaks?');
    await chat.say('I am looking for hiking boots under $20');
    expect(await t.today()).toMatchObject({
      demand: { not_sold: { kayak: 1 }, no_result: { 'hiking boot': 1 } },
    });
  });
});
