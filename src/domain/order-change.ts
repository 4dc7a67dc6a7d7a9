import type {
  Address,
  CancelReason,
  Customer,
  Order,
  OrderItem,
  OrderStatus,
  Payment,
  ReturnLine,
  Variant,
} from './retail.js';

/** Units of one SKU of an order changed for another variant of the same product. */
export interface Swap {
  sku: string;
  quantity: number;
  newSku: string;
}

/** A change to one of a customer's orders, after the customer said yes to it. */
export type OrderChange =
  | { kind: 'cancel'; reason: CancelReason }
  | { kind: 'change_address'; address: Address }
  | { kind: 'change_payment'; paymentMethodId: string }
  | { kind: 'modify_items'; swaps: Swap[]; paymentMethodId: string }
  | {
      kind: 'request_return';
      lines: Omit<Swap, 'newSku'>[];
      reason: string;
      paymentMethodId: string;
    }
  | { kind: 'request_exchange'; swaps: Swap[]; reason: string; paymentMethodId: string };

export type OrderChangeKind = OrderChange['kind'];

/** Why a change cannot be made, with what to tell the customer. */
export interface ChangeRefusal {
  refused:
    | 'wrong_status'
    | 'items_not_in_order'
    | 'not_a_variant'
    | 'variant_unavailable'
    | 'unknown_payment_method'
    | 'insufficient_balance'
    | 'not_original_method'
    | 'same_payment_method'
    | 'nothing_to_change'
    /** The commerce platform does not offer this change at all. */
    | 'not_supported'
    /** The commerce platform refused it; `detail` is its own words. */
    | 'refused_by_shop';
  detail: string;
}

/** A change as it is written: the statuses it needs, the order's new fields, gift cards moved. */
export interface PlannedChange {
  from: readonly OrderStatus[];
  set: Partial<Order>;
  /** Gift-card balance movements: negative takes money from the card. */
  giftCards: { methodId: string; deltaCents: number }[];
  /** The price difference of an item change or exchange (negative: the customer gets money back). */
  differenceCents: number;
}

/** A catalog variant with the product it belongs to. */
export interface VariantOfProduct {
  productId: string;
  variant: Variant;
  /** Units in stock, or null when the shop keeps no stock for it. */
  stock: number | null;
}

/** Which statuses allow each change (τ²'s policy: the warehouse has not started on it). */
const ALLOWED_FROM: Record<OrderChangeKind, readonly OrderStatus[]> = {
  cancel: ['pending'],
  change_address: ['pending', 'pending (items modified)'],
  change_payment: ['pending', 'pending (items modified)'],
  // Once per order: the new status no longer allows it.
  modify_items: ['pending'],
  request_return: ['delivered'],
  request_exchange: ['delivered'],
};

const refuse = (refused: ChangeRefusal['refused'], detail: string): ChangeRefusal => ({
  refused,
  detail,
});

export function isRefusal<T extends object>(value: T | ChangeRefusal): value is ChangeRefusal {
  return 'refused' in value;
}

/**
 * Works out what a change writes, or why it cannot be made, from the order and customer as
 * they are now. Run when the change is proposed (so the customer hears a refusal at once) and
 * again when it is carried out (the data may have moved in between).
 */
