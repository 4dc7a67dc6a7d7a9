import { z } from 'zod';
import type { Address, Order } from '../commerce/types.js';
import { isExplicitNo, isExplicitYes } from '../language/yes-no.js';
import type { PendingAction } from '../store/repositories/conversations.js';
import {
  defineTool,
  isFailure,
  type ToolDeps,
  type TurnContext,
  verifiedCustomer,
} from './define-tool.js';
import { orderView } from './order-view.js';

const CONFIRM_WITHIN_MS = 10 * 60_000;
export const RETURN_WINDOW_DAYS = 30;

/** Stores the action and asks for a yes: nothing changes in this turn. */
export async function propose(
  deps: ToolDeps,
  context: TurnContext,
  action: Omit<PendingAction, 'turnId' | 'expiresAt'>,
) {
  await deps.store.conversations.setPendingAction(context.conversationId, {
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

async function execute(
  deps: ToolDeps,
  customerId: string,
  action: PendingAction,
): Promise<Order | null> {
  const { orders } = deps.store;
  const now = deps.now();
  if (action.kind === 'cancel_order') {
    const done = await orders.updateOwned(
      action.orderNumber,
      customerId,
      ['pending', 'processing'],
      {
        status: 'cancelled',
        cancelledAt: now,
        updatedAt: now,
      },
    );
    return done ? orders.findOwned(action.orderNumber, customerId) : null;
  }
  if (action.kind === 'change_address') {
    const done = await orders.updateOwned(
      action.orderNumber,
      customerId,
      ['pending', 'processing'],
      {
        shippingAddress: action.params.address as Address,
        updatedAt: now,
      },
    );
    return done ? orders.findOwned(action.orderNumber, customerId) : null;
  }
  const done = await orders.updateOwned(action.orderNumber, customerId, ['delivered'], {
    returnRequest: {
      skus: action.params.skus as string[],
      reason: String(action.params.reason),
      kind: action.params.kind === 'exchange' ? 'exchange' : 'return',
      requestedAt: now,
    },
    updatedAt: now,
  });
  return done ? orders.findOwned(action.orderNumber, customerId) : null;
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
        const conversation = await deps.store.conversations.findById(context.conversationId);
        const action = conversation?.pendingAction;
        if (!action || action.expiresAt < deps.now()) {
          return { error: 'nothing_to_confirm', suggestion: 'Ask what they would like to do.' };
        }
        // The yes must be the customer's own, in a later turn than the proposal: a model
        // talked into confirming by injected text cannot change an order.
        const saidNo = decision === 'no' || isExplicitNo(context.customerText);
        if (saidNo) {
          await deps.store.conversations.setPendingAction(context.conversationId, null);
          return { ok: true, dropped: action.kind, orderNumber: action.orderNumber };
        }
        if (action.turnId === context.turnId || !isExplicitYes(context.customerText)) {
          return {
            error: 'needs_explicit_yes',
            suggestion: `Ask the customer to reply "yes" to confirm: ${action.description}`,
          };
        }
        await deps.store.conversations.setPendingAction(context.conversationId, null);
        const order = await execute(deps, who.customerId, action);
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
