import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderStatus } from '../../domain/retail.js';
import type { ImportPlan } from '../../importer/import-files.js';
import type { TauAddress, TauDb } from './tau2-data.js';

const DAY_MS = 86_400_000;

/** τ²'s status names for Concierge's; the others are spelt the same. */
const TAU_STATUS: Partial<Record<OrderStatus, string>> = {
  processing: 'processed',
  'pending (items modified)': 'pending (item modified)',
};

export function tauStatus(status: OrderStatus): string {
  return TAU_STATUS[status] ?? status;
}

function ourStatus(tau: string): string {
  return Object.entries(TAU_STATUS).find(([, name]) => name === tau)?.[0] ?? tau;
}

const ourAddress = (a: TauAddress) => ({
  line1: a.address1,
  ...(a.address2 ? { line2: a.address2 } : {}),
  city: a.city,
  region: a.state,
  postalCode: a.zip,
  country: a.country,
});

const iso = (at: Date, daysBefore: number) =>
  new Date(at.getTime() - daysBefore * DAY_MS).toISOString();

/**
 * Writes τ²'s database as Concierge import files (products, customers, orders in JSON) in
 * `dir`. Ids are kept (product, item = SKU, user = customer, order, payment method). τ² has
 * no dates and no carriers, which Concierge's orders carry: every order is placed 14 days
 * before `at`, a delivered one shipped 7 and delivered 5 days before (inside the return
 * window), a cancelled one cancelled 13 days before, and the carrier is "not given". A
 * product's type is its category, and its price the lowest of its variants'.
 */
export function writeImportFiles(
  db: TauDb,
  dir: string,
  at: Date,
): Required<Pick<ImportPlan, 'products' | 'customers' | 'orders'>> {
  const products = Object.values(db.products).map((p) => {
    const variants = Object.values(p.variants);
    return {
      productId: p.product_id,
      name: p.name,
      category: p.name.toLowerCase(),
      price: Math.min(...variants.map((v) => v.price)),
      variants: variants.map((v) => ({
        sku: v.item_id,
        options: v.options,
        price: v.price,
        available: v.available,
      })),
    };
  });
  const customers = Object.values(db.users).map((u) => ({
    customerId: u.user_id,
    name: `${u.name.first_name} ${u.name.last_name}`,
    email: u.email,
    address: ourAddress(u.address),
    paymentMethods: Object.values(u.payment_methods).map((m) =>
      m.source === 'credit_card'
        ? { methodId: m.id, kind: 'card', brand: m.brand, lastFour: m.last_four }
        : m.source === 'paypal'
          ? { methodId: m.id, kind: 'paypal' }
          : { methodId: m.id, kind: 'gift_card', balance: m.balance },
    ),
  }));
  const orders = Object.values(db.orders).map((o) => {
    const status = ourStatus(o.status);
    const items: { sku: string; quantity: number; unitPrice: number }[] = [];
    for (const item of o.items) {
      const same = items.find((i) => i.sku === item.item_id && i.unitPrice === item.price);
      if (same) same.quantity++;
      else items.push({ sku: item.item_id, quantity: 1, unitPrice: item.price });
    }
    const shipped = status === 'delivered';
    return {
      orderNumber: o.order_id,
      customerId: o.user_id,
      status,
      placedAt: iso(at, 14),
      items,
      shippingAddress: ourAddress(o.address),
      ...(shipped
        ? {
            carrier: 'not given',
            trackingNumber: o.fulfillments[0]?.tracking_id[0] ?? o.order_id,
            shippedAt: iso(at, 7),
            deliveredAt: iso(at, 5),
          }
        : {}),
      ...(status === 'cancelled' ? { cancelledAt: iso(at, 13) } : {}),
      ...(o.cancel_reason ? { cancelReason: o.cancel_reason } : {}),
      payments: o.payment_history.map((p) => ({
        kind: p.transaction_type,
        methodId: p.payment_method_id,
        amount: p.amount,
      })),
      fulfilments: o.fulfillments.map((f) => ({
        trackingNumbers: f.tracking_id,
        skus: f.item_ids,
      })),
    };
  });
  const plan = {
    products: join(dir, 'products.json'),
    customers: join(dir, 'customers.json'),
    orders: join(dir, 'orders.json'),
  };
  writeFileSync(plan.products, JSON.stringify(products));
  writeFileSync(plan.customers, JSON.stringify(customers));
  writeFileSync(plan.orders, JSON.stringify(orders));
  return plan;
}
