import { z } from 'zod';
import type {
  Address,
  Customer,
  Fulfilment,
  InventoryRecord,
  Order,
  OrderStatus,
  Payment,
  PaymentMethod,
  Product,
  Shipment,
} from '../../domain/retail.js';

/** Shopify's records as the documents in `documents.ts` ask for them, and as Concierge's. */

const money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const date = z.coerce.date();
const nodes = <T extends z.ZodType>(item: T) => z.object({ nodes: z.array(item) });

/** "12.5" dollars as 1250 cents, without float rounding drift. */
export function toCents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

const mailingAddress = z.object({
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  provinceCode: z.string().nullable(),
  zip: z.string().nullable(),
  countryCodeV2: z.string().nullable(),
});

function toAddress(a: z.infer<typeof mailingAddress> | null): Address | null {
  if (!a?.address1) return null;
  return {
    line1: a.address1,
    line2: a.address2 || null,
    city: a.city ?? '',
    region: a.provinceCode ?? '',
    postalCode: a.zip ?? '',
    country: a.countryCodeV2 ?? '',
  };
}

/** Concierge's address as Shopify's `MailingAddressInput`. */
export function toMailingAddressInput(address: Address): Record<string, string | null> {
  return {
    address1: address.line1,
    address2: address.line2,
    city: address.city,
    provinceCode: address.region,
    zip: address.postalCode,
    countryCode: address.country,
  };
}

const transaction = z.object({
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullable(),
  amountSet: money,
  paymentDetails: z
    .object({ company: z.string().nullable().optional(), number: z.string().nullable().optional() })
    .nullable(),
});
type Transaction = z.infer<typeof transaction>;

/** The payment method a transaction used, named so the same card is the same method. */
function methodOf(t: Transaction): PaymentMethod {
  const lastFour = t.paymentDetails?.number?.replace(/\D/g, '').slice(-4);
  if (lastFour)
    return {
      methodId: `card_${lastFour}`,
      kind: 'card',
      brand: t.paymentDetails?.company ?? 'Card',
      lastFour,
    };
  const gateway = t.gateway ?? 'manual';
  if (/paypal/i.test(gateway)) return { methodId: 'paypal', kind: 'paypal' };
  return { methodId: gateway, kind: 'card', brand: gateway, lastFour: '----' };
}

const succeeded = (t: Transaction) => t.status === 'SUCCESS';
const isPayment = (t: Transaction) => t.kind === 'SALE' || t.kind === 'CAPTURE';

export const customerNode = z.object({
  id: z.string(),
  displayName: z.string(),
  createdAt: date,
  updatedAt: date,
  defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
  defaultAddress: mailingAddress.nullable(),
  orders: nodes(z.object({ transactions: z.array(transaction) })),
});

export function toCustomer(c: z.infer<typeof customerNode>): Customer {
  const paymentMethods: Record<string, PaymentMethod> = {};
  for (const order of c.orders.nodes)
    for (const t of order.transactions.filter((t) => succeeded(t) && isPayment(t))) {
      const method = methodOf(t);
      paymentMethods[method.methodId] = method;
    }
  return {
    customerId: c.id,
    name: c.displayName,
    email: c.defaultEmailAddress?.emailAddress.toLowerCase() ?? '',
    phone: c.defaultPhoneNumber?.phoneNumber ?? null,
    address: toAddress(c.defaultAddress),
    interests: [],
    paymentMethods,
    createdAt: c.createdAt,
    changedInConciergeAt: null,
  };
}

const selectedOption = z.object({ name: z.string(), value: z.string() });

/** Options that tell variants apart; Shopify's lone "Title: Default Title" tells nothing. */
function optionsOf(selected: readonly z.infer<typeof selectedOption>[]): Record<string, string> {
  return Object.fromEntries(
    selected.filter((o) => o.value !== 'Default Title').map((o) => [o.name, o.value]),
  );
}

/** A variant's SKU, or its id where the shop left the SKU empty. */
const skuOf = (v: { id: string; sku: string | null }) => v.sku || v.id;

