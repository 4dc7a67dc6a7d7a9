import type { OrderChange, OrderChangeKind } from './order-change.js';
import type { Address } from './retail.js';

interface Proposal {
  /** What the action will do, as told to the customer. */
  description: string;
  /** The turn that asked; the yes must come in a later one. */
  turnId: string;
  expiresAt: Date;
}

/** A change, proposed to the customer and carried out only after their own yes. */
export type PendingAction =
  | (Proposal & { kind: 'order_change'; orderNumber: string; change: OrderChange })
  | (Proposal & { kind: 'change_default_address'; address: Address });

/** What a pending action does: the order change's kind, or the customer's address. */
export type PendingActionKind = OrderChangeKind | 'change_default_address';

export function pendingActionKind(action: PendingAction): PendingActionKind {
  return action.kind === 'order_change' ? action.change.kind : action.kind;
}
