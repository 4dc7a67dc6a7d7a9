import { z } from 'zod';
import type { OrderChange } from '../domain/order-change.js';
import type { PendingAction } from '../domain/pending-action.js';
import { isExplicitNo, isExplicitYes } from '../language/yes-no.js';
import { defineTool, type ToolDeps, type TurnContext, verifiedCustomer } from './define-tool.js';
import { orderView } from './order-view.js';
import { isFailure, type Proposed } from './results.js';

const CONFIRM_WITHIN_MS = 10 * 60_000;
export const RETURN_WINDOW_DAYS = 30;

/** A pending action as it is proposed: what the turn and the clock add come later. */
type Unproposed<A> = A extends PendingAction ? Omit<A, 'turnId' | 'expiresAt'> : never;
type Proposal = Unproposed<PendingAction>;

/** Stores the action and asks for a yes: nothing changes in this turn. */
export async function propose(
  deps: ToolDeps,
  context: TurnContext,
  action: Proposal,
): Promise<Proposed> {
  await deps.ports.conversations.setPendingAction(context.conversationId, {
    ...action,
    turnId: context.turnId,
    expiresAt: new Date(deps.now().getTime() + CONFIRM_WITHIN_MS),
  });
  return {
    ok: true,
    confirmationRequired: true,
    action: action.kind,
    orderNumber: action.orderNumber,
    description: action.description,
  };
}

/** The change to the order that a confirmed action makes. */
function orderChange(action: PendingAction): OrderChange {
  switch (action.kind) {
    case 'cancel_order':
      return { kind: 'cancel', reason: action.reason };
    case 'change_address':
      return { kind: 'change_address', address: action.address };
    case 'return_items':
      return {
        kind: 'request_return',
        request: { skus: action.skus, reason: action.reason, kind: action.returnKind },
      };
  }
}

export function createConfirmActionTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'confirm_action',
      description:
        'Carry out (decision "yes") or drop (decision "no") the cancellation, return or address change ' +
        'proposed in an earlier turn. Only when the customer has just answered yes or no to it.',
      schema: z.object({ decision: z.enum(['yes', 'no']) }),
      async run({ decision }, context) {
        const who = await verifiedCustomer(deps, context);
        if (isFailure(who)) return who;
        const { conversations, commerce } = deps.ports;
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
          return { ok: true, dropped: action.kind, orderNumber: action.orderNumber };
        }
        if (action.turnId === context.turnId || !isExplicitYes(context.customerText)) {
          return {
            error: 'needs_explicit_yes',
            suggestion: `Ask the customer to reply "yes" to confirm: ${action.description}`,
          };
        }
        await conversations.setPendingAction(context.conversationId, null);
        const order = await commerce.changeOrder(
          who.customerId,
          action.orderNumber,
          orderChange(action),
          deps.now(),
        );
        if (!order) {
          return {
            error: 'no_longer_possible',
            suggestion: 'The order changed meanwhile; show its status.',
          };
        }
        return { ok: true, done: action.kind, order: orderView(order) };
      },
    },
    deps,
  );
}
