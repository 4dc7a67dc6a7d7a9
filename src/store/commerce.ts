import { Catalog } from '../commerce/catalog.js';
import { applyOrderChange, type ChangeLedger, planFor } from '../commerce/order-changes.js';
import type { OrderChange } from '../domain/order-change.js';
import type { Address, Customer, Order, Product, Purchase } from '../domain/retail.js';
import type { ChangeOutcome, ChangePreview, Commerce, CommerceMirror } from '../ports/commerce.js';
import type { CustomersRepository } from './repositories/customers.js';
import type { InventoryRepository } from './repositories/inventory.js';
import type { OrdersRepository } from './repositories/orders.js';
import type { ProductsRepository } from './repositories/products.js';

/** The built-in shop: customers, orders and catalog kept in MongoDB by the importer and seed. */
export class MongoCommerce implements Commerce, CommerceMirror {
  readonly catalog: Catalog;
  private readonly ledger: ChangeLedger;

  constructor(
    private readonly customers: CustomersRepository,
    private readonly orders: OrdersRepository,
    private readonly products: ProductsRepository,
    private readonly inventory: InventoryRepository,
  ) {
    this.catalog = new Catalog({
      listProducts: () => products.listAll(),
      stockOf: (productId) => inventory.forProduct(productId),
      stockTotals: () => inventory.totalsByProduct(),
    });
    this.ledger = {
      order: (customerId, orderNumber) => orders.findOwned(orderNumber, customerId),
      customer: (customerId) => customers.findById(customerId),
      catalog: this.catalog,
      moveGiftCard: (customerId, methodId, deltaCents, at) =>
        customers.moveGiftCard(customerId, methodId, deltaCents, at),
      writeOrder: (order, from, set, seen) =>
        orders.updateOwned(order.orderNumber, order.customerId, from, set, seen),
    };
  }

  customer(customerId: string): Promise<Customer | null> {
    return this.customers.findById(customerId);
  }

  customerByEmail(email: string): Promise<Customer | null> {
    return this.customers.findByEmail(email);
  }

  customersByIds(customerIds: readonly string[]): Promise<Customer[]> {
    return this.customers.findByIds(customerIds);
  }

  searchCustomers(text: string, limit: number): Promise<Customer[]> {
    return this.customers.search(text, limit);
  }

  ordersOf(customerId: string, limit: number): Promise<Order[]> {
    return this.orders.listForCustomer(customerId, limit);
  }

  orderOf(customerId: string, orderNumber: string): Promise<Order | null> {
    return this.orders.findOwned(orderNumber, customerId);
  }

  async ownerOfOrder(orderNumber: string): Promise<string | null> {
    return (await this.orders.findByNumber(orderNumber))?.customerId ?? null;
  }

  customerByNameAndPostalCode(name: string, postalCode: string): Promise<Customer | null> {
    return this.customers.findByNameAndPostalCode(name, postalCode);
  }

  previewChange(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<ChangePreview> {
    return planFor(this.ledger, customerId, orderNumber, change, at);
  }

  changeOrder(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<ChangeOutcome> {
    return applyOrderChange(this.ledger, customerId, orderNumber, change, at);
  }

  async setProductDescription(productId: string, description: string, _at: Date) {
    if (!(await this.products.setDescription(productId, description)))
      return { ok: false as const, refused: 'not_found' as const, detail: 'no such product' };
    this.catalog.invalidate();
    return { ok: true as const };
  }

  changeDefaultAddress(customerId: string, address: Address, at: Date): Promise<Customer | null> {
    return this.customers.setAddress(customerId, address, at);
  }

  listProducts(): Promise<Product[]> {
    return this.products.listAll();
  }

  listPurchases(placedAfter?: Date): Promise<Purchase[]> {
    return this.orders.listPurchases(placedAfter);
  }

  purchasesOf(customerId: string): Promise<Purchase[]> {
    return this.orders.listPurchases(undefined, customerId);
  }

  unitsBySku(): Promise<Map<string, number>> {
    return this.inventory.unitsBySku();
  }

  /** Units in stock per product, all variants and locations together. */
  stockTotals(): Promise<Map<string, number>> {
    return this.inventory.totalsByProduct();
  }
}
