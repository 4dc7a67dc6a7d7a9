/**
 * The retailer's data as Concierge stores it. Money is in integer cents (no float rounding);
 * ids are the retailer's own (`productId`, `sku`, `customerId`, `orderNumber`), so imports
 * upsert by them and MongoDB's `_id` stays internal.
 */

export type AttributeValue = string | number | boolean | string[];

export interface Variant {
  sku: string;
  size: string | null;
  colour: string | null;
  priceCents: number;
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

export interface Customer {
  customerId: string;
  name: string;
  email: string;
  phone: string | null;
  address: Address | null;
  interests: string[];
  createdAt: Date;
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
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Why a customer cancels, as the order keeps it. */
export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface OrderItem {
  productId: string;
  sku: string;
  name: string;
  size: string | null;
  colour: string | null;
  quantity: number;
  unitPriceCents: number;
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
  cancelledAt: Date | null;
  /** Why the customer cancelled it through Concierge. */
  cancelReason?: CancelReason | null;
  returnedAt: Date | null;
  /** A return the customer asked for through Concierge, awaiting the warehouse. */
  returnRequest?: ReturnRequest | null;
}

export interface ReturnRequest {
  skus: string[];
  reason: string;
  kind: 'return' | 'exchange';
  requestedAt: Date;
}

/** Statuses in which goods have left the warehouse, so a shipment record must exist. */
export const SHIPPED_STATUSES: readonly OrderStatus[] = ['shipped', 'delivered', 'returned'];

/** One order as the recommender learns from it. */
export interface Purchase {
  customerId: string;
  productIds: string[];
  placedAt: Date;
}
