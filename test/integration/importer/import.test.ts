import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/importer/import-files.js';
import { useTestStore } from '../../helpers/test-store.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import');
const fixture = (name: string) => join(FIXTURES, name);
const now = new Date('2026-11-24T12:00:00Z');
const options = { now, dryRun: false };

/** A file of this content in a fresh folder; `content` that is not a string is written as JSON. */
function tempFile(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'concierge-import-')), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const ALL_FIXTURES = {
  products: fixture('products.csv'),
  customers: fixture('customers.json'),
  inventory: fixture('inventory.csv'),
  orders: fixture('orders.csv'),
};

const t = useTestStore('import');

describe('importFiles', () => {
  it('imports products, customers, inventory and orders from CSV and JSON', async () => {
    const reports = await importFiles(ALL_FIXTURES, t.store, options);
    expect(reports.map((r) => [r.entity, r.errors, r.written?.inserted])).toEqual([
      ['products', [], 2],
      ['customers', [], 2],
      ['inventory', [], 4],
      ['orders', [], 2],
    ]);

    const boot = await t.store.products.findById('ACME-1');
    // Any option by name, with the size and colour shorthands; availability per variant.
    expect(boot?.variants.map((v) => [v.options, v.available])).toEqual([
      [{ width: 'regular', colour: 'brown', size: '41' }, true],
      [{ width: 'wide', colour: 'brown', size: '42' }, true],
      [{ width: 'regular', colour: 'brown', size: '46' }, false],
    ]);
    expect(boot?.variants.map((v) => [v.sku, v.priceCents])).toEqual([
      ['ACME-1-41', 12900],
      ['ACME-1-42', 12900],
      ['ACME-1-46', 13400],
    ]);
    expect(boot?.attributes).toEqual({ material: 'leather' });

    const robin = await t.store.customers.findByEmail('ROBIN.FIELD@example.com');
    expect(robin).toMatchObject({ customerId: 'EXT-100', interests: ['footwear', 'socks'] });

    const stock = await t.store.inventory.forSku('ACME-1-42');
    expect(stock[0]).toMatchObject({
      productId: 'ACME-1',
      quantity: 0,
      restockDate: new Date('2026-12-15'),
    });

    const order = await t.store.orders.findByNumber('EXT-O-1');
    expect(order).toMatchObject({
      status: 'delivered',
      subtotalCents: 12900 + 3 * 1600,
      totalCents: 12900 + 3 * 1600,
      shippingAddress: { city: 'Boise', line2: null },
      shipment: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
    });
    expect(await t.store.orders.findByNumber('EXT-O-2')).toMatchObject({
      totalCents: 1850 + 695,
      shippingAddress: { line1: '9 Harbor Ave', postalCode: '05401' },
    });
    expect(order?.items.map((i) => [i.name, i.options.size])).toEqual([
      ['Granite Hiking Boot', '42'],
      ['Merino Hiking Sock', 'M'],
    ]);
  });

  it('is idempotent: importing the same files again writes nothing new', async () => {
    const reports = await importFiles(ALL_FIXTURES, t.store, {
      now: new Date('2026-11-25T00:00:00Z'),
      dryRun: false,
    });
    for (const report of reports) expect(report.written).toMatchObject({ inserted: 0, updated: 0 });
    expect(await t.store.orders.count()).toBe(2);
    expect(await t.store.products.count()).toBe(2);
  });

  it('reports every bad row with its line and reason, and writes nothing from that file', async () => {
    const [report] = await importFiles({ orders: fixture('orders-bad.csv') }, t.store, options);
    expect(report?.written).toBeNull();
    expect(report?.errors).toEqual([
      { row: 3, reason: 'unknown customerId NOBODY: import the customer first' },
      { row: 4, reason: 'unknown sku NO-SUCH-SKU: import its product first' },
      { row: 5, reason: 'items.0.quantity: must be at least 1' },
      { row: 5, reason: 'carrier: required when status is shipped' },
      { row: 5, reason: 'trackingNumber: required when status is shipped' },
      { row: 5, reason: 'shippedAt: required when status is shipped' },
    ]);
    // Row 2 was valid, but the file is all-or-nothing.
    expect(await t.store.orders.findByNumber('EXT-O-3')).toBeNull();
  });

  it('keeps one bad file from blocking the others', async () => {
    const customers = tempFile('customers.json', [
      { customerId: 'EXT-200', name: 'Dup', email: 'sam.lake@example.org' },
    ]);
    const reports = await importFiles(
      { products: fixture('products.csv'), customers },
      t.store,
      options,
    );
    expect(reports[0]?.errors).toEqual([]);
    expect(reports[1]?.errors).toEqual([
      { row: 1, reason: 'email already belongs to customer EXT-101' },
    ]);
    expect(await t.store.customers.findById('EXT-200')).toBeNull();
  });

  it('checks uniqueness inside a file and across products', async () => {
    const products = tempFile('products.json', [
      { productId: 'NEW-1', name: 'A', category: 'c', price: 1, variants: [{ sku: 'ACME-2-M' }] },
      { productId: 'NEW-2', name: 'B', category: 'c', price: 1, variants: [{ sku: 'N2' }] },
      { productId: 'NEW-2', name: 'B again', category: 'c', price: 1, variants: [{ sku: 'N3' }] },
    ]);
    const [report] = await importFiles({ products }, t.store, options);
    expect(report?.errors).toEqual([
      { row: 1, reason: 'sku ACME-2-M already belongs to product ACME-2' },
      { row: 3, reason: 'duplicate productId NEW-2 (first at row 2)' },
    ]);
    expect(await t.store.products.findById('NEW-2')).toBeNull();
  });

  it('validates without writing on a dry run', async () => {
    const inventory = tempFile('inventory.csv', 'sku,location,quantity\nACME-2-M,store-new,5\n');
    const [report] = await importFiles({ inventory }, t.store, { now, dryRun: true });
    expect(report).toMatchObject({ records: 1, errors: [], written: null });
    expect((await t.store.inventory.forSku('ACME-2-M')).map((r) => r.location)).not.toContain(
      'store-new',
    );
  });

  it('reports an unreadable file as a whole', async () => {
    const broken = tempFile('customers.json', '[{"customerId": ');
    const [report] = await importFiles({ customers: broken }, t.store, options);
    expect(report?.errors[0]).toMatchObject({
      row: 0,
      reason: expect.stringMatching(/not valid JSON/),
    });
  });
});
