import { z } from 'zod';
import { type ChangeRefusal, isRefusal, type OrderChange } from '../../domain/order-change.js';
import type {
  Address,
  Customer,
  InventoryRecord,
  Order,
  Product,
  Purchase,
} from '../../domain/retail.js';
import type { Logger } from '../../logger.js';
import type {
  ChangeOutcome,
  ChangePreview,
  Commerce,
  CommerceMirror,
} from '../../ports/commerce.js';
import type { MongoCommerce } from '../../store/commerce.js';
import { Catalog } from '../catalog.js';
import { planFor } from '../order-changes.js';
import type { ShopifyAdminApi } from './admin-api.js';
import {
  CUSTOMER_ADDRESS_CREATE,
  CUSTOMER_BY_ID,
  CUSTOMERS_MATCHING,
  ORDERS_MATCHING,
  PRODUCT_BY_ID,
} from './documents.js';
import { applyInShopify } from './order-changes.js';
import {
  customerNode,
  type OrderNode,
  orderNode,
  type ProductNode,
  productNode,
  toCustomer,
  toInventory,
  toMailingAddressInput,
  toOrder,
  userErrors,
  variantIdOf,
} from './records.js';
import { TtlCache } from './ttl-cache.js';

/** Long enough to serve one turn's repeated reads, short enough that staff edits show soon. */
const CACHE_MS = 5_000;
/**
 * A customer record changes rarely, and every change Concierge or Shopify makes to it drops it
 * (our own writes, `customers/update` webhooks): each turn of a verified customer reads it.
 */
const CUSTOMER_CACHE_MS = 60_000;

/** A search-syntax value in quotes, so spaces and colons in it stay part of it. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
/** `gid://shopify/Customer/42` -> `42`, as Shopify's search syntax takes ids. */
const numericId = (gid: string) => gid.split('/').pop()?.split('?')[0] ?? gid;

const ordersPage = z.object({
  orders: z.object({ nodes: z.array(orderNode) }),
});

interface OrderRead {
  node: OrderNode;
  order: Order;
}

/**
 * The retailer's Shopify store as Concierge's `Commerce`: customers and orders are read live
 * from the Admin API (cached for a few seconds), changes are carried out there, and the
 * catalog, recommender and staff search read the local mirror that sync keeps.
 */
export class ShopifyCommerce implements Commerce, CommerceMirror {
  readonly catalog: Catalog;
  private readonly customers = new TtlCache<Customer | null>(CUSTOMER_CACHE_MS);
  private readonly orders = new TtlCache<OrderRead[]>(CACHE_MS);
  private readonly products = new TtlCache<ProductNode | null>(CACHE_MS);

  constructor(
    private readonly api: ShopifyAdminApi,
    private readonly local: MongoCommerce,
    private readonly logger: Logger,
  ) {
    this.catalog = new Catalog({
      listProducts: () => local.listProducts(),
      stockOf: (productId) => this.liveStock(productId),
      stockTotals: () => local.stockTotals(),
    });
  }

  /** Forgets cached answers about a customer (after a change, or a webhook about them). */
  forgetCustomer(customerId: string): void {
    // Keys end in "|", so customer 10's answers are dropped and customer 100's kept.
    this.customers.forget(`${customerId}|`);
    this.orders.forget(`${customerId}|`);
  }

  forgetProduct(productId: string): void {
    this.products.forget(productId);
  }

  customer(customerId: string): Promise<Customer | null> {
    return this.customers.get(`${customerId}|`, async () => {
      if (!customerId.startsWith('gid://shopify/Customer/')) return null;
      const { customer } = await this.api.request(
        CUSTOMER_BY_ID,
        { id: customerId },
        z.object({ customer: customerNode.nullable() }),
      );
      return customer ? toCustomer(customer) : null;
    });
  }

  async customerByEmail(email: string): Promise<Customer | null> {
    const wanted = email.trim().toLowerCase();
    const { customers } = await this.api.request(
      CUSTOMERS_MATCHING,
      { query: `email:${quoted(wanted)}`, first: 5 },
      z.object({ customers: z.object({ nodes: z.array(customerNode) }) }),
    );
    return customers.nodes.map(toCustomer).find((c) => c.email === wanted) ?? null;
  }

  customersByIds(customerIds: readonly string[]): Promise<Customer[]> {
    return this.local.customersByIds(customerIds);
  }

  searchCustomers(text: string, limit: number): Promise<Customer[]> {
    return this.local.searchCustomers(text, limit);
  }

  async ordersOf(customerId: string, limit: number): Promise<Order[]> {
    const reads = await this.orderReads(customerId, `customer_id:${numericId(customerId)}`, limit);
    return reads.map((r) => r.order);
  }

  async orderOf(customerId: string, orderNumber: string): Promise<Order | null> {
    return (await this.orderRead(customerId, orderNumber))?.order ?? null;
  }