export const orderNode = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: date,
  updatedAt: date,
  cancelledAt: date.nullable(),
  cancelReason: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  returnStatus: z.string(),
  customer: z.object({ id: z.string() }).nullable(),
  subtotalPriceSet: money,
  totalShippingPriceSet: money,
  totalPriceSet: money,
  shippingAddress: mailingAddress.nullable(),
  lineItems: nodes(
    z.object({
      id: z.string(),
      sku: z.string().nullable(),
      name: z.string(),
      currentQuantity: z.number().int(),
      originalUnitPriceSet: money,
      variant: z
        .object({
          id: z.string(),
          sku: z.string().nullable(),
          product: z.object({ id: z.string() }),
          selectedOptions: z.array(selectedOption),
        })
        .nullable(),
    }),
  ),
  fulfillments: z.array(
    z.object({
      id: z.string(),
      displayStatus: z.string().nullable(),
      createdAt: date,
      deliveredAt: date.nullable(),
      estimatedDeliveryAt: date.nullable(),
      trackingInfo: z.array(
        z.object({ company: z.string().nullable(), number: z.string().nullable() }),
      ),
      fulfillmentLineItems: nodes(
        z.object({
          id: z.string(),
          quantity: z.number().int(),
          lineItem: z.object({ id: z.string() }),
        }),
      ),
    }),
  ),
  transactions: z.array(transaction),
  returns: nodes(
    z.object({ status: z.string(), exchangeLineItems: nodes(z.object({ id: z.string() })) }),
  ),
});
export type OrderNode = z.infer<typeof orderNode>;

const OPEN_RETURN = ['REQUESTED', 'OPEN'];

function statusOf(o: OrderNode): OrderStatus {
  if (o.cancelledAt) return 'cancelled';
  if (o.returnStatus === 'RETURNED' || o.returnStatus === 'INSPECTION_COMPLETE') return 'returned';
  const open = o.returns.nodes.find((r) => OPEN_RETURN.includes(r.status));
  if (open)
    return open.exchangeLineItems.nodes.length > 0 ? 'exchange requested' : 'return requested';
  switch (o.displayFulfillmentStatus) {
    case 'UNFULFILLED':
      return 'pending';
    case 'FULFILLED':
      return o.fulfillments.length > 0 && o.fulfillments.every((f) => f.deliveredAt)
        ? 'delivered'
        : 'shipped';
    case 'PARTIALLY_FULFILLED':
      return 'shipped';
    default:
      // ON_HOLD, IN_PROGRESS, SCHEDULED, PENDING_FULFILLMENT...: the warehouse has it.
      return 'processing';
  }
}

function shipmentOf(o: OrderNode): Shipment | null {
  const parcel = o.fulfillments.find((f) => f.trackingInfo.some((t) => t.number));
  const tracking = parcel?.trackingInfo.find((t) => t.number);
  if (!parcel || !tracking?.number) return null;
  return {
    carrier: tracking.company ?? 'carrier',
    trackingNumber: tracking.number,
    shippedAt: parcel.createdAt,
    estimatedDelivery: parcel.estimatedDeliveryAt,
    deliveredAt: parcel.deliveredAt,
  };
}

