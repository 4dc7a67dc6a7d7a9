import type { Address, CancelReason, Order, OrderStatus, ReturnRequest } from './retail.js';

/** A change to one of a customer's orders, after the customer said yes to it. */
export type OrderChange =
  | { kind: 'cancel'; reason: CancelReason }
  | { kind: 'change_address'; address: Address }
  | { kind: 'request_return'; request: Omit<ReturnRequest, 'requestedAt'> };

export interface OrderChangeRule {
  /** Statuses the order must be in. */
  from: readonly OrderStatus[];
  /** Once per order: the change needs an order without a return or exchange asked for yet. */
  once?: 'returnRequest';
  set: Partial<Order>;
}

/** Which orders allow a change, and what it writes to the order. */
export function orderChangeRule(change: OrderChange, at: Date): OrderChangeRule {
  switch (change.kind) {
    case 'cancel':
      // Only before the warehouse starts on it: a processing order is being packed.
      return {
        from: ['pending'],
        set: { status: 'cancelled', cancelledAt: at, cancelReason: change.reason, updatedAt: at },
      };
    case 'change_address':
      // The label is printed once the warehouse starts on it.
      return {
        from: ['pending'],
        set: { shippingAddress: change.address, updatedAt: at },
      };
    case 'request_return':
      return {
        from: ['delivered'],
        // A second request would replace the first, which the warehouse may be acting on.
        once: 'returnRequest',
        set: { returnRequest: { ...change.request, requestedAt: at }, updatedAt: at },
      };
  }
}