export function planOrderChange(
  order: Order,
  customer: Customer,
  change: OrderChange,
  variantOf: (sku: string) => VariantOfProduct | undefined,
  at: Date,
): PlannedChange | ChangeRefusal {
  const from = ALLOWED_FROM[change.kind];
  if (!from.includes(order.status))
    return refuse('wrong_status', `order ${order.orderNumber} is ${order.status}`);
  const plain = (set: Partial<Order>): PlannedChange => ({
    from,
    set: { ...set, updatedAt: at },
    giftCards: [],
    differenceCents: 0,
  });
  switch (change.kind) {
    case 'cancel': {
      const refunds = netPaidByMethod(order.payments).map(
        ([methodId, amountCents]): Payment => ({ kind: 'refund', methodId, amountCents }),
      );
      return {
        ...plain({
          status: 'cancelled',
          cancelledAt: at,
          cancelReason: change.reason,
          payments: [...order.payments, ...refunds],
        }),
        // A gift card is refunded at once; cards and PayPal through the processor.
        giftCards: refunds
          .filter((r) => customer.paymentMethods[r.methodId]?.kind === 'gift_card')
          .map((r) => ({ methodId: r.methodId, deltaCents: r.amountCents })),
      };
    }
    case 'change_address':
      return plain({ shippingAddress: change.address });
    case 'change_payment':
      return planPaymentChange(order, customer, change.paymentMethodId, from, at);
    case 'modify_items': {
      const checked = checkSwaps(order, change.swaps, variantOf);
      if (isRefusal(checked)) return checked;
      const settled = settle(customer, change.paymentMethodId, checked.differenceCents);
      if (isRefusal(settled)) return settled;
      const items = swapItems(order.items, change.swaps, variantOf);
      const subtotalCents = items.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0);
      const movement: Payment[] =
        checked.differenceCents === 0
          ? []
          : [
              {
                kind: checked.differenceCents > 0 ? 'payment' : 'refund',
                methodId: change.paymentMethodId,
                amountCents: Math.abs(checked.differenceCents),
              },
            ];
      return {
        from,
        set: {
          status: 'pending (items modified)',
          items,
          subtotalCents,
          totalCents: subtotalCents + order.shippingCents,
          payments: [...order.payments, ...movement],
          updatedAt: at,
        },
        giftCards: settled,
        differenceCents: checked.differenceCents,
      };
    }
    case 'request_return': {
      const missing = missingUnits(order.items, change.lines);
      if (missing) return refuse('items_not_in_order', missing);
      const method = customer.paymentMethods[change.paymentMethodId];
      if (!method) return refuse('unknown_payment_method', change.paymentMethodId);
      // A refund goes back where the money came from, or onto one of the customer's gift cards.
      const original = order.payments.find((p) => p.kind === 'payment')?.methodId;
      if (method.kind !== 'gift_card' && change.paymentMethodId !== original)
        return refuse(
          'not_original_method',
          `a refund goes to the original payment method (${original ?? 'none'}) or a gift card`,
        );
      return plain({
        status: 'return requested',
        returnRequest: {
          kind: 'return',
          lines: change.lines.map((l) => ({ ...l, newSku: null })),
          reason: change.reason,
          paymentMethodId: change.paymentMethodId,
          priceDifferenceCents: null,
          requestedAt: at,
        },
      });
    }
    case 'request_exchange': {
      const checked = checkSwaps(order, change.swaps, variantOf);
      if (isRefusal(checked)) return checked;
      const method = customer.paymentMethods[change.paymentMethodId];
      if (!method) return refuse('unknown_payment_method', change.paymentMethodId);
      // The difference is settled when the warehouse receives the goods; a gift card must
      // already hold it.
      if (method.kind === 'gift_card' && method.balanceCents < checked.differenceCents)
        return refuse(
          'insufficient_balance',
          `the gift card holds ${method.balanceCents} cents, the difference is ${checked.differenceCents}`,
        );
      const lines: ReturnLine[] = change.swaps.map((s) => ({ ...s }));
      return {
        ...plain({
          status: 'exchange requested',
          returnRequest: {
            kind: 'exchange',
            lines,
            reason: change.reason,
            paymentMethodId: change.paymentMethodId,
            priceDifferenceCents: checked.differenceCents,
            requestedAt: at,
          },
        }),
        differenceCents: checked.differenceCents,
      };
    }
  }
}

/** What each method has paid net of refunds, in order of first use. */
function netPaidByMethod(payments: readonly Payment[]): [string, number][] {
  const net = new Map<string, number>();
  for (const p of payments)
    net.set(
      p.methodId,
      (net.get(p.methodId) ?? 0) + (p.kind === 'payment' ? 1 : -1) * p.amountCents,
    );
  return [...net].filter(([, cents]) => cents > 0);
}

