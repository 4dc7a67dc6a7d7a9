import type { Customer, Order } from '../../domain/retail.js';
import type { Store } from '../../store/store.js';
import { type ProductNode, toInventory, toProduct } from './records.js';

/**
 * The local copy of the Shopify shop in Concierge's own collections (the ones the built-in
 * shop uses), which the recommender, catalog search and staff search read. Shopify is the
 * source of truth: an older copy of a record never replaces a newer one.
 */
export class ShopifyMirror {
  constructor(
    private readonly store: Pick<Store, 'customers' | 'orders' | 'products' | 'inventory'>,
  ) {}

  async saveOrders(orders: readonly Order[]): Promise<void> {
    if (orders.length > 0) await this.store.orders.upsertMany(orders);
  }

  async saveCustomers(customers: readonly Customer[]): Promise<void> {
    if (customers.length > 0) await this.store.customers.upsertMany(customers);
  }

  async saveProducts(nodes: readonly ProductNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await this.store.products.upsertMany(nodes.map(toProduct));
    const levels = nodes.flatMap(toInventory);
    if (levels.length > 0) await this.store.inventory.upsertMany(levels);
  }
}
