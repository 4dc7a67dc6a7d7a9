import type { Customer, InventoryRecord, Order, Product } from '../../../src/domain/retail.js';

/**
 * The fake's shop: Shopify's records as Shopify keeps them (gids, line items, fulfilments,
 * transactions, returns), with Shopify's rules for changing them, and the GraphQL resolvers
 * that show them in the Admin API's shapes.
 */

export interface FAddress {
  id: string;
  address1: string;
  address2: string | null;
  city: string;
  provinceCode: string;
  zip: string;
  countryCodeV2: string;
}
export interface FCustomer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  defaultAddress: FAddress | null;
  addresses: FAddress[];
  createdAt: Date;
  updatedAt: Date;
}
export interface FLevel {
  id: string;
  location: string;
  available: number;
  updatedAt: Date;
}
export interface FVariant {
  id: string;
  sku: string;
  priceCents: number;
  available: boolean;
  options: { name: string; value: string }[];
  productId: string;
  inventoryItemId: string;
  levels: FLevel[];
}
export interface FProduct {
  id: string;
  title: string;
  vendor: string;
  productType: string;
  description: string;
  tags: string[];
  currency: string;
  createdAt: Date;
  updatedAt: Date;
  variants: FVariant[];
}
export interface FLine {
  id: string;
  variantId: string | null;
  sku: string;
  name: string;
  quantity: number;
  currentQuantity: number;
  priceCents: number;
}
export interface FFulfillment {
  id: string;
  createdAt: Date;
  deliveredAt: Date | null;
  estimatedDeliveryAt: Date | null;
  tracking: { company: string; number: string }[];
  lines: { id: string; lineId: string; quantity: number }[];
}
export interface FTransaction {
  kind: 'SALE' | 'REFUND';
  gateway: string;
  amountCents: number;
  card: { company: string; number: string } | null;
}
export interface FReturn {
  id: string;
  status: 'REQUESTED' | 'OPEN' | 'CLOSED';
  lines: { fulfillmentLineItemId: string; quantity: number }[];
  exchange: { id: string; variantId: string; quantity: number }[];
}
export interface FOrder {
  id: string;
  name: string;
  customerId: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** Shopify's display fulfilment status: UNFULFILLED, IN_PROGRESS, FULFILLED... */
  fulfillmentStatus: string;
  returnStatus: string;
  lines: FLine[];
  fulfillments: FFulfillment[];
  transactions: FTransaction[];
  returns: FReturn[];
  shippingCents: number;
  currency: string;
  shippingAddress: FAddress;
  staffNotes: string[];
}

export type UserError = { field: string[] | null; message: string };
export type Emit = (topic: string, payload: Record<string, unknown>) => void;

const numberOf = (gid: string) => Number(gid.split('/').pop()?.split('?')[0]);

export class FakeShop {
  readonly customers = new Map<string, FCustomer>();
  readonly products = new Map<string, FProduct>();
  readonly orders = new Map<string, FOrder>();
  readonly policies: { type: string; title: string; body: string }[] = [];
  readonly pages: { handle: string; title: string; body: string }[] = [];
  readonly edits = new Map<
    string,
    {
      orderId: string;
      lines: { id: string; lineId: string | null; variantId: string; quantity: number }[];
    }
  >();
  /** Called on every change, as Shopify sends webhooks. */
  emit: Emit = () => {};
  /** Bumped by every change, so listings computed before it are computed again. */
  version = 0;
  /** Each customer's orders, oldest first (an order never changes hands). */
  readonly ordersOf = new Map<string, FOrder[]>();
  private seq = 1000;