function planPaymentChange(
  order: Order,
  customer: Customer,
  methodId: string,
  from: readonly OrderStatus[],
  at: Date,
): PlannedChange | ChangeRefusal {
  const method = customer.paymentMethods[methodId];
  if (!method) return refuse('unknown_payment_method', methodId);
  const paid = netPaidByMethod(order.payments);
  const [current] = paid;
  if (!current || paid.length !== 1)
    return refuse('nothing_to_change', 'the order is not paid by exactly one method');
  const [currentId, amountCents] = current;
  if (currentId === methodId)
    return refuse('same_payment_method', `the order is already paid with ${methodId}`);
  if (method.kind === 'gift_card' && method.balanceCents < amountCents)
    return refuse(
      'insufficient_balance',
      `the gift card holds ${method.balanceCents} cents, the order costs ${amountCents}`,
    );
  const giftCards = [];
  if (method.kind === 'gift_card') giftCards.push({ methodId, deltaCents: -amountCents });
  if (customer.paymentMethods[currentId]?.kind === 'gift_card')
    giftCards.push({ methodId: currentId, deltaCents: amountCents });
  return {
    from,
    set: {
      payments: [
        ...order.payments,
        { kind: 'payment', methodId, amountCents },
        { kind: 'refund', methodId: currentId, amountCents },
      ],
      updatedAt: at,
    },
    giftCards,
    differenceCents: 0,
  };
}

/** Which asked-for units the order does not hold, or null when it holds them all. */
function missingUnits(
  items: readonly OrderItem[],
  lines: readonly { sku: string; quantity: number }[],
): string | null {
  const asked = new Map<string, number>();
  for (const l of lines) asked.set(l.sku, (asked.get(l.sku) ?? 0) + l.quantity);
  for (const [sku, quantity] of asked) {
    const held = items.filter((i) => i.sku === sku).reduce((sum, i) => sum + i.quantity, 0);
    if (quantity < 1 || held < quantity) return `the order has ${held} of ${sku}, not ${quantity}`;
  }
  return asked.size === 0 ? 'no items were named' : null;
}

/** Checks each swap is for another available variant of the same product; the price difference. */
function checkSwaps(
  order: Order,
  swaps: readonly Swap[],
  variantOf: (sku: string) => VariantOfProduct | undefined,
): { differenceCents: number } | ChangeRefusal {
  const missing = missingUnits(order.items, swaps);
  if (missing) return refuse('items_not_in_order', missing);
  let differenceCents = 0;
  for (const swap of swaps) {
    const item = order.items.find((i) => i.sku === swap.sku);
    const wanted = variantOf(swap.newSku);
    if (!item || !wanted || wanted.productId !== item.productId)
      return refuse(
        'not_a_variant',
        `${swap.newSku} is not a variant of ${item?.name ?? swap.sku}`,
      );
    if (swap.newSku === swap.sku)
      return refuse('nothing_to_change', `${swap.sku} would be swapped for itself`);
    if (!wanted.variant.available || wanted.stock === 0)
      return refuse('variant_unavailable', `${swap.newSku} is not available`);
    differenceCents += (wanted.variant.priceCents - item.unitPriceCents) * swap.quantity;
  }
  return { differenceCents };
}

/** The gift-card movement that settles a difference, or why the method cannot. */
function settle(
  customer: Customer,
  methodId: string,
  differenceCents: number,
): PlannedChange['giftCards'] | ChangeRefusal {
  const method = customer.paymentMethods[methodId];
  if (!method) return refuse('unknown_payment_method', methodId);
  if (method.kind !== 'gift_card' || differenceCents === 0) return [];
  if (method.balanceCents < differenceCents)
    return refuse(
      'insufficient_balance',
      `the gift card holds ${method.balanceCents} cents, the difference is ${differenceCents}`,
    );
  return [{ methodId, deltaCents: -differenceCents }];
}

/** The order's items with the swapped units as their new variants, at the new prices. */
function swapItems(
  items: readonly OrderItem[],
  swaps: readonly Swap[],
  variantOf: (sku: string) => VariantOfProduct | undefined,
): OrderItem[] {
  const result: OrderItem[] = [];
  const left = new Map(swaps.map((s) => [s.sku, { ...s }]));
  for (const item of items) {
    const swap = left.get(item.sku);
    const wanted = swap && variantOf(swap.newSku);
    if (!swap || !wanted || swap.quantity === 0) {
      result.push(item);
      continue;
    }
    const moved = Math.min(swap.quantity, item.quantity);
    swap.quantity -= moved;
    if (moved < item.quantity) result.push({ ...item, quantity: item.quantity - moved });
    result.push({
      ...item,
      sku: swap.newSku,
      options: wanted.variant.options,
      quantity: moved,
      unitPriceCents: wanted.variant.priceCents,
    });
  }
  return result;
}
