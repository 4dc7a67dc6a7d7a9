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
