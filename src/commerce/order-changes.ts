import {
  type ChangeRefusal,
  isRefusal,
  type OrderChange,
  type PlannedChange,
  planOrderChange,
  type VariantOfProduct,
} from '../domain/order-change.js';
import type { Customer, Order, OrderStatus } from '../domain/retail.js';
import type { ChangeOutcome, ProductCatalog } from '../ports/commerce.js';

/** What carrying out a change needs of a backend's records: single-record atomic writes. */
export interface ChangeLedger {
  order(customerId: string, orderNumber: string): Promise<Order | null>;
  customer(customerId: string): Promise<Customer | null>;
  catalog: ProductCatalog;
  /**
   * Adds `deltaCents` to a gift card's balance unless that would take it below zero; false
   * when it would (or the card is gone).
   */
  moveGiftCard(
    customerId: string,
    methodId: string,
    deltaCents: number,
    at: Date,
  ): Promise<boolean>;
  /** Writes `set` when the order is still in `from` and unchanged since `seen`; false if not. */
  writeOrder(
    order: Order,
    from: readonly OrderStatus[],
    set: Partial<Order>,
    seen: Date,
  ): Promise<boolean>;
}

/** Every variant of the products of the order, with live stock (null: the shop keeps none). */
export async function variantsFor(
  catalog: ProductCatalog,
  order: Order,
): Promise<Map<string, VariantOfProduct>> {
  const found = new Map<string, VariantOfProduct>();
  for (const productId of new Set(order.items.map((i) => i.productId))) {
    const product = await catalog.byId(productId);
    if (!product) continue;
    const stock = new Map<string, number>();
    for (const record of await catalog.stock(productId))
      stock.set(record.sku, (stock.get(record.sku) ?? 0) + record.quantity);
    for (const variant of product.variants)
      found.set(variant.sku, { productId, variant, stock: stock.get(variant.sku) ?? null });
  }
  return found;
}

/** Plans a change against the records as they are now (for a proposal, or before writing). */
export async function planFor(
  ledger: Pick<ChangeLedger, 'order' | 'customer' | 'catalog'>,
  customerId: string,
  orderNumber: string,
  change: OrderChange,
  at: Date,
): Promise<{ order: Order; plan: PlannedChange } | ChangeRefusal | null> {
  const [order, customer] = await Promise.all([
    ledger.order(customerId, orderNumber),
    ledger.customer(customerId),
  ]);
  if (!order || !customer) return null;
  const variants = await variantsFor(ledger.catalog, order);
  const plan = planOrderChange(order, customer, change, (sku) => variants.get(sku), at);
  return isRefusal(plan) ? plan : { order, plan };
}

/**
 * Carries out a confirmed change without a multi-document transaction (FerretDB has none):
 * money is taken from gift cards first, each take conditional on the balance; then the order
 * is written, conditional on its status and on being unchanged since it was planned; only
 * then are gift cards refunded. When a later step fails the takes are given back, so a
 * refused change leaves every balance as it was.
 */
export async function applyOrderChange(
  ledger: ChangeLedger,
  customerId: string,
  orderNumber: string,
  change: OrderChange,
  at: Date,
): Promise<ChangeOutcome> {
  const planned = await planFor(ledger, customerId, orderNumber, change, at);
  if (planned === null || isRefusal(planned)) return planned;
  const { order, plan } = planned;
  const taken: { methodId: string; deltaCents: number }[] = [];
  const giveBack = async () => {
    for (const t of taken) await ledger.moveGiftCard(customerId, t.methodId, -t.deltaCents, at);
  };
  for (const movement of plan.giftCards.filter((m) => m.deltaCents < 0)) {
    if (!(await ledger.moveGiftCard(customerId, movement.methodId, movement.deltaCents, at))) {
      await giveBack();
      return {
        refused: 'insufficient_balance',
        detail: `${movement.methodId} no longer covers it`,
      };
    }
    taken.push(movement);
  }
  if (!(await ledger.writeOrder(order, plan.from, plan.set, order.updatedAt))) {
    await giveBack();
    return { refused: 'wrong_status', detail: `order ${orderNumber} changed meanwhile` };
  }
  for (const movement of plan.giftCards.filter((m) => m.deltaCents > 0))
    await ledger.moveGiftCard(customerId, movement.methodId, movement.deltaCents, at);
  const now = await ledger.order(customerId, orderNumber);
  if (!now) throw new Error(`order ${orderNumber} vanished after it was changed`);
  return { ok: true, order: now, differenceCents: plan.differenceCents };
}
