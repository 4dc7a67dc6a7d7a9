import { isDeepStrictEqual } from 'node:util';
import type { Address, Customer, Order } from '../../domain/retail.js';
import { tauStatus } from './convert.js';
import type { TauAddress, TauOrder, TauUser } from './tau2-data.js';

const dollars = (cents: number) => Math.round(cents) / 100;

function tauAddress(a: Address): TauAddress {
  return {
    address1: a.line1,
    address2: a.line2 ?? '',
    city: a.city,
    country: a.country,
    state: a.region,
    zip: a.postalCode,
  };
}

/** One entry per unit, as τ² lists them; sorted where τ²'s tools sort them. */
const units = (lines: readonly { sku: string; quantity: number }[]) =>
  lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.sku));

/**
 * A Concierge order in τ²'s names: the same values, renamed (cents as dollars, a quantity as
 * that many entries, the return request as τ²'s return and exchange fields).
 */
export function asTauOrder(order: Order): TauOrder {
  const request = order.returnRequest ?? null;
  const returned = request?.kind === 'return' ? request : null;
  const exchanged = request?.kind === 'exchange' ? request : null;
  return {
    order_id: order.orderNumber,
    user_id: order.customerId,
    address: tauAddress(order.shippingAddress),
    items: order.items.flatMap((i) =>
      Array.from({ length: i.quantity }, () => ({
        name: i.name,
        product_id: i.productId,
        item_id: i.sku,
        price: dollars(i.unitPriceCents),
        options: i.options,
      })),
    ),
    status: tauStatus(order.status),
    fulfillments: order.fulfilments.map((f) => ({
      tracking_id: f.trackingNumbers,
      item_ids: f.skus,
    })),
    payment_history: order.payments.map((p) => ({
      transaction_type: p.kind,
      amount: dollars(p.amountCents),
      payment_method_id: p.methodId,
    })),
    cancel_reason: order.cancelReason ?? null,
    exchange_items: exchanged ? units(exchanged.lines).sort() : null,
    exchange_new_items: exchanged
      ? exchanged.lines
          .flatMap((l) => Array.from({ length: l.quantity }, () => l.newSku ?? ''))
          .sort()
      : null,
    exchange_payment_method_id: exchanged?.paymentMethodId ?? null,
    exchange_price_difference:
      exchanged?.priceDifferenceCents == null ? null : dollars(exchanged.priceDifferenceCents),
    return_items: returned ? units(returned.lines).sort() : null,
    return_payment_method_id: returned?.paymentMethodId ?? null,
  };
}

/** A Concierge customer in τ²'s names, with the numbers of their orders. */
export function asTauUser(customer: Customer, orderNumbers: readonly string[]): TauUser {
  const [first = '', ...rest] = customer.name.split(' ');
  return {
    user_id: customer.customerId,
    name: { first_name: first, last_name: rest.join(' ') },
    address: customer.address
      ? tauAddress(customer.address)
      : { address1: '', address2: '', city: '', country: '', state: '', zip: '' },
    email: customer.email,
    payment_methods: Object.fromEntries(
      Object.values(customer.paymentMethods).map((m) => [
        m.methodId,
        m.kind === 'card'
          ? { source: 'credit_card', id: m.methodId, brand: m.brand, last_four: m.lastFour }
          : m.kind === 'paypal'
            ? { source: 'paypal', id: m.methodId }
            : { source: 'gift_card', id: m.methodId, balance: dollars(m.balanceCents) },
      ]),
    ) as TauUser['payment_methods'],
    orders: [...orderNumbers],
  };
}

/** Item lists are compared as multisets: τ² keeps a list per unit, Concierge a line per SKU. */
const SORTED_FIELDS = new Set(['items', 'orders']);

const sortedCopy = (value: unknown): unknown =>
  Array.isArray(value)
    ? [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    : value;

/**
 * Amounts to the cent: τ²'s tools leave float noise in some (a difference of
 * 0.04999999999999716 is five cents), Concierge keeps cents.
 */
function toCents(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 100) / 100;
  if (Array.isArray(value)) return value.map(toCents);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCents(v)]));
  return value;
}

/** τ²'s fields an order or user of Concierge does not match; [] when it matches completely. */
export function mismatchedFields(ours: object, gold: object): string[] {
  const wrong: string[] = [];
  const mine = ours as Record<string, unknown>;
  for (const [field, expected] of Object.entries(gold)) {
    const actual = toCents(mine[field] ?? null);
    const want = toCents(expected ?? null);
    const same = SORTED_FIELDS.has(field)
      ? isDeepStrictEqual(sortedCopy(actual), sortedCopy(want))
      : isDeepStrictEqual(actual, want);
    if (!same) wrong.push(field);
  }
  return wrong;
}