  constructor(
    readonly domain: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  gid(kind: string): string {
    this.seq += 1;
    return `gid://shopify/${kind}/${this.seq}`;
  }

  now(): Date {
    return this.clock();
  }

  variant(id: string): FVariant | undefined {
    for (const p of this.products.values()) {
      const found = p.variants.find((v) => v.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** A shop holding Concierge's records (a test's fixture), as Shopify would hold them. */
  load(records: {
    customers: readonly Customer[];
    products: readonly Product[];
    inventory: readonly InventoryRecord[];
    orders: readonly Order[];
  }): { customerIds: Map<string, string>; orderIds: Map<string, string> } {
    const customerIds = new Map<string, string>();
    for (const c of records.customers) {
      const id = this.gid('Customer');
      customerIds.set(c.customerId, id);
      const address = c.address ? this.address(c.address) : null;
      this.customers.set(id, {
        id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        defaultAddress: address,
        addresses: address ? [address] : [],
        createdAt: c.createdAt,
        updatedAt: c.createdAt,
      });
    }
    const variantBySku = new Map<string, FVariant>();
    for (const p of records.products) {
      const id = this.gid('Product');
      const product: FProduct = {
        id,
        title: p.name,
        vendor: p.brand,
        productType: p.category,
        description: p.description,
        tags: [...p.tags, ...(p.consumable ? ['consumable'] : [])],
        currency: p.currency,
        createdAt: p.createdAt,
        updatedAt: p.createdAt,
        variants: [],
      };
      for (const v of p.variants) {
        const variant: FVariant = {
          id: this.gid('ProductVariant'),
          sku: v.sku,
          priceCents: v.priceCents,
          available: v.available,
          options: Object.entries(v.options).map(([name, value]) => ({ name, value })),
          productId: id,
          inventoryItemId: this.gid('InventoryItem'),
          levels: records.inventory
            .filter((r) => r.sku === v.sku)
            .map((r) => ({
              id: this.gid('InventoryLevel'),
              location: r.location,
              available: r.quantity,
              updatedAt: r.updatedAt,
            })),
        };
        if (variant.options.length === 0)
          variant.options.push({ name: 'Title', value: 'Default Title' });
        variantBySku.set(v.sku, variant);
        product.variants.push(variant);
      }
      this.products.set(id, product);
    }
    const orderIds = new Map<string, string>();
    for (const o of records.orders) {
      const customerId = customerIds.get(o.customerId);
      if (!customerId) throw new Error(`order ${o.orderNumber} has no customer in the fixture`);
      const id = this.gid('Order');
      orderIds.set(o.orderNumber, id);
      const lines: FLine[] = o.items.map((item) => ({
        id: this.gid('LineItem'),
        variantId: variantBySku.get(item.sku)?.id ?? null,
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        currentQuantity: item.quantity,
        priceCents: item.unitPriceCents,
      }));
      const shipped = o.shipment !== null;
      const fulfillments: FFulfillment[] =
        shipped && o.shipment
          ? [
              {
                id: this.gid('Fulfillment'),
                createdAt: o.shipment.shippedAt,
                deliveredAt: o.shipment.deliveredAt,
                estimatedDeliveryAt: o.shipment.estimatedDelivery,
                tracking: [{ company: o.shipment.carrier, number: o.shipment.trackingNumber }],
                lines: lines.map((l) => ({
                  id: this.gid('FulfillmentLineItem'),
                  lineId: l.id,
                  quantity: l.quantity,
                })),
              },
            ]
          : [];
      const created: FOrder = {
        id,
        name: o.orderNumber,
        customerId,
        createdAt: o.placedAt,
        updatedAt: o.updatedAt,
        cancelledAt: o.cancelledAt,
        cancelReason: o.cancelledAt ? 'CUSTOMER' : null,
        fulfillmentStatus: shipped
          ? 'FULFILLED'
          : o.status === 'processing'
            ? 'IN_PROGRESS'
            : 'UNFULFILLED',
        returnStatus: o.status === 'returned' ? 'RETURNED' : 'NO_RETURN',
        lines,
        fulfillments,
        transactions: o.payments.map((p) => {
          const method = records.customers.find((c) => c.customerId === o.customerId)
            ?.paymentMethods[p.methodId];
          return {
            kind: p.kind === 'payment' ? 'SALE' : 'REFUND',
            gateway:
              method?.kind === 'paypal'
                ? 'paypal'
                : method?.kind === 'gift_card'
                  ? 'gift_card'
                  : 'shopify_payments',
            amountCents: p.amountCents,
            card:
              method?.kind === 'card'
                ? { company: method.brand, number: `•••• •••• •••• ${method.lastFour}` }
                : null,
          };
        }),
        returns: [],
        shippingCents: o.shippingCents,
        currency: o.currency,
        shippingAddress: this.address(o.shippingAddress),
        staffNotes: [],
      };
      this.orders.set(id, created);
      this.ordersOf.set(customerId, [...(this.ordersOf.get(customerId) ?? []), created]);
    }
    this.version++;
    return { customerIds, orderIds };
  }

  address(a: {
    line1: string;
    line2: string | null;
    city: string;
    region: string;
    postalCode: string;
    country: string;
  }): FAddress {
    return {
      id: `${this.gid('MailingAddress')}?model_name=CustomerAddress`,
      address1: a.line1,
      address2: a.line2,
      city: a.city,
      provinceCode: a.region,
      zip: a.postalCode,
      countryCodeV2: a.country,
    };
  }

  touchOrder(order: FOrder, topic = 'orders/updated'): void {
    order.updatedAt = this.now();
    this.version++;
    this.emit(topic, {
      id: numberOf(order.id),
      admin_graphql_api_id: order.id,
      name: order.name,
      updated_at: order.updatedAt.toISOString(),
      cancelled_at: order.cancelledAt?.toISOString() ?? null,
    });
  }

  touchProduct(product: FProduct): void {
    product.updatedAt = this.now();
    this.version++;
    this.emit('products/update', {
      id: numberOf(product.id),
      admin_graphql_api_id: product.id,
      title: product.title,
      updated_at: product.updatedAt.toISOString(),
    });
  }

  touchCustomer(customer: FCustomer): void {
    customer.updatedAt = this.now();
    this.version++;
    this.emit('customers/update', {
      id: numberOf(customer.id),
      admin_graphql_api_id: customer.id,
      email: customer.email,
      updated_at: customer.updatedAt.toISOString(),
    });
  }

  /** Sets a variant's stock at a location, as a merchant or a warehouse system would. */
  setStock(sku: string, location: string, available: number): void {
    for (const product of this.products.values())
      for (const v of product.variants.filter((x) => x.sku === sku)) {
        let level = v.levels.find((l) => l.location === location);
        if (!level) {
          level = { id: this.gid('InventoryLevel'), location, available: 0, updatedAt: this.now() };
          v.levels.push(level);
        }
        level.available = available;
        level.updatedAt = this.now();
        this.emit('inventory_levels/update', {
          inventory_item_id: numberOf(v.inventoryItemId),
          location_id: 1,
          available,
          updated_at: level.updatedAt.toISOString(),
        });
      }
  }

  /** Ships an order: one fulfilment of all its open items, with a tracking number. */
  fulfil(orderId: string, tracking: { company: string; number: string }): void {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    const fulfillment: FFulfillment = {
      id: this.gid('Fulfillment'),
      createdAt: this.now(),
      deliveredAt: null,
      estimatedDeliveryAt: null,
      tracking: [tracking],
      lines: order.lines
        .filter((l) => l.currentQuantity > 0)
        .map((l) => ({
          id: this.gid('FulfillmentLineItem'),
          lineId: l.id,
          quantity: l.currentQuantity,
        })),
    };
    order.fulfillments.push(fulfillment);
    order.fulfillmentStatus = 'FULFILLED';
    this.emit('fulfillments/create', {
      id: numberOf(fulfillment.id),
      order_id: numberOf(order.id),
      admin_graphql_api_id: fulfillment.id,
      tracking_number: tracking.number,
    });
    this.touchOrder(order);
  }
}
