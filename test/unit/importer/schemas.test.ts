import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../src/importer/orders.js';
import { productSchema } from '../../../src/importer/products.js';

describe('productSchema', () => {
  it('converts CSV text into typed values with cents', () => {
    const product = productSchema.parse({
      productId: 'X-1',
      name: ' Boot ',
      category: 'footwear',
      price: '19.99',
      consumable: 'yes',
      tags: 'a| b |',
      variants: [{ sku: 'X-1-42', size: '42', price: 21 }],
    });
    expect(product).toMatchObject({
      name: 'Boot',
      price: 1999,
      consumable: true,
      tags: ['a', 'b'],
      currency: 'USD',
    });
    expect(product.variants[0]?.price).toBe(2100);
  });

  it('says "required" for a missing field and what it expected for a wrong one', () => {
    const result = productSchema.safeParse({
      productId: 'X',
      category: 'c',
      price: '12.345',
      variants: [],
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('name: required');
    expect(messages).toContain('price: at most two decimals');
    expect(messages).toContain('variants: needs at least one variant (a SKU)');
  });

  it('rejects unknown fields, so a misspelt column is not silently lost', () => {
    const result = productSchema.safeParse({
      productId: 'X',
      name: 'n',
      category: 'c',
      price: 1,
      prcie: 2,
      variants: [{ sku: 's' }],
    });
    expect(result.error?.issues[0]?.message).toMatch(/prcie/);
  });
});

describe('orderSchema', () => {
  const base = {
    orderNumber: 'O-1',
    customerId: 'C-1',
    placedAt: '2026-01-02',
    items: [{ sku: 'S', quantity: 1 }],
  };

  it('requires shipment details once an order has shipped', () => {
    const result = orderSchema.safeParse({ ...base, status: 'delivered' });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['carrier', 'trackingNumber', 'shippedAt', 'deliveredAt']),
    );
  });

  it('rejects impossible dates and unknown statuses', () => {
    const result = orderSchema.safeParse({ ...base, status: 'lost', placedAt: '2026-02-30x' });
    const messages = result.error?.issues.map((i) => i.message).join(' | ');
    expect(messages).toMatch(/expected one of pending/);
    expect(messages).toMatch(/expected a date/);
  });

  it('accepts a pending order with defaults', () => {
    const order = orderSchema.parse({ ...base, status: 'pending' });
    expect(order.placedAt).toEqual(new Date('2026-01-02'));
    expect(order.shipping).toBe(0);
  });
});
