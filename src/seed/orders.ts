import type {
  Customer,
  Order,
  OrderItem,
  OrderStatus,
  Payment,
  Product,
  Shipment,
} from '../domain/retail.js';
import { CATEGORIES } from './catalog-data.js';
import type { Shopper } from './customers.js';
import type { Random } from './random.js';

export const ORDER_WINDOW_DAYS = 548;
const DAY_MS = 86_400_000;
const FREE_SHIPPING_FROM_CENTS = 7500;
const SHIPPING_CENTS = 695;

const CARRIERS: readonly (readonly [string, (rng: Random) => string])[] = [
  ['UPS', (rng) => `1Z${digits(rng, 16)}`],
  ['FedEx', (rng) => digits(rng, 12)],
  ['USPS', (rng) => `9400${digits(rng, 18)}`],
  ['DHL', (rng) => digits(rng, 10)],
];

function digits(rng: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

/** Which products go with which: each product has two companions from related categories. */
export function companionsOf(rng: Random, products: readonly Product[]): Map<string, Product[]> {
  const byCategory = groupByCategory(products);
  const result = new Map<string, Product[]>();
  for (const product of products) {
    const related = CATEGORIES.find((c) => c.category === product.category)?.companions ?? [];
    const pool = related.flatMap((category) => byCategory.get(category) ?? []);
    result.set(
      product.productId,
      [0, 1].map(() => pool[rng.zipfIndex(pool.length, 0.8)]).filter((p) => p !== undefined),
    );
  }
  return result;
}

export function groupByCategory(products: readonly Product[]): Map<string, Product[]> {
  const groups = new Map<string, Product[]>();
  for (const product of products) {
    const group = groups.get(product.category) ?? [];
    group.push(product);
    groups.set(product.category, group);
  }
  return groups;
}

function sizeFor(shopper: Shopper, product: Product): string | null {
  const sizes = new Set(product.variants.map((v) => v.options.size));
  if (sizes.has(shopper.shoeSize)) return shopper.shoeSize;
  if (sizes.has(shopper.apparelSize)) return shopper.apparelSize;
  if (sizes.has('M')) {
    const shoe = Number(shopper.shoeSize);
    return shoe <= 40 ? 'S' : shoe <= 43 ? 'M' : 'L';
  }
  return null;
}

function lineFor(rng: Random, shopper: Shopper, product: Product): OrderItem {
  const size = sizeFor(shopper, product);
  const fits = product.variants.filter((v) => (v.options.size ?? null) === size);
  const liked = fits.filter(
    (v) => v.options.colour !== undefined && shopper.favouriteColours.includes(v.options.colour),
  );
  const variant = rng.pick(liked.length > 0 && rng.chance(0.7) ? liked : fits);
  return {
    productId: product.productId,
    sku: variant.sku,
    name: product.name,
    options: variant.options,
    quantity: product.consumable ? rng.int(1, 3) : rng.chance(0.05) ? 2 : 1,
    unitPriceCents: variant.priceCents,
  };
}

export interface OrderContext {
  rng: Random;
  byCategory: Map<string, Product[]>;
  companions: Map<string, Product[]>;
  categories: readonly string[];
}

function popularIn(ctx: OrderContext, category: string): Product {
  const pool = ctx.byCategory.get(category) ?? [];
  const product = pool[ctx.rng.zipfIndex(pool.length)];
  if (!product) throw new Error(`no products in category ${category}`);
  return product;
}

/** A basket: an anchor within the shopper's interests, often a companion, sometimes a re-buy. */
export function basket(
  ctx: OrderContext,
  shopper: Shopper,
  consumablesBought: Product[],
): Product[] {
  const { rng } = ctx;
  const anchorCategory = rng.chance(0.85)
    ? rng.pick(shopper.customer.interests)
    : rng.pick(ctx.categories);
  const anchor = popularIn(ctx, anchorCategory);
  const items = [anchor];
  const companions = ctx.companions.get(anchor.productId) ?? [];
  if (companions.length > 0 && rng.chance(0.45)) items.push(rng.pick(companions));
  if (rng.chance(0.15)) items.push(popularIn(ctx, rng.pick(shopper.customer.interests)));
  if (consumablesBought.length > 0 && rng.chance(0.4)) items.push(rng.pick(consumablesBought));
  return [...new Map(items.map((p) => [p.productId, p])).values()];
}

function statusFor(rng: Random, ageDays: number): OrderStatus {
  if (ageDays < 1) return rng.chance(0.5) ? 'pending' : 'processing';
  if (rng.chance(0.04)) return 'cancelled';
  if (ageDays < 3) return rng.chance(0.4) ? 'processing' : 'shipped';
  if (ageDays < 7) return rng.chance(0.6) ? 'shipped' : 'delivered';
  return ageDays > 5 && rng.chance(0.05) ? 'returned' : 'delivered';
}

function shipmentFor(rng: Random, status: OrderStatus, placedAt: Date, now: Date): Shipment | null {
  if (status !== 'shipped' && status !== 'delivered' && status !== 'returned') return null;
  const [carrier, tracking] = rng.pick(CARRIERS);
  const shippedAt = new Date(
    Math.min(placedAt.getTime() + rng.int(12, 40) * 3_600_000, now.getTime()),
  );
  const transitDays = rng.int(2, 5);
  const estimatedDelivery = new Date(shippedAt.getTime() + transitDays * DAY_MS);
  const deliveredAt =
    status === 'shipped' ? null : new Date(Math.min(estimatedDelivery.getTime(), now.getTime()));
  return { carrier, trackingNumber: tracking(rng), shippedAt, estimatedDelivery, deliveredAt };
}

/** Paid with the customer's first method; a cancelled one was refunded to it. */
function paymentsFor(customer: Customer, totalCents: number, status: OrderStatus): Payment[] {
  const [method] = Object.keys(customer.paymentMethods);
  if (!method) throw new Error(`customer ${customer.customerId} has no payment method`);
  const paid: Payment = { kind: 'payment', methodId: method, amountCents: totalCents };
  return status === 'cancelled' ? [paid, { ...paid, kind: 'refund' }] : [paid];
}

export function buildOrder(
  ctx: OrderContext,
  shopper: Shopper,
  products: readonly Product[],
  orderNumber: string,
  placedAt: Date,
  now: Date,
): Order {
  const { rng } = ctx;
  const items = products.map((product) => lineFor(rng, shopper, product));
  const subtotalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const shippingCents = subtotalCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
  const status = statusFor(rng, (now.getTime() - placedAt.getTime()) / DAY_MS);
  const shipment = shipmentFor(rng, status, placedAt, now);
  const cancelledAt =
    status === 'cancelled' ? new Date(placedAt.getTime() + rng.int(1, 20) * 3_600_000) : null;
  const deliveredAt = shipment?.deliveredAt?.getTime() ?? placedAt.getTime();
  const returnedAt =
    status === 'returned'
      ? new Date(Math.min(deliveredAt + rng.int(2, 25) * DAY_MS, now.getTime()))
      : null;
  const events = [placedAt, shipment?.shippedAt, shipment?.deliveredAt, cancelledAt, returnedAt];
  const updatedAt = new Date(
    Math.max(...events.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())),
  );
  const address = shopper.customer.address;
  if (!address) throw new Error(`customer ${shopper.customer.customerId} has no address`);
  return {
    orderNumber,
    customerId: shopper.customer.customerId,
    status,
    placedAt,
    updatedAt,
    items,
    subtotalCents,
    shippingCents,
    totalCents: subtotalCents + shippingCents,
    currency: 'USD',
    shippingAddress: address,
    shipment,
    fulfilments: shipment
      ? [{ trackingNumbers: [shipment.trackingNumber], skus: items.map((i) => i.sku) }]
      : [],
    payments: paymentsFor(shopper.customer, subtotalCents + shippingCents, status),
    cancelledAt,
    returnedAt,
  };
}
