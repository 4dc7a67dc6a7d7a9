import type { Address, CancelReason } from './retail.js';

interface Proposal {
  orderNumber: string;
  /** What the action will do, as told to the customer. */
  description: string;
  /** The turn that asked; the yes must come in a later one. */
  turnId: string;
  expiresAt: Date;
}

/** A change to an order, proposed to the customer and carried out only after their own yes. */
export type PendingAction =
  | (Proposal & { kind: 'cancel_order'; reason: CancelReason })
  | (Proposal & { kind: 'change_address'; address: Address })
  | (Proposal & {
      kind: 'return_items';
      skus: string[];
      returnKind: 'return' | 'exchange';
      reason: string;
    });

export type PendingActionKind = PendingAction['kind'];
