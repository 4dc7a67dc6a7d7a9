import type { ProfileFacts } from '../domain/customer-profile.js';
import type { ChangeRefusal } from '../domain/order-change.js';
import type { ProductCard } from '../domain/outbound.js';
import type { PendingActionKind } from '../domain/pending-action.js';
import type { OrderStatus } from '../domain/retail.js';
import type { CustomerView } from './customer-view.js';
import type { OrderView } from './order-view.js';

/** A failure the model can act on: what went wrong, what to do next, and any detail to tell. */
type Failure<E extends string, Detail = unknown> = {
  ok?: never;
  error: E;
  suggestion: string;
} & Detail;

export type ToolFailure =
  | Failure<
      | 'not_verified'
      | 'verification_failed'
      | 'verification_incomplete'
      | 'already_verified'
      | 'order_not_found'
      | 'items_not_in_order'
      | 'needs_explicit_yes'
      | 'nothing_to_confirm'
      | 'no_matches'
      | 'no_recommendations'
      | 'nothing_to_refine'
      | 'product_not_found'
      | 'temporary_problem'
      | 'no_answer'
      | 'in_stock'
    >
  | Failure<'too_many_attempts', { retryAfterMinutes: number }>
  | Failure<'no_such_position', { shown: number }>
  | Failure<
      'cannot_cancel' | 'already_shipped' | 'not_pending' | 'not_returnable',
      { orderNumber: string; status: OrderStatus }
    >
  | Failure<'return_window_closed', { deliveredDaysAgo: number }>
  | Failure<'invalid_expression', { reason: string }>
  | Failure<
      'already_requested',
      { orderNumber: string; requested: 'return' | 'exchange'; requestedAt: string }
    >
  | Failure<'no_such_variant', { product: string; options: Record<string, string[]> }>
  | Failure<ChangeRefusal['refused'], { detail: string }>
  | Failure<'no_longer_possible', { detail: string }>;

/** A change proposed to the customer; nothing happens before their yes in a later turn. */
export interface Proposed {
  ok: true;
  confirmationRequired: true;
  action: PendingActionKind;
  /** Absent for a change to the customer rather than an order. */
  orderNumber?: string;
  /** In the order's currency; positive: the customer pays more. */
  priceDifference?: number;
  description: string;
}

/** The conversation waits for a person; `personFrom` says when staff are back. */
export interface Queued {
  ok: true;
  queued: true;
  /** False outside business hours; then `personFrom` says when staff are back. */
  staffAtWork: boolean;
  personFrom?: string;
  /** Set when a refund above the approval limit is what needs the person. */
  needsApproval?: true;
  orderNumber?: string;
}

export interface StockAnswer {
  ok: true;
  product: string;
  size: string | null;
  colour: string | null;
  location: string | null;
  quantity: number;
  byLocation: Record<string, number>;
  restockDate: string | null;
  cards: ProductCard[];
  /** When it is out of stock: offer to tell the customer when it is back. */
  suggestion?: string;
}

export interface VariantView {
  sku: string;
  options: Record<string, string>;
  price: string;
  /** Offered and, where the shop keeps stock, in stock. */
  available: boolean;
}

export interface ProductDetails {
  ok: true;
  product: {
    productId: string;
    name: string;
    price: string;
    description: string;
    /** Every option name with the values its variants come in. */
    options: Record<string, string[]>;
    variants: VariantView[];
  };
  cards: ProductCard[];
}

/** What each tool answers: its success, or a failure. */
export interface ToolResults {
  verify_customer: { ok: true; firstName: string; remembered: ProfileFacts } | ToolFailure;
  list_my_orders: { ok: true; orders: OrderView[] } | ToolFailure;
  get_order: { ok: true; order: OrderView } | ToolFailure;
  get_customer_details: { ok: true; customer: CustomerView } | ToolFailure;
  cancel_order: Proposed | ToolFailure;
  modify_order_items: Proposed | ToolFailure;
  change_payment_method: Proposed | ToolFailure;
  return_items: Proposed | Queued | ToolFailure;
  exchange_items: Proposed | ToolFailure;
  change_shipping_address: Proposed | ToolFailure;
  change_default_address: Proposed | ToolFailure;
  confirm_action:
    | { ok: true; dropped: PendingActionKind; orderNumber?: string }
    | { ok: true; done: PendingActionKind; order: OrderView }
    | { ok: true; done: 'change_default_address'; customer: CustomerView }
    | ToolFailure;
  list_product_types:
    | { ok: true; products: { productId: string; name: string }[]; more?: number }
    | ToolFailure;
  check_inventory: StockAnswer | ToolFailure;
  search_products: { ok: true; cards: ProductCard[] } | ToolFailure;
  get_product: ProductDetails | ToolFailure;
  recommend_products: { ok: true; cards: ProductCard[] } | ToolFailure;
  search_help_center:
    | {
        ok: true;
        passages: {
          title: string;
          section: string;
          url: string | null;
          language: 'en' | 'zh';
          text: string;
          score: number;
        }[];
      }
    | ToolFailure;
  remember_preference: { ok: true; remembered: ProfileFacts } | ToolFailure;
  escalate_to_human: Queued | ToolFailure;
  calculate: { ok: true; expression: string; result: number } | ToolFailure;
  notify_when_back_in_stock:
    | { ok: true; product: string; options: string | null; alreadyWaiting: boolean }
    | ToolFailure;
}

export type ToolName = keyof ToolResults;

/** What a tool answers when it succeeds. */
export type ToolSuccess<N extends ToolName> = Exclude<ToolResults[N], ToolFailure>;

/**
 * A tool's answer as its message's artifact: the agent takes cards and failure codes from
 * it, and the offline model words it, without parsing the model's copy back. `ok` tells a
 * success (typed by the tool's name) from a failure.
 */
export type ToolOutcome =
  | { [N in ToolName]: { tool: N; ok: true; result: ToolSuccess<N> } }[ToolName]
  | { tool: ToolName; ok: false; result: ToolFailure };

export function isFailure<T extends object>(value: T | ToolFailure): value is ToolFailure {
  return 'error' in value;
}

/** The cards a tool's answer shows. */
export function cardsOf(outcome: ToolOutcome): ProductCard[] {
  return outcome.ok && 'cards' in outcome.result ? outcome.result.cards : [];
}

/** What the model reads of an answer: the result, with cards as the facts it may tell. */
export function modelContent(result: ToolResults[ToolName]): string {
  if (!('cards' in result)) return JSON.stringify(result);
  const { cards, ...rest } = result;
  return JSON.stringify({
    ...rest,
    products: cards.map(({ name, price, stock, reason }) => ({ name, price, stock, reason })),
  });
}
