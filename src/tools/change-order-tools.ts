import { z } from 'zod';
import { formatMoney } from '../domain/money.js';
import type { Swap } from '../domain/order-change.js';
import { CANCEL_REASONS, describePaymentMethod, type Order } from '../domain/retail.js';
import { addressLine } from './customer-view.js';
import {
  defineTool,
  ownOrder,
  type ToolDeps,
  type TurnContext,
  verifiedCustomer,
} from './define-tool.js';
import { escalate } from './escalation.js';
import { propose, proposeChange } from './pending-actions.js';
import { isFailure, type ToolFailure } from './results.js';

const orderNumber = z.string().describe('the order number, e.g. NW-100123 or #W2378156');
const paymentMethodId = z
  .string()
  .describe("the id of one of the customer's payment methods (get_customer_details lists them)");
const swapsSchema = z
  .array(
    z.object({
      sku: z.string().describe('the SKU of the item in the order'),
      newSku: z.string().describe('the SKU of the variant of the same product wanted instead'),
      quantity: z.number().int().min(1).optional().describe('how many units; all when omitted'),
    }),
  )
  .min(1)
  .describe('every item to change, all in one call: the change can be made once per order');
const DAY_MS = 86_400_000;

/** Units held of a SKU in the order. */
const unitsOf = (order: Order, sku: string) =>
  order.items.filter((i) => i.sku === sku).reduce((sum, i) => sum + i.quantity, 0);

const toSwaps = (order: Order, items: z.infer<typeof swapsSchema>): Swap[] =>
  items.map((i) => ({
    sku: i.sku,
    newSku: i.newSku,
    quantity: i.quantity ?? unitsOf(order, i.sku),
  }));

/** "you pay $4.10 more with PayPal" / "$3.00 back to gift card ...". */
async function settlement(
  deps: ToolDeps,
  customerId: string,
  methodId: string,
  differenceCents: number,
  currency: string,
): Promise<string> {
  if (differenceCents === 0) return 'no price difference';
  const customer = await deps.ports.commerce.customer(customerId);
  const method = customer?.paymentMethods[methodId];
  const how = method ? describePaymentMethod(method) : methodId;
  const amount = formatMoney(Math.abs(differenceCents), currency);
  return differenceCents > 0 ? `you pay ${amount} more with ${how}` : `${amount} back to ${how}`;
}

/** The failure for an order whose status rules a change out, with what to say. */
function statusFailure(
  order: Order,
  error: 'cannot_cancel' | 'not_pending' | 'already_shipped' | 'not_returnable',
  suggestion: string,
): ToolFailure {
  return { error, orderNumber: order.orderNumber, status: order.status, suggestion };
}

/** Delivered, within the return window, no return or exchange asked for yet; else why not. */
function returnableFailure(deps: ToolDeps, order: Order): ToolFailure | null {
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
  const deliveredAt = order.shipment?.deliveredAt;
  if (order.status !== 'delivered' || !deliveredAt)
    return statusFailure(
      order,
      'not_returnable',
      'Returns and exchanges start after delivery; explain the order status.',
    );
  const age = Math.floor((deps.now().getTime() - deliveredAt.getTime()) / DAY_MS);
  const window = deps.retail.returnWindowDays;
  if (age > window) {
    return {
      error: 'return_window_closed',
      deliveredDaysAgo: age,
      suggestion: `Explain returns and exchanges are accepted within ${window} days of delivery; offer a person for exceptions.`,
    };
  }
  return null;
}

/** One of the customer's orders that can be returned or exchanged now, or why not. */
async function returnableOrder(
  deps: ToolDeps,
  context: TurnContext,
  orderNumber: string,
): Promise<Order | ToolFailure> {
  const order = await ownOrder(deps, context, orderNumber);
  return isFailure(order) ? order : (returnableFailure(deps, order) ?? order);
}

/** A pending order that is not yet being prepared; else why not. */
function pendingFailure(order: Order, what: string): ToolFailure | null {
  if (order.status === 'pending' || order.status === 'pending (items modified)') return null;
  return order.status === 'processing'
    ? statusFailure(
        order,
        'not_pending',
        `Explain the order is already being prepared, so its ${what} can no longer change; offer a person.`,
      )
    : statusFailure(
        order,
        'already_shipped',
        `Explain the ${what} can no longer change (the order is ${order.status}).`,
      );
}

