/**
 * The retailer's data as Concierge stores it. Money is in integer cents (no float rounding);
 * ids are the retailer's own (`productId`, `sku`, `customerId`, `orderNumber`), so imports
 * upsert by them and MongoDB's `_id` stays internal.
 */

export type AttributeValue = string | number | boolean | string[];

/**
 * What sets a variant apart, by option name: `{ size: 'M', colour: 'navy' }`, or
 * `{ 'switch type': 'clicky', backlight: 'RGB' }`, under the retailer's own names.
 */
export type VariantOptions = Record<string, string>;

export interface Variant {
  sku: string;
  options: VariantOptions;
  priceCents: number;
  /** Offered for sale; stock, where the shop keeps it, is in the inventory. */
  available: boolean;
}

/** Option names a customer may use for the same thing. */
const OPTION_SYNONYMS: Record<string, string> = { color: 'colour' };

/** The option's canonical name: lower case, British "colour" for "color". */
function optionName(name: string): string {
  const lower = name.trim().toLowerCase();
  return OPTION_SYNONYMS[lower] ?? lower;
}

/** The value of a named option ("color" finds "colour"), or null. */
export function optionValue(options: VariantOptions, name: string): string | null {
  const wanted = optionName(name);
  for (const [key, value] of Object.entries(options)) if (optionName(key) === wanted) return value;
  return null;
}

export interface Product {
  productId: string;
  name: string;
  brand: string;
  category: string;
  subcategory: string | null;
  description: string;
  attributes: Record<string, AttributeValue>;
  tags: string[];
  priceCents: number;
  currency: string;
  /** Bought again and again (coffee, socks, sunscreen): recommenders may suggest it again. */
  consumable: boolean;
  variants: Variant[];
  createdAt: Date;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export const PAYMENT_KINDS = ['card', 'paypal', 'gift_card'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** How a customer pays; a gift card carries its balance. */
export type PaymentMethod =
  | { methodId: string; kind: 'card'; brand: string; lastFour: string }
  | { methodId: string; kind: 'paypal' }
  | { methodId: string; kind: 'gift_card'; balanceCents: number };

export interface Customer {
  customerId: string;
  name: string;
  email: string;
  phone: string | null;
  address: Address | null;
  interests: string[];
  /** By method id, so one gift card's balance is one field to change. */
  paymentMethods: Record<string, PaymentMethod>;
  createdAt: Date;
  /**
   * When Concierge last changed the customer (default address, a gift card's balance): from
   * then on those are Concierge's, and a re-import keeps them.
   */
  changedInConciergeAt: Date | null;
}

/** "Visa ending 1234", "PayPal", "gift card ($25.00 left)" . */
export function describePaymentMethod(method: PaymentMethod): string {
  switch (method.kind) {
    case 'card':
      return `${method.brand} card ending ${method.lastFour}`;
    case 'paypal':
      return 'PayPal';
    case 'gift_card':
      return `gift card ${method.methodId} ($${(method.balanceCents / 100).toFixed(2)} left)`;
  }
}

/** A name as customers type it and shops store it: any case, any spacing. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The name a customer is greeted by. */
export function firstNameOf(customer: Pick<Customer, 'name'>): string {
  return customer.name.split(' ')[0] || customer.name;
}

export interface InventoryRecord {
  sku: string;
  productId: string;
  location: string;
  quantity: number;
  /** When an out-of-stock or low variant is expected back; null when none is planned. */
  restockDate: Date | null;
  updatedAt: Date;
}

export const ORDER_STATUSES = [
  'pending',
  /** Pending, with its items changed once through Concierge: no further change or cancel. */
  'pending (items modified)',
  'processing',
  'shipped',
  'delivered',
  'return requested',
  'exchange requested',
  'cancelled',
  'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses only Concierge sets (a change the customer asked for), never the warehouse. */
export const STATUSES_SET_BY_CONCIERGE: readonly OrderStatus[] = [
  'pending (items modified)',
  'return requested',
  'exchange requested',
];

/** Why a customer cancels, as the order keeps it. */
export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface OrderItem {
  productId: string;
  sku: string;
  name: string;
  options: VariantOptions;
  quantity: number;
  unitPriceCents: number;
}

/** Money taken from, or given back to, one of the customer's payment methods. */
export interface Payment {
  kind: 'payment' | 'refund';
  methodId: string;
  amountCents: number;
}

/** One parcel: its tracking numbers and the SKUs in it. */
export interface Fulfilment {
  trackingNumbers: string[];
  skus: string[];
}

export interface Shipment {
  carrier: string;
  trackingNumber: string;
  shippedAt: Date;
  estimatedDelivery: Date | null;
  deliveredAt: Date | null;
}

export interface Order {
  orderNumber: string;
  customerId: string;
  status: OrderStatus;
  placedAt: Date;
  updatedAt: Date;
  items: OrderItem[];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  currency: string;
  shippingAddress: Address;
  shipment: Shipment | null;
  /** Parcels, when the shop tracks items per parcel. */
  fulfilments: Fulfilment[];
  /** Payments and refunds, oldest first. */
  payments: Payment[];
  cancelledAt: Date | null;
  /** Why the customer cancelled it through Concierge. */
  cancelReason?: CancelReason | null;
  returnedAt: Date | null;
  /** A return the customer asked for through Concierge, awaiting the warehouse. */
  returnRequest?: ReturnRequest | null;
}

/** Units of one SKU to send back; for an exchange, the variant wanted instead. */
export interface ReturnLine {
  sku: string;
  quantity: number;
  newSku: string | null;
}

export interface ReturnRequest {
  kind: 'return' | 'exchange';
  lines: ReturnLine[];
  reason: string;
  /** A return's refund goes here; an exchange's price difference is settled here. */
  paymentMethodId: string | null;
  /** Exchange only: what the new variants cost more (negative: less) than the old. */
  priceDifferenceCents: number | null;
  requestedAt: Date;
}

/** Statuses in which goods have left the warehouse, so a shipment record must exist. */
export const SHIPPED_STATUSES: readonly OrderStatus[] = [
  'shipped',
  'delivered',
  'return requested',
  'exchange requested',
  'returned',
];

/** One order as the recommender learns from it. */
export interface Purchase {
  customerId: string;
  productIds: string[];
  placedAt: Date;
}
