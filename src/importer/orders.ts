import { z } from 'zod';
import { CANCEL_REASONS, ORDER_STATUSES, type Order, SHIPPED_STATUSES } from '../domain/retail.js';
import type { Store } from '../store/store.js';
import { addressSchema, toAddress } from './customers.js';
import type { Built, EarlierFiles, EntityImporter, Parsed } from './entity.js';
import { count, currency, date, id, list, money, text } from './fields.js';
import { ownersBySku } from './sku-lookup.js';
import type { RowError } from './source.js';

const itemSchema = z.strictObject({
  sku: id,
  quantity: count.refine((n) => n > 0, 'must be at least 1'),
  /** Defaults to the variant's catalog price. */
  unitPrice: money.optional(),
});

const paymentSchema = z.strictObject({
  kind: z.enum(['payment', 'refund'], { error: 'expected payment or refund' }),
  methodId: id,
  amount: money,
});

const fulfilmentSchema = z.strictObject({
  trackingNumbers: list,
  skus: list,
});

export const orderSchema = z
  .strictObject({
    orderNumber: id,
    customerId: id,
    status: z.enum(ORDER_STATUSES, { error: `expected one of ${ORDER_STATUSES.join(', ')}` }),
    placedAt: date,
    currency: currency.default('USD'),
    shipping: money.default(0),
    items: z.array(itemSchema).min(1, 'needs at least one item'),
    /** Defaults to the customer's address. */
    shippingAddress: addressSchema.optional(),
    carrier: text.optional(),
    trackingNumber: text.optional(),
    shippedAt: date.optional(),
    estimatedDelivery: date.optional(),
    deliveredAt: date.optional(),
    cancelledAt: date.optional(),
    cancelReason: z
      .enum(CANCEL_REASONS, { error: `expected one of ${CANCEL_REASONS.join(', ')}` })
      .optional(),
    returnedAt: date.optional(),
    /** Payments and refunds, oldest first; each names one of the customer's payment methods. */
    payments: z.array(paymentSchema).default([]),
    /** Shorthand for one payment of the whole order with this method (as a CSV column). */
    paidWith: id.optional(),
    /** Parcels with their tracking numbers and SKUs. */
    fulfilments: z.array(fulfilmentSchema).default([]),
  })
  .superRefine((order, ctx) => {
    const need = (field: keyof typeof order, why: string) => {
      if (order[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required when ${why}` });
    };
    if (SHIPPED_STATUSES.includes(order.status)) {
      for (const field of ['carrier', 'trackingNumber', 'shippedAt'] as const)
        need(field, `status is ${order.status}`);
    }
    if (order.status === 'delivered' || order.status === 'returned')
      need('deliveredAt', `status is ${order.status}`);
    if (order.status === 'cancelled') need('cancelledAt', 'status is cancelled');
    if (order.status === 'returned') need('returnedAt', 'status is returned');
    if (order.paidWith !== undefined && order.payments.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['paidWith'],
        message: 'give payments or paidWith, not both',
      });
  });
export type OrderInput = z.infer<typeof orderSchema>;

async function buildOrders(
  parsed: Parsed<OrderInput>[],
  store: Store,
  earlier: EarlierFiles,
): Promise<Built<Order>> {
  const owners = await ownersBySku(
    store,
    parsed.flatMap(({ input }) => input.items.map((i) => i.sku)),
    earlier.products,
  );
  const stored = await store.customers.findByIds(parsed.map(({ input }) => input.customerId));
  const customers = new Map([...stored, ...earlier.customers].map((c) => [c.customerId, c]));
  const errors: RowError[] = [];
  const docs: Order[] = [];
  for (const { input, record } of parsed) {
    const row = record.rows[0] ?? 0;
    const customer = customers.get(input.customerId);
    if (!customer)
      errors.push({
        row,
        reason: `unknown customerId ${input.customerId}: import the customer first`,
      });
    const items = input.items.flatMap((item, index) => {
      const owner = owners.get(item.sku);
      if (!owner) {
        errors.push({
          row: record.rows[index] ?? row,
          reason: `unknown sku ${item.sku}: import its product first`,
        });
        return [];
      }
      const { product, variant } = owner;
      const unitPriceCents = item.unitPrice ?? variant.priceCents;
      return [
        {
          productId: product.productId,
          sku: item.sku,
          name: product.name,
          options: variant.options,
          quantity: item.quantity,
          unitPriceCents,
        },
      ];
    });
    const address = input.shippingAddress ? toAddress(input.shippingAddress) : customer?.address;
    if (customer && !address)
      errors.push({ row, reason: 'no shippingAddress and the customer has no address' });
    const subtotalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
    const payments = input.paidWith
      ? [
          {
            kind: 'payment' as const,
            methodId: input.paidWith,
            amount: subtotalCents + input.shipping,
          },
        ]
      : input.payments;
    const strangers = payments.filter((p) => customer && !customer.paymentMethods[p.methodId]);
    for (const p of strangers)
      errors.push({ row, reason: `payment method ${p.methodId} is not one of the customer's` });
    const skus = new Set(input.items.map((i) => i.sku));
    const unshipped = input.fulfilments.flatMap((f) => f.skus).filter((sku) => !skus.has(sku));
    for (const sku of new Set(unshipped))
      errors.push({
        row,
        reason: `fulfilment names sku ${sku}, which is not an item of the order`,
      });
    if (strangers.length > 0 || unshipped.length > 0) continue;
    if (!customer || !address || items.length !== input.items.length) continue;
    const shipment =
      input.carrier && input.trackingNumber && input.shippedAt
        ? {
            carrier: input.carrier,
            trackingNumber: input.trackingNumber,
            shippedAt: input.shippedAt,
            estimatedDelivery: input.estimatedDelivery ?? null,
            deliveredAt: input.deliveredAt ?? null,
          }
        : null;
    const events = [
      input.placedAt,
      input.shippedAt,
      input.deliveredAt,
      input.cancelledAt,
      input.returnedAt,
    ];
    docs.push({
      orderNumber: input.orderNumber,
      customerId: input.customerId,
      status: input.status,
      placedAt: input.placedAt,
      updatedAt: new Date(
        Math.max(...events.filter((d): d is Date => d !== undefined).map((d) => d.getTime())),
      ),
      items,
      subtotalCents,
      shippingCents: input.shipping,
      totalCents: subtotalCents + input.shipping,
      currency: input.currency,
      shippingAddress: address,
      shipment,
      fulfilments: input.fulfilments,
      payments: payments.map((p) => ({
        kind: p.kind,
        methodId: p.methodId,
        amountCents: p.amount,
      })),
      cancelledAt: input.cancelledAt ?? null,
      cancelReason: input.cancelReason ?? null,
      returnedAt: input.returnedAt ?? null,
    });
  }
  return { docs, errors };
}

export const orderImporter: EntityImporter<OrderInput, Order> = {
  entity: 'orders',
  schema: orderSchema,
  keyName: 'orderNumber',
  keyOf: (input) => input.orderNumber,
  csvLines: {
    idField: 'orderNumber',
    field: 'items',
    columns: { sku: 'sku', quantity: 'quantity', unitPrice: 'unitPrice' },
  },

  build: (parsed, store, _now, earlier) => buildOrders(parsed, store, earlier),

  write: (docs, store) => store.orders.upsertMany(docs),
};
