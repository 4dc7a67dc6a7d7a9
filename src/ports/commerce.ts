import type { ChangeRefusal, OrderChange, PlannedChange } from '../domain/order-change.js';
import type {
  Address,
  Customer,
  InventoryRecord,
  Order,
  Product,
  Purchase,
} from '../domain/retail.js';

/** A change carried out, with the price difference it settled; its refusal; or no such order. */
export type ChangeOutcome =
  | { ok: true; order: Order; differenceCents: number }
  | ChangeRefusal
  | null;

/** What a change would write, its refusal, or no such order. */
export type ChangePreview = { order: Order; plan: PlannedChange } | ChangeRefusal | null;

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
  /** Forgets the in-memory copy: the next read loads the catalog again (after an edit here). */
  invalidate(): void;
  /** Every product, in catalog order. */
  list(): Promise<Product[]>;
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
  /** The customer with this name (any case) whose default address has this postal code. */
  customerByNameAndPostalCode(name: string, postalCode: string): Promise<Customer | null>;
  /**
   * What a change would do to the order now, or why it cannot be made (to tell the customer
   * before asking for their yes); null when the customer has no such order.
   */
  previewChange(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<ChangePreview>;
  /**
   * Carries out a confirmed change if the order (and the payment method that settles it)
   * still allow it; otherwise the refusal, and nothing is changed.
   */
  changeOrder(
    customerId: string,
    orderNumber: string,
    change: OrderChange,
    at: Date,
  ): Promise<ChangeOutcome>;
  /**
   * Sets the customer's default address; the platform's refusal, or null when there is no
   * such customer.
   */
  changeDefaultAddress(
    customerId: string,
    address: Address,
    at: Date,
  ): Promise<Customer | ChangeRefusal | null>;
  readonly catalog: ProductCatalog;
  /**
   * Replaces a product's description (a staff-approved text), or says why not: the product is
   * gone, or the backend keeps descriptions elsewhere (then they are edited there).
   */
  setProductDescription(
    productId: string,
    description: string,
    at: Date,
  ): Promise<{ ok: true } | { ok: false; refused: DescriptionRefusal; detail: string }>;
}

/** Where the recommender learns from: every product, every kept order's products, stock. */
/** Why a product's description was not changed. */
export type DescriptionRefusal = 'not_found' | 'not_supported';

export interface CommerceMirror {
  listProducts(): Promise<Product[]>;
  listPurchases(placedAfter?: Date): Promise<Purchase[]>;
  /** One customer's kept orders' products, all of them. */
  purchasesOf(customerId: string): Promise<Purchase[]>;
  unitsBySku(): Promise<Map<string, number>>;
}
