import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/importer/import-files.js';
import { openTestStore, useTestStore } from '../../helpers/test-store.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import');
const fixture = (name: string) => join(FIXTURES, name);
const ALL_FIXTURES = {
  products: fixture('products.csv'),
  customers: fixture('customers.json'),
  inventory: fixture('inventory.csv'),
  orders: fixture('orders.csv'),
};
const now = new Date('2026-11-24T12:00:00Z');

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'concierge-import-')), name);
  writeFileSync(path, content);
  return path;
}

const t = useTestStore('import_bot');

describe('importing again after changes made in Concierge', () => {
  it('keeps a cancellation and a return request; a file with later events still wins', async () => {
    await importFiles(ALL_FIXTURES, t.store, { now, dryRun: false });
    // The customer cancels the pending order and asks to return the delivered one.
    const at = new Date('2026-11-24T13:00:00Z');
    expect(
      await t.store.commerce.changeOrder(
        'EXT-101',
        'EXT-O-2',
        { kind: 'cancel', reason: 'no longer needed' },
        at,
      ),
    ).toMatchObject({ ok: true, order: { status: 'cancelled' } });
    expect(
      await t.store.commerce.changeOrder(
        'EXT-100',
        'EXT-O-1',
        {
          kind: 'request_return',
          lines: [{ sku: 'ACME-2-M', quantity: 1 }],
          reason: 'too small',
          paymentMethodId: 'card_100',
        },
        at,
      ),
    ).toMatchObject({ ok: true, order: { returnRequest: { reason: 'too small' } } });
    // One return or exchange per order, in the store's own write.
    expect(
      await t.store.commerce.changeOrder(
        'EXT-100',
        'EXT-O-1',
        {
          kind: 'request_return',
          lines: [{ sku: 'ACME-2-M', quantity: 1 }],
          reason: 'again',
          paymentMethodId: 'card_100',
        },
        at,
      ),
    ).toMatchObject({ refused: 'wrong_status' });

    const [again] = await importFiles({ orders: fixture('orders.csv') }, t.store, {
      now: new Date('2026-11-25T00:00:00Z'),
      dryRun: false,
    });
    expect(again?.written).toMatchObject({ inserted: 0, updated: 0, keptNewer: 2 });
    expect(await t.store.orders.findByNumber('EXT-O-2')).toMatchObject({ status: 'cancelled' });
    expect(await t.store.orders.findByNumber('EXT-O-1')).toMatchObject({
      returnRequest: { reason: 'too small' },
    });

    // The shop's system says later that EXT-O-1 came back: that replaces it, the request stays.
    const returned = readFileSync(fixture('orders.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line, i) => {
        if (i === 0) return `${line},returned_at`;
        if (line.startsWith('EXT-O-1,EXT-100,'))
          return `${line.replace(',delivered,', ',returned,')},2026-11-30T10:00:00Z`;
        return `${line},`;
      })
      .join('\n');
    const [later] = await importFiles({ orders: tempFile('orders.csv', returned) }, t.store, {
      now: new Date('2026-12-01T00:00:00Z'),
      dryRun: false,
    });
    expect(later?.errors).toEqual([]);
    expect(later?.written).toMatchObject({ updated: 1, keptNewer: 1 });
    expect(await t.store.orders.findByNumber('EXT-O-1')).toMatchObject({
      status: 'returned',
      returnRequest: { reason: 'too small' },
    });
  });

  it('refuses an order field it does not know, as it does for customers and products', async () => {
    const orders = tempFile(
      'orders.json',
      JSON.stringify([
        {
          orderNumber: 'EXT-O-9',
          customerId: 'EXT-100',
          status: 'pending',
          placedAt: '2026-11-20T08:30:00Z',
          items: [{ sku: 'ACME-2-M', quantity: 1 }],
          estimatedDelivry: '2026-11-28',
        },
      ]),
    );
    const [report] = await importFiles({ orders }, t.store, { now, dryRun: false });
    expect(report?.errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/estimatedDelivry/),
    ]);
    expect(await t.store.orders.findByNumber('EXT-O-9')).toBeNull();
  });
});

describe('payment methods, payments and what Concierge changes on a customer', () => {
  it('imports cards, PayPal and gift cards with balances, and an order paid with one of them', async () => {
    await importFiles(ALL_FIXTURES, t.store, { now, dryRun: false });
    expect((await t.store.customers.findById('EXT-100'))?.paymentMethods).toEqual({
      card_100: { methodId: 'card_100', kind: 'card', brand: 'visa', lastFour: '4242' },
      gift_card_100: { methodId: 'gift_card_100', kind: 'gift_card', balanceCents: 2550 },
    });
    expect((await t.store.orders.findByNumber('EXT-O-1'))?.payments).toEqual([
      { kind: 'payment', methodId: 'card_100', amountCents: 12900 + 3 * 1600 },
    ]);
  });

  it("refuses a payment with a method that is not the customer's, naming it", async () => {
    const orders = tempFile(
      'orders.json',
      JSON.stringify([
        {
          orderNumber: 'EXT-O-8',
          customerId: 'EXT-101',
          status: 'pending',
          placedAt: '2026-11-20T08:30:00Z',
          items: [{ sku: 'ACME-2-M', quantity: 1 }],
          shippingAddress: {
            line1: '9 Harbor Ave',
            city: 'Burlington',
            region: 'VT',
            postalCode: '05401',
            country: 'US',
          },
          payments: [{ kind: 'payment', methodId: 'card_100', amount: 18.5 }],
        },
      ]),
    );
    const [report] = await importFiles({ orders }, t.store, { now, dryRun: false });
    expect(report?.errors.map((e) => e.reason)).toEqual([
      "payment method card_100 is not one of the customer's",
    ]);
  });

  it('keeps a default address and gift-card balance changed in Concierge when the customers file comes again', async () => {
    await importFiles(ALL_FIXTURES, t.store, { now, dryRun: false });
    const at = new Date('2026-11-26T10:00:00Z');
    const moved = {
      line1: '5 Elm St',
      line2: 'Apt 2',
      city: 'Boise',
      region: 'ID',
      postalCode: '83702',
      country: 'US',
    };
    await t.store.commerce.changeDefaultAddress('EXT-100', moved, at);
    expect(await t.store.customers.moveGiftCard('EXT-100', 'gift_card_100', -550, at)).toBe(true);
    // Never below zero, in the same write.
    expect(await t.store.customers.moveGiftCard('EXT-100', 'gift_card_100', -2001, at)).toBe(false);
    const [again] = await importFiles({ customers: fixture('customers.json') }, t.store, {
      now: new Date('2026-11-27T00:00:00Z'),
      dryRun: false,
    });
    expect(again?.errors).toEqual([]);
    expect(await t.store.customers.findById('EXT-100')).toMatchObject({
      address: moved,
      paymentMethods: { gift_card_100: { balanceCents: 2000 } },
      name: 'Robin Field',
    });
  });
});

describe('a dry run of a first import of several files', () => {
  it('checks each file against the ones before it, and writes nothing', async () => {
    const empty = await openTestStore('import_dry');
    try {
      const reports = await importFiles(ALL_FIXTURES, empty.store, { now, dryRun: true });
      expect(reports.map((r) => [r.entity, r.errors])).toEqual([
        ['products', []],
        ['customers', []],
        ['inventory', []],
        ['orders', []],
      ]);
      expect(await empty.store.orders.count()).toBe(0);
      expect(await empty.store.products.count()).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