  async ownerOfOrder(orderNumber: string): Promise<string | null> {
    const local = await this.local.ownerOfOrder(orderNumber);
    if (local) return local;
    const { orders } = await this.api.request(
      ORDERS_MATCHING,
      { query: `name:${quoted(orderNumber)}`, first: 5 },
      ordersPage,
    );
    return orders.nodes.find((o) => o.name === orderNumber)?.customer?.id ?? null;
  }

  async customerByNameAndPostalCode(name: string, postalCode: string): Promise<Customer | null> {
    const local = await this.local.customerByNameAndPostalCode(name, postalCode);
    if (!local) return null;
    // The mirror may be behind: the live record must still have that address.
    const live = await this.customer(local.customerId);
    return live?.address?.postalCode === local.address?.postalCode ? live : null;
  }

  previewChange(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<ChangePreview> {
    return planFor(this.ledger(), customerId, orderNumber, change, at);
  }

  async changeOrder(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<ChangeOutcome> {
    this.forgetCustomer(customerId);
    const planned = await planFor(this.ledger(), customerId, orderNumber, change, at);
    if (planned === null || isRefusal(planned)) return planned;
    const read = await this.orderRead(customerId, orderNumber);
    if (!read) return null;
    const refusal = await applyInShopify(
      this.api,
      {
        node: read.node,
        order: read.order,
        variantId: (sku) => this.variantId(read.order, sku),
      },
      change,
    );
    this.forgetCustomer(customerId);
    if (refusal) {
      this.logger.info(
        { orderNumber, change: change.kind, refused: refusal.refused },
        'Shopify refused a change',
      );
      return refusal;
    }
    const now = await this.orderRead(customerId, orderNumber);
    if (!now) throw new Error(`order ${orderNumber} vanished after it was changed`);
    return { ok: true, order: now.order, differenceCents: planned.plan.differenceCents };
  }

  /**
   * A Shopify shop's product texts are Shopify's: an approved description is pasted there (the
   * mirror takes it from the next products webhook), never written into the local copy only.
   */
  async setProductDescription(_productId: string, _description: string, _at: Date) {
    return {
      ok: false as const,
      refused: 'not_supported' as const,
      detail:
        "this shop's catalog is Shopify's: paste the approved text into the product in Shopify admin",
    };
  }

  async changeDefaultAddress(
    customerId: string,
    address: Address,
    _at: Date,
  ): Promise<Customer | ChangeRefusal | null> {
    if (!(await this.customer(customerId))) return null;
    const { customerAddressCreate } = await this.api.request(
      CUSTOMER_ADDRESS_CREATE,
      { customerId, address: toMailingAddressInput(address) },
      z.object({ customerAddressCreate: z.object({ userErrors }) }),
    );
    if (customerAddressCreate.userErrors.length > 0)
      return {
        refused: 'refused_by_shop',
        detail: customerAddressCreate.userErrors.map((e) => e.message).join('; '),
      };
    this.forgetCustomer(customerId);
    return this.customer(customerId);
  }

  listProducts(): Promise<Product[]> {
    return this.local.listProducts();
  }

  listPurchases(placedAfter?: Date): Promise<Purchase[]> {
    return this.local.listPurchases(placedAfter);
  }

  purchasesOf(customerId: string): Promise<Purchase[]> {
    return this.local.purchasesOf(customerId);
  }

  unitsBySku(): Promise<Map<string, number>> {
    return this.local.unitsBySku();
  }

  /** What planning a change reads: the live order and customer, the mirror's catalog. */
  private ledger() {
    return {
      order: (customerId: string, orderNumber: string) => this.orderOf(customerId, orderNumber),
      customer: (customerId: string) => this.customer(customerId),
      catalog: this.catalog,
    };
  }

  private async orderRead(customerId: string, orderNumber: string): Promise<OrderRead | null> {
    const reads = await this.orderReads(customerId, `name:${quoted(orderNumber)}`, 5);
    // Another customer's order of that number is not found, whoever asks.
    return (
      reads.find((r) => r.order.orderNumber === orderNumber && r.order.customerId === customerId) ??
      null
    );
  }

  private orderReads(customerId: string, query: string, first: number): Promise<OrderRead[]> {
    return this.orders.get(`${customerId}|${query}|${first}`, async () => {
      const { orders } = await this.api.request(ORDERS_MATCHING, { query, first }, ordersPage);
      return orders.nodes.flatMap((node) => {
        const order = toOrder(node);
        return order && order.customerId === customerId ? [{ node, order }] : [];
      });
    });
  }

  private product(productId: string): Promise<ProductNode | null> {
    return this.products.get(productId, async () => {
      const { product } = await this.api.request(
        PRODUCT_BY_ID,
        { id: productId },
        z.object({ product: productNode.nullable() }),
      );
      return product;
    });
  }

  private async liveStock(productId: string): Promise<InventoryRecord[]> {
    const node = await this.product(productId);
    return node ? toInventory(node) : [];
  }

  private async variantId(order: Order, sku: string): Promise<string | null> {
    for (const productId of new Set(order.items.map((i) => i.productId))) {
      const node = await this.product(productId);
      const id = node && variantIdOf(node, sku);
      if (id) return id;
    }
    return null;
  }
}