export function toOrder(o: OrderNode): Order | null {
  if (!o.customer) return null;
  const skuByLine = new Map<string, string>();
  const items = o.lineItems.nodes
    .filter((line) => line.currentQuantity > 0)
    .map((line) => {
      const sku = line.variant ? skuOf(line.variant) : line.sku || line.id;
      skuByLine.set(line.id, sku);
      return {
        productId: line.variant?.product.id ?? '',
        sku,
        name: line.name,
        options: optionsOf(line.variant?.selectedOptions ?? []),
        quantity: line.currentQuantity,
        unitPriceCents: toCents(line.originalUnitPriceSet.shopMoney.amount),
      };
    });
  const fulfilments: Fulfilment[] = o.fulfillments.map((f) => ({
    trackingNumbers: f.trackingInfo.flatMap((t) => (t.number ? [t.number] : [])),
    skus: f.fulfillmentLineItems.nodes.flatMap((fl) => {
      const sku = skuByLine.get(fl.lineItem.id);
      return sku ? [sku] : [];
    }),
  }));
  const payments: Payment[] = o.transactions
    .filter((t) => succeeded(t) && (isPayment(t) || t.kind === 'REFUND'))
    .map((t) => ({
      kind: t.kind === 'REFUND' ? 'refund' : 'payment',
      methodId: methodOf(t).methodId,
      amountCents: toCents(t.amountSet.shopMoney.amount),
    }));
  const status = statusOf(o);
  return {
    orderNumber: o.name,
    customerId: o.customer.id,
    status,
    placedAt: o.createdAt,
    updatedAt: o.updatedAt,
    items,
    subtotalCents: toCents(o.subtotalPriceSet.shopMoney.amount),
    shippingCents: toCents(o.totalShippingPriceSet.shopMoney.amount),
    totalCents: toCents(o.totalPriceSet.shopMoney.amount),
    currency: o.totalPriceSet.shopMoney.currencyCode,
    shippingAddress: toAddress(o.shippingAddress) ?? {
      line1: '',
      line2: null,
      city: '',
      region: '',
      postalCode: '',
      country: '',
    },
    shipment: shipmentOf(o),
    fulfilments,
    payments,
    cancelledAt: o.cancelledAt,
    cancelReason: null,
    returnedAt: status === 'returned' ? o.updatedAt : null,
    returnRequest: null,
  };
}

export const productNode = z.object({
  id: z.string(),
  title: z.string(),
  vendor: z.string(),
  productType: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  createdAt: date,
  updatedAt: date,
  priceRangeV2: z.object({
    minVariantPrice: z.object({ amount: z.string(), currencyCode: z.string() }),
  }),
  variants: nodes(
    z.object({
      id: z.string(),
      sku: z.string().nullable(),
      price: z.string(),
      availableForSale: z.boolean(),
      selectedOptions: z.array(selectedOption),
      inventoryItem: z.object({
        inventoryLevels: nodes(
          z.object({
            updatedAt: date,
            location: z.object({ name: z.string() }),
            quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
          }),
        ),
      }),
    }),
  ),
});
export type ProductNode = z.infer<typeof productNode>;

export function toProduct(p: ProductNode): Product {
  return {
    productId: p.id,
    name: p.title,
    brand: p.vendor,
    category: p.productType || 'general',
    subcategory: null,
    description: p.description,
    attributes: {},
    tags: p.tags,
    priceCents: toCents(p.priceRangeV2.minVariantPrice.amount),
    currency: p.priceRangeV2.minVariantPrice.currencyCode,
    consumable: p.tags.some((t) => t.toLowerCase() === 'consumable'),
    variants: p.variants.nodes.map((v) => ({
      sku: skuOf(v),
      options: optionsOf(v.selectedOptions),
      priceCents: toCents(v.price),
      available: v.availableForSale,
    })),
    createdAt: p.createdAt,
  };
}

/** Stock per variant and location, as the product's inventory levels report it. */
export function toInventory(p: ProductNode): InventoryRecord[] {
  return p.variants.nodes.flatMap((v) =>
    v.inventoryItem.inventoryLevels.nodes.map((level) => ({
      sku: skuOf(v),
      productId: p.id,
      location: level.location.name,
      quantity: level.quantities.find((q) => q.name === 'available')?.quantity ?? 0,
      restockDate: null,
      updatedAt: level.updatedAt,
    })),
  );
}

/** The variant id of a SKU of the product, for mutations that name variants. */
export function variantIdOf(p: ProductNode, sku: string): string | null {
  return p.variants.nodes.find((v) => skuOf(v) === sku)?.id ?? null;
}

export const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
export const userErrors = z.array(
  z.object({ field: z.array(z.string()).nullable(), message: z.string() }),
);