export function createCancelOrderTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'cancel_order',
      description:
        'Propose cancelling a pending order (not one being processed or shipped, nor one whose items were changed), ' +
        'with the reason the customer gives; the payment is refunded (a gift card at once). ' +
        'Nothing changes until the customer says yes in their next message (then call confirm_action).',
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
          return statusFailure(
            order,
            'cannot_cancel',
            order.status === 'processing'
              ? 'Explain the order is already being prepared and can no longer be cancelled; a return is possible after delivery, or offer a person.'
              : order.status === 'pending (items modified)'
                ? 'Explain an order whose items were changed can no longer be cancelled; offer a person.'
                : 'Explain it has already shipped or ended; a return may be possible after delivery.',
          );
        }
        return proposeChange(
          deps,
          context,
          order,
          { kind: 'cancel', reason: args.reason },
          () =>
            `cancel order ${order.orderNumber} (${order.items.length} item(s), ${formatMoney(order.totalCents, order.currency)}, ${args.reason}) and refund it to the original payment method`,
        );
      },
    },
    deps,
  );
}

export function createModifyItemsTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'modify_order_items',
      description:
        'Propose changing items of a pending order to other available variants of the same product ' +
        '(another size, colour, capacity...), settling the price difference with a payment method the ' +
        'customer picks (a gift card must cover it). Once per order, all items together: afterwards ' +
        'the order can no longer be changed or cancelled. Nothing changes until the customer says yes ' +
        'in their next message (then call confirm_action).',
      schema: z.object({ orderNumber, items: swapsSchema, paymentMethodId }),
      async run(args, context) {
        const order = await ownOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        if (order.status === 'pending (items modified)')
          return statusFailure(
            order,
            'not_pending',
            'Explain the items of an order can be changed once, and were already; offer a person.',
          );
        const notPending = pendingFailure(order, 'items');
        if (notPending) return notPending;
        const swaps = toSwaps(order, args.items);
        return proposeChange(
          deps,
          context,
          order,
          { kind: 'modify_items', swaps, paymentMethodId: args.paymentMethodId },
          async (difference) =>
            `change ${await describeSwaps(deps, order, swaps)} in order ${order.orderNumber} (${await settlement(deps, order.customerId, args.paymentMethodId, difference, order.currency)}); the order can then no longer be changed or cancelled`,
        );
      },
    },
    deps,
  );
}

export function createChangePaymentTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'change_payment_method',
      description:
        "Propose paying a pending order with another of the customer's payment methods (a gift card " +
        'must cover the whole order); the old method is refunded. Nothing changes until the customer ' +
        'says yes in their next message (then call confirm_action).',
      schema: z.object({ orderNumber, paymentMethodId }),
      async run(args, context) {
        const order = await ownOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        const notPending = pendingFailure(order, 'payment method');
        if (notPending) return notPending;
        const customer = await deps.ports.commerce.customer(order.customerId);
        const method = customer?.paymentMethods[args.paymentMethodId];
        return proposeChange(
          deps,
          context,
          order,
          { kind: 'change_payment', paymentMethodId: args.paymentMethodId },
          () =>
            `pay order ${order.orderNumber} (${formatMoney(order.totalCents, order.currency)}) with ${method ? describePaymentMethod(method) : args.paymentMethodId} instead, and refund the original payment`,
        );
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
        'Propose returning items of a delivered order (some or all, with quantities), within the ' +
        'return window, refunded to the original payment method or to one of the customer’s gift ' +
        'cards. Once per order. Nothing changes until the customer says yes in their next message ' +
        '(then call confirm_action).',
      schema: z.object({
        orderNumber,
        items: z
          .array(
            z.object({
              sku: z.string(),
              quantity: z.number().int().min(1).optional().describe('all units when omitted'),
            }),
          )
          .optional()
          .describe('which items; all items when omitted'),
        refundTo: paymentMethodId
          .optional()
          .describe('a gift card id, or the original payment method (the default)'),
        reason: z.string().optional(),
      }),
      async run(args, context) {
        const order = await returnableOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        const lines = args.items?.length
          ? args.items.map((i) => ({ sku: i.sku, quantity: i.quantity ?? unitsOf(order, i.sku) }))
          : mergeLines(order);
        const chosen = lines.flatMap((l) => {
          const item = order.items.find((i) => i.sku === l.sku);
          return item ? [{ item, quantity: l.quantity }] : [];
        });
        if (chosen.length === 0)
          return {
            error: 'items_not_in_order',
            suggestion: 'List the items of the order and ask which.',
          };
        const refundCents = chosen.reduce((sum, c) => sum + c.item.unitPriceCents * c.quantity, 0);
        // Decided here, not by the model: a large refund always goes to a person.
        if (refundCents > deps.handoff.refundApprovalLimitCents) {
          const queued = await escalate(
            deps,
            context,
            `refund of ${formatMoney(refundCents, order.currency)} for order ${order.orderNumber} is above the approval limit`,
            'high',
            'policy_restriction',
          );
          return { ...queued, needsApproval: true, orderNumber: order.orderNumber };
        }
        const refundTo =
          args.refundTo ?? order.payments.find((p) => p.kind === 'payment')?.methodId;
        if (!refundTo)
          return {
            error: 'unknown_payment_method',
            detail: 'the order has no payment on record',
            suggestion: 'Ask which of their gift cards the refund should go to, or offer a person.',
          };
        const customer = await deps.ports.commerce.customer(order.customerId);
        const method = customer?.paymentMethods[refundTo];
        const names = chosen.map((c) => `${c.quantity} × ${c.item.name}`);
        return proposeChange(
          deps,
          context,
          order,
          {
            kind: 'request_return',
            lines,
            reason: args.reason ?? 'return',
            paymentMethodId: refundTo,
          },
          () =>
            `return ${names.join(', ')} from order ${order.orderNumber}, ${formatMoney(refundCents, order.currency)} refunded to ${method ? describePaymentMethod(method) : refundTo}; we email a prepaid label`,
        );
      },
    },
    deps,
  );
}

