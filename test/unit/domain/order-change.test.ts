import { describe, expect, it } from 'vitest';
import {
  isRefusal,
  type OrderChange,
  planOrderChange,
  type VariantOfProduct,
} from '../../../src/domain/order-change.js';
import type { Customer, Order } from '../../../src/domain/retail.js';
import { aCustomer, BOISE } from '../../helpers/retail-records.js';

const at = new Date('2026-11-20T10:00:00Z');
const customer: Customer = aCustomer({
  paymentMethods: {
    card: { methodId: 'card', kind: 'card', brand: 'visa', lastFour: '1111' },
    gift: { methodId: 'gift', kind: 'gift_card', balanceCents: 1_000 },
    paypal: { methodId: 'paypal', kind: 'paypal' },
  },
});
const order: Order = {
  orderNumber: '#W1',
  customerId: 'C-1',
  status: 'pending',
  placedAt: at,
  updatedAt: at,
  items: [
    {
      productId: 'P',
      sku: 'P-S',
      name: 'Tee',
      options: { size: 'S' },
      quantity: 2,
      unitPriceCents: 2_000,
    },
  ],
  subtotalCents: 4_000,
  shippingCents: 500,
  totalCents: 4_500,
  currency: 'USD',
  shippingAddress: BOISE,

  shipment: null,
  fulfilments: [],
  payments: [{ kind: 'payment', methodId: 'gift', amountCents: 4_500 }],
  cancelledAt: null,
  returnedAt: null,
};
const variants = new Map<string, VariantOfProduct>([
  [
    'P-S',
    {
      productId: 'P',
      variant: { sku: 'P-S', options: { size: 'S' }, priceCents: 2_000, available: true },
      stock: 3,
    },
  ],
  [
    'P-L',
    {
      productId: 'P',
      variant: { sku: 'P-L', options: { size: 'L' }, priceCents: 2_800, available: true },
      stock: 3,
    },
  ],
  [
    'P-XL',
    {
      productId: 'P',
      variant: { sku: 'P-XL', options: { size: 'XL' }, priceCents: 2_000, available: true },
      stock: 0,
    },
  ],
  [
    'Q-1',
    {
      productId: 'Q',
      variant: { sku: 'Q-1', options: {}, priceCents: 100, available: true },
      stock: null,
    },
  ],
]);
const plan = (change: OrderChange, of: Order = order, who: Customer = customer) =>
  planOrderChange(of, who, change, (sku) => variants.get(sku), at);

