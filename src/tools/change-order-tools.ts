import { z } from 'zod';
import { formatMoney } from '../domain/money.js';
import { CANCEL_REASONS } from '../domain/retail.js';
import { defineTool, ownOrder, type ToolDeps } from './define-tool.js';
import { escalate } from './escalation.js';
import { propose, RETURN_WINDOW_DAYS } from './pending-actions.js';
import { isFailure } from './results.js';

const orderNumber = z.string().describe('the order number, e.g. NW-100123');
const DAY_MS = 86_400_000;

export function createCancelOrderTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'cancel_order',
      description:
        'Propose cancelling a pending order (not one being processed or shipped), with the reason the ' +
        'customer gives. Nothing changes until the customer says yes in their next message (then call confirm_action).',
      schema: z.object({
        orderNumber,
        reason: z
          .enum(CANCEL_REASONS)
          .describe('why the customer cancels; ask them when they have not said'),
      }),
      async run(args, context) {
        const order = await ownOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        if (order.status !== 'pending') {
          return {
            error: 'cannot_cancel',
            orderNumber: order.orderNumber,
            status: order.status,
            suggestion:
              order.status === 'processing'
                ? 'Explain the order is already being prepared and can no longer be cancelled; a return is possible after delivery, or offer a person.'
                : 'Explain it has already shipped or ended; a return may be possible after delivery.',
          };
        }
        return propose(deps, context, {
          kind: 'cancel_order',
          orderNumber: order.orderNumber,
          reason: args.reason,
          description: `cancel order ${order.orderNumber} (${order.items.length} item(s), ${formatMoney(order.totalCents, order.currency)}, ${args.reason}) and refund it`,
        });
      },
    },
    deps,
  );
}

export function createReturnItemsTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'return_items',
      description:
        `Propose returning or exchanging items of a delivered order, within ${RETURN_WINDOW_DAYS} days of delivery. ` +
        'Nothing changes until the customer says yes in their next message (then call confirm_action).',
      schema: z.object({
        orderNumber,
        skus: z.array(z.string()).optional().describe('which items; all items when omitted'),
        kind: z.enum(['return', 'exchange']).optional(),
        reason: z.string().optional(),
      }),
      async run(args, context) {
        const order = await ownOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        const deliveredAt = order.shipment?.deliveredAt;
        if (order.status !== 'delivered' || !deliveredAt) {
          return {
            error: 'not_returnable',
            orderNumber: order.orderNumber,
            status: order.status,
            suggestion: 'Returns start after delivery; explain the order status.',
          };
        }
        if (order.returnRequest) {
          return {
            error: 'already_requested',
            orderNumber: order.orderNumber,
            requested: order.returnRequest.kind,
            requestedAt: order.returnRequest.requestedAt.toISOString().slice(0, 10),
            suggestion:
              'Say a return or exchange was already asked for on this order (one per order), and offer a person for anything more.',
          };
        }
        const age = Math.floor((deps.now().getTime() - deliveredAt.getTime()) / DAY_MS);
        if (age > RETURN_WINDOW_DAYS) {
          return {
            error: 'return_window_closed',
            deliveredDaysAgo: age,
            suggestion: `Explain returns are accepted within ${RETURN_WINDOW_DAYS} days of delivery; offer a person for exceptions.`,
          };
        }
        const skus = args.skus?.length
          ? order.items.filter((i) => args.skus?.includes(i.sku)).map((i) => i.sku)
          : order.items.map((i) => i.sku);
        if (skus.length === 0)
          return {
            error: 'items_not_in_order',
            suggestion: 'List the items of the order and ask which.',
          };
        const kind = args.kind ?? 'return';
        const chosen = order.items.filter((i) => skus.includes(i.sku));
        const refundCents = chosen.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0);
        // Decided here, not by the model: a large refund always goes to a person.
        if (kind === 'return' && refundCents > deps.handoff.refundApprovalLimitCents) {
          const queued = await escalate(
            deps,
            context,
            `refund of ${formatMoney(refundCents, order.currency)} for order ${order.orderNumber} is above the approval limit`,
            'high',
          );
          return { ...queued, needsApproval: true, orderNumber: order.orderNumber };
        }
        const names = chosen.map((i) => i.name);
        return propose(deps, context, {
          kind: 'return_items',
          orderNumber: order.orderNumber,
          description: `${kind === 'exchange' ? 'exchange' : 'return'} ${names.join(', ')} from order ${order.orderNumber}; we email a prepaid label`,
          skus,
          returnKind: kind,
          reason: args.reason ?? kind,
        });
      },
    },
    deps,
  );
}

const addressSchema = z.object({
  line1: z.string().min(3),
  line2: z.string().nullable().optional(),
  city: z.string().min(2),
  region: z.string().min(2),
  postalCode: z.string().min(3),
  country: z.string().length(2).default('US'),
});

export function createChangeAddressTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'change_shipping_address',
      description:
        'Propose sending a pending order (not yet being prepared) to another address, with a second ' +
        'address line when there is one. Nothing changes until the customer says yes in their next ' +
        'message (then call confirm_action).',
      schema: z.object({ orderNumber, address: addressSchema }),
      async run(args, context) {
        const order = await ownOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        if (order.status === 'processing') {
          return {
            error: 'not_pending',
            orderNumber: order.orderNumber,
            status: order.status,
            suggestion:
              'Explain the order is already being prepared, so its address can no longer change; offer a person.',
          };
        }
        if (order.status !== 'pending') {
          return {
            error: 'already_shipped',
            orderNumber: order.orderNumber,
            status: order.status,
            suggestion: 'Explain the address can no longer change; offer the tracking number.',
          };
        }
        const address = { ...args.address, line2: args.address.line2 ?? null };
        const street = address.line2 ? `${address.line1}, ${address.line2}` : address.line1;
        return propose(deps, context, {
          kind: 'change_address',
          orderNumber: order.orderNumber,
          description: `send order ${order.orderNumber} to ${street}, ${address.city}, ${address.region} ${address.postalCode}`,
          address,
        });
      },
    },
    deps,
  );
}
