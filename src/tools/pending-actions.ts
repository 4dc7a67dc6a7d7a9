import { z } from 'zod';
import { type ChangeRefusal, isRefusal, type OrderChange } from '../domain/order-change.js';
import {
  type PendingAction,
  type PendingActionKind,
  pendingActionKind,
} from '../domain/pending-action.js';
import type { Order } from '../domain/retail.js';
import { isExplicitNo, isExplicitYes } from '../language/yes-no.js';
import { customerView } from './customer-view.js';
import {
  defineTool,
  NOT_FOUND,
  type ToolDeps,
  type TurnContext,
  verifiedCustomer,
} from './define-tool.js';
import { orderView } from './order-view.js';
import { isFailure, type Proposed, type ToolFailure } from './results.js';

const CONFIRM_WITHIN_MS = 10 * 60_000;

/** A pending action as it is proposed: what the turn and the clock add come later. */
type Unproposed<A> = A extends PendingAction ? Omit<A, 'turnId' | 'expiresAt'> : never;
type Proposal = Unproposed<PendingAction>;

/** Stores the action and asks for a yes: nothing changes in this turn. */
export async function propose(
  deps: ToolDeps,
  context: TurnContext,
  action: Proposal,
  differenceCents = 0,
): Promise<Proposed> {
  await deps.ports.conversations.setPendingAction(context.conversationId, {
    ...action,
    turnId: context.turnId,
    expiresAt: new Date(deps.now().getTime() + CONFIRM_WITHIN_MS),
  });
  return {
    ok: true,
    confirmationRequired: true,
    action: action.kind === 'order_change' ? action.change.kind : action.kind,
    ...(action.kind === 'order_change' ? { orderNumber: action.orderNumber } : {}),
    ...(differenceCents !== 0 ? { priceDifference: differenceCents / 100 } : {}),
    description: action.description,
  };
}

const REFUSAL_SUGGESTIONS: Record<ChangeRefusal['refused'], string> = {
  wrong_status:
    'Explain the order can no longer have this change (give its status); offer a person.',
  items_not_in_order: 'List the items of the order and ask which, and how many.',
  not_a_variant:
    'An item can only become another variant of the same product; show that product’s variants.',
  variant_unavailable: 'Say that variant is not available; offer the available ones.',
  unknown_payment_method: "List the customer's payment methods and ask which.",
  insufficient_balance:
    'Say the gift card does not hold enough for this; offer another payment method.',
  not_original_method:
    'A refund goes to the original payment method or to one of their gift cards; ask which.',
  same_payment_method: 'Say the order is already paid that way; ask which other method.',
  nothing_to_change: 'Say there is nothing to change; ask what they want.',
  not_supported: 'Say the shop does not allow this change here; offer a person.',
  refused_by_shop:
    "Tell the customer the shop's system refused it, in its words (detail); nothing was changed. Offer a person.",
};

/** Refusals the commerce platform gives when carrying a change out, not the order moving on. */
const SAID_BY_THE_SHOP: readonly ChangeRefusal['refused'][] = ['not_supported', 'refused_by_shop'];

export function refusalFailure(refusal: ChangeRefusal): ToolFailure {
  return {
    error: refusal.refused,
    detail: refusal.detail,
    suggestion: REFUSAL_SUGGESTIONS[refusal.refused],
  };
}

/**
 * Checks a change against the order as it is now and, when it can be made, proposes it: the
 * customer hears a refusal (a gift card that does not cover the difference, say) at once.
 */
export async function proposeChange(
  deps: ToolDeps,
  context: TurnContext,
  order: Pick<Order, 'customerId' | 'orderNumber'>,
  change: OrderChange,
  describe: (differenceCents: number) => string | Promise<string>,
): Promise<Proposed | ToolFailure> {
  const { customerId, orderNumber } = order;
  const preview = await deps.ports.commerce.previewChange(
    customerId,
    orderNumber,
    change,
    deps.now(),
  );
  if (preview === null) return NOT_FOUND;
  if (isRefusal(preview)) return refusalFailure(preview);
  const { differenceCents } = preview.plan;
  return propose(
    deps,
    context,
    { kind: 'order_change', orderNumber, change, description: await describe(differenceCents) },
    differenceCents,
  );
}

type Done =
  | { ok: true; done: PendingActionKind; order: ReturnType<typeof orderView> }
  | { ok: true; done: 'change_default_address'; customer: ReturnType<typeof customerView> };

async function carryOut(
  deps: ToolDeps,
  customerId: string,
  action: PendingAction,
): Promise<Done | ToolFailure> {
  const { commerce } = deps.ports;
  if (action.kind === 'change_default_address') {
    const customer = await commerce.changeDefaultAddress(customerId, action.address, deps.now());
    if (!customer) throw new Error(`verified customer ${customerId} is missing`);
    if (isRefusal(customer)) return refusalFailure(customer);
    return { ok: true, done: 'change_default_address', customer: customerView(customer) };
  }
  const outcome = await commerce.changeOrder(
    customerId,
    action.orderNumber,
    action.change,
    deps.now(),
  );
  if (outcome === null) return NOT_FOUND;
  // The platform's own refusal is told as it is; anything else means the order moved on.
  if (isRefusal(outcome) && SAID_BY_THE_SHOP.includes(outcome.refused))
    return refusalFailure(outcome);
  if (isRefusal(outcome)) {
    return {
      error: 'no_longer_possible',
      detail: outcome.detail,
      suggestion: `The order or payment method changed meanwhile (${outcome.detail}); show the order's status.`,
    };
  }
  return { ok: true, done: action.change.kind, order: orderView(outcome.order) };
}

export function createConfirmActionTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'confirm_action',
      description:
        'Carry out (decision "yes") or drop (decision "no") the change proposed in an earlier turn ' +
        '(cancellation, item change, payment change, return, exchange, address change). Only when ' +
        'the customer has just answered yes or no to it.',
      schema: z.object({ decision: z.enum(['yes', 'no']) }),
      async run({ decision }, context) {
        const who = await verifiedCustomer(deps, context);
        if (isFailure(who)) return who;
        const { conversations } = deps.ports;
        const conversation = await conversations.findById(context.conversationId);
        const action = conversation?.pendingAction;
        if (!action || action.expiresAt < deps.now()) {
          return { error: 'nothing_to_confirm', suggestion: 'Ask what they would like to do.' };
        }
        // The yes must be the customer's own, in a later turn than the proposal: a model
        // talked into confirming by injected text cannot change an order.
        const saidNo = decision === 'no' || isExplicitNo(context.customerText);
        if (saidNo) {
          await conversations.setPendingAction(context.conversationId, null);
          return {
            ok: true,
            dropped: pendingActionKind(action),
            ...(action.kind === 'order_change' ? { orderNumber: action.orderNumber } : {}),
          };
        }
        if (action.turnId === context.turnId || !isExplicitYes(context.customerText)) {
          return {
            error: 'needs_explicit_yes',
            suggestion: `Ask the customer to reply "yes" to confirm: ${action.description}`,
          };
        }
        await conversations.setPendingAction(context.conversationId, null);
        return carryOut(deps, who.customerId, action);
      },
    },
    deps,
  );
}