describe('planning a change to an order', () => {
  it('cancels a pending order with a refund of what each method paid, a gift card at once', () => {
    const planned = plan({ kind: 'cancel', reason: 'ordered by mistake' });
    expect(planned).toMatchObject({
      set: {
        status: 'cancelled',
        cancelReason: 'ordered by mistake',
        payments: [
          { kind: 'payment', methodId: 'gift', amountCents: 4_500 },
          { kind: 'refund', methodId: 'gift', amountCents: 4_500 },
        ],
      },
      giftCards: [{ methodId: 'gift', deltaCents: 4_500 }],
    });
    expect(
      plan({ kind: 'cancel', reason: 'no longer needed' }, { ...order, status: 'processing' }),
    ).toMatchObject({
      refused: 'wrong_status',
    });
  });

  it('changes some units of an item to another variant, at its price, and takes the difference from the method', () => {
    const planned = plan({
      kind: 'modify_items',
      swaps: [{ sku: 'P-S', newSku: 'P-L', quantity: 1 }],
      paymentMethodId: 'card',
    });
    if (isRefusal(planned)) throw new Error(planned.detail);
    expect(planned.differenceCents).toBe(800);
    expect(planned.giftCards).toEqual([]);
    expect(planned.set).toMatchObject({
      status: 'pending (items modified)',
      items: [
        { sku: 'P-S', quantity: 1, unitPriceCents: 2_000 },
        { sku: 'P-L', quantity: 1, unitPriceCents: 2_800, options: { size: 'L' } },
      ],
      subtotalCents: 4_800,
      totalCents: 5_300,
    });
    expect(planned.set.payments?.at(-1)).toEqual({
      kind: 'payment',
      methodId: 'card',
      amountCents: 800,
    });
    // Once per order: the new status allows no second change.
    expect(
      plan(
        {
          kind: 'modify_items',
          swaps: [{ sku: 'P-S', newSku: 'P-L', quantity: 1 }],
          paymentMethodId: 'card',
        },
        { ...order, status: 'pending (items modified)' },
      ),
    ).toMatchObject({ refused: 'wrong_status' });
  });

  it('refuses a gift card that does not cover the difference, an unavailable or foreign variant, and units the order lacks', () => {
    const swap = (newSku: string, quantity = 2) => ({
      kind: 'modify_items' as const,
      swaps: [{ sku: 'P-S', newSku, quantity }],
      paymentMethodId: 'gift',
    });
    expect(plan(swap('P-L'))).toMatchObject({ refused: 'insufficient_balance' });
    expect(plan(swap('P-L', 1))).toMatchObject({
      giftCards: [{ methodId: 'gift', deltaCents: -800 }],
    });
    expect(plan(swap('P-XL'))).toMatchObject({ refused: 'variant_unavailable' });
    expect(plan(swap('Q-1'))).toMatchObject({ refused: 'not_a_variant' });
    expect(plan(swap('P-L', 3))).toMatchObject({ refused: 'items_not_in_order' });
    expect(plan({ ...swap('P-L', 1), paymentMethodId: 'someone_elses' })).toMatchObject({
      refused: 'unknown_payment_method',
    });
  });

  it('moves the payment to another method: the new one pays, the old one is refunded', () => {
    expect(plan({ kind: 'change_payment', paymentMethodId: 'card' })).toMatchObject({
      set: {
        payments: [
          { kind: 'payment', methodId: 'gift', amountCents: 4_500 },
          { kind: 'payment', methodId: 'card', amountCents: 4_500 },
          { kind: 'refund', methodId: 'gift', amountCents: 4_500 },
        ],
      },
      giftCards: [{ methodId: 'gift', deltaCents: 4_500 }],
    });
    expect(plan({ kind: 'change_payment', paymentMethodId: 'gift' })).toMatchObject({
      refused: 'same_payment_method',
    });
    const byCard: Order = {
      ...order,
      payments: [{ kind: 'payment', methodId: 'card', amountCents: 4_500 }],
    };
    expect(plan({ kind: 'change_payment', paymentMethodId: 'gift' }, byCard)).toMatchObject({
      refused: 'insufficient_balance',
    });
  });

  it('returns delivered units to the original method or a gift card, and exchanges with the difference recorded', () => {
    const delivered: Order = {
      ...order,
      status: 'delivered',
      payments: [{ kind: 'payment', methodId: 'card', amountCents: 4_500 }],
    };
    expect(
      plan(
        {
          kind: 'request_return',
          lines: [{ sku: 'P-S', quantity: 1 }],
          reason: 'too small',
          paymentMethodId: 'paypal',
        },
        delivered,
      ),
    ).toMatchObject({ refused: 'not_original_method' });
    expect(
      plan(
        {
          kind: 'request_return',
          lines: [{ sku: 'P-S', quantity: 1 }],
          reason: 'too small',
          paymentMethodId: 'gift',
        },
        delivered,
      ),
    ).toMatchObject({
      set: {
        status: 'return requested',
        returnRequest: {
          kind: 'return',
          lines: [{ sku: 'P-S', quantity: 1, newSku: null }],
          paymentMethodId: 'gift',
        },
      },
      giftCards: [],
    });
    expect(
      plan(
        {
          kind: 'request_exchange',
          swaps: [{ sku: 'P-S', newSku: 'P-L', quantity: 2 }],
          reason: 'too small',
          paymentMethodId: 'gift',
        },
        delivered,
      ),
    ).toMatchObject({ refused: 'insufficient_balance' });
    expect(
      plan(
        {
          kind: 'request_exchange',
          swaps: [{ sku: 'P-S', newSku: 'P-L', quantity: 2 }],
          reason: 'too small',
          paymentMethodId: 'card',
        },
        delivered,
      ),
    ).toMatchObject({
      set: {
        status: 'exchange requested',
        returnRequest: {
          kind: 'exchange',
          priceDifferenceCents: 1_600,
          lines: [{ sku: 'P-S', newSku: 'P-L', quantity: 2 }],
        },
      },
      differenceCents: 1_600,
    });
    expect(
      plan(
        {
          kind: 'request_exchange',
          swaps: [{ sku: 'P-S', newSku: 'P-L', quantity: 1 }],
          reason: 'x',
          paymentMethodId: 'card',
        },
        { ...delivered, status: 'exchange requested' },
      ),
    ).toMatchObject({ refused: 'wrong_status' });
  });
});
