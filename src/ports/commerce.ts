import type { OrderChange } from '../domain/order-change.js';
import type { Customer, InventoryRecord, Order, Product, Purchase } from '../domain/retail.js';

export interface SearchRequest {
  query: string;
  minPriceCents?: number;
  maxPriceCents?: number;
  limit?: number;
}

export interface ProductMatch {
  product: Product;
  score: number;
}

/** The catalog as the agent's tools read it: search by shopper words, resolve, stock. */
export interface ProductCatalog {
  search(request: SearchRequest): Promise<ProductMatch[]>;
  /** A product by id, SKU or (fuzzily) by name; null when nothing matches well enough. */
  resolve(reference: string): Promise<Product | null>;
  byId(productId: string): Promise<Product | null>;
  /** Live stock of one product, per variant and location. */
  stock(productId: string): Promise<InventoryRecord[]>;
  /** Units in stock across variants and locations; may be a few seconds old. */
  totalStock(productId: string): Promise<number>;
}

/**
 * The retailer's commerce data: customers, the orders each one owns and the changes to them,
 * and the catalog. Reads of orders always name the owner, so no caller can read another
 * customer's order by guessing its number. The built-in shop implements it over MongoDB
 * (`src/store/commerce.ts`); another backend (a commerce platform) is one more implementation.
 */
export interface Commerce {
  customer(customerId: string): Promise<Customer | null>;
  customerByEmail(email: string): Promise<Customer | null>;
  customersByIds(customerIds: readonly string[]): Promise<Customer[]>;
  /** Customers whose name or e-mail contains `text` (for staff search). */
  searchCustomers(text: string, limit: number): Promise<Customer[]>;
  /** The customer's orders, newest first. */
  ordersOf(customerId: string, limit: number): Promise<Order[]>;
  /** One of the customer's orders; null also when the number is another customer's. */
  orderOf(customerId: string, orderNumber: string): Promise<Order | null>;
  /** The owner of an order (for staff search by order number). */
  ownerOfOrder(orderNumber: string): Promise<string | null>;
  /**
   * Applies a confirmed change when the order is still in a status that allows it; null when
   * it is not (it changed meanwhile), else the order as it is now.
   */
  changeOrder(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<Order | null>;
  readonly catalog: ProductCatalog;
}

/** Where the recommender learns from: every product, every kept order's products, stock. */
export interface CommerceMirror {
  listProducts(): Promise<Product[]>;
  listPurchases(placedAfter?: Date): Promise<Purchase[]>;
  /** One customer's kept orders' products, all of them. */
  purchasesOf(customerId: string): Promise<Purchase[]>;
  unitsBySku(): Promise<Map<string, number>>;
}