/** Every item of the order, one line per SKU. */
function mergeLines(order: Order): { sku: string; quantity: number }[] {
  return [...new Set(order.items.map((i) => i.sku))].map((sku) => ({
    sku,
    quantity: unitsOf(order, sku),
  }));
}

export function createExchangeItemsTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'exchange_items',
      description:
        'Propose exchanging delivered items for other available variants of the same product (another ' +
        'size, colour, capacity...), within the return window, the price difference settled with a ' +
        'payment method the customer picks (a gift card must cover it). Once per order, all items ' +
        'together. Nothing changes until the customer says yes in their next message (then call confirm_action).',
      schema: z.object({
        orderNumber,
        items: swapsSchema,
        paymentMethodId,
        reason: z.string().optional(),
      }),
      async run(args, context) {
        const order = await returnableOrder(deps, context, args.orderNumber);
        if (isFailure(order)) return order;
        const swaps = toSwaps(order, args.items);
        return proposeChange(
          deps,
          context,
          order,
          {
            kind: 'request_exchange',
            swaps,
            reason: args.reason ?? 'exchange',
            paymentMethodId: args.paymentMethodId,
          },
          async (difference) =>
            `exchange ${await describeSwaps(deps, order, swaps)} from order ${order.orderNumber} (${await settlement(deps, order.customerId, args.paymentMethodId, difference, order.currency)}); we email a prepaid label for the items going back`,
        );
      },
    },
    deps,
  );
}

/** "1 × Water Bottle (B-1) for B-2 (color black, capacity 500ml)": the new variant by its options. */
async function describeSwaps(
  deps: ToolDeps,
  order: Order,
  swaps: readonly Swap[],
): Promise<string> {
  const parts = [];
  for (const s of swaps) {
    const item = order.items.find((i) => i.sku === s.sku);
    const product = item ? await deps.ports.commerce.catalog.byId(item.productId) : null;
    const options = product?.variants.find((v) => v.sku === s.newSku)?.options ?? {};
    const named = Object.entries(options)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
    parts.push(
      `${s.quantity} × ${item?.name ?? s.sku} (${s.sku}) for ${s.newSku}${named ? ` (${named})` : ''}`,
    );
  }
  return parts.join(', ');
}

const addressSchema = z.object({
  line1: z.string().min(3),
  line2: z.string().nullable().optional(),
  city: z.string().min(2),
  region: z.string().min(2),
  postalCode: z.string().min(3),
  country: z.string().min(2).default('US'),
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
        const notPending = pendingFailure(order, 'address');
        if (notPending) return notPending;
        const address = { ...args.address, line2: args.address.line2 ?? null };
        return proposeChange(
          deps,
          context,
          order,
          { kind: 'change_address', address },
          () => `send order ${order.orderNumber} to ${addressLine(address)}`,
        );
      },
    },
    deps,
  );
}

export function createChangeDefaultAddressTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'change_default_address',
      description:
        "Propose changing the customer's default address (for future orders; an existing order keeps " +
        'its own, see change_shipping_address). Nothing changes until the customer says yes in their ' +
        'next message (then call confirm_action).',
      schema: z.object({ address: addressSchema }),
      async run(args, context) {
        const who = await verifiedCustomer(deps, context);
        if (isFailure(who)) return who;
        const address = { ...args.address, line2: args.address.line2 ?? null };
        return propose(deps, context, {
          kind: 'change_default_address',
          address,
          description: `make ${addressLine(address)} your default address`,
        });
      },
    },
    deps,
  );
}
