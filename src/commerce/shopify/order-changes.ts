import { z } from 'zod';
import type { ChangeRefusal, OrderChange } from '../../domain/order-change.js';
import type { Order } from '../../domain/retail.js';
import type { ShopifyAdminApi } from './admin-api.js';
import {
  JOB,
  ORDER_BY_ID,
  ORDER_CANCEL,
  ORDER_EDIT_ADD_VARIANT,
  ORDER_EDIT_BEGIN,
  ORDER_EDIT_COMMIT,
  ORDER_EDIT_SET_QUANTITY,
  ORDER_UPDATE,
  RETURN_CREATE,
  RETURN_REQUEST,
} from './documents.js';
import { type OrderNode, orderNode, toMailingAddressInput, userErrors } from './records.js';

/** What Concierge asks Shopify to do for a change the customer said yes to. */
export interface ShopifyChangeTarget {
  /** The order as Shopify holds it (its line and fulfilment ids). */
  node: OrderNode;
  order: Order;
  /** A variant's Shopify id by SKU (for item changes and exchanges). */
  variantId(sku: string): Promise<string | null>;
}

const refusedByShop = (messages: readonly { message: string }[]): ChangeRefusal => ({
  refused: 'refused_by_shop',
  detail: messages.map((m) => m.message).join('; '),
});

const NOTE = 'Asked for by the customer in a Concierge conversation';
const JOB_POLLS = 10;
const JOB_POLL_MS = 500;

/**
 * Carries out a planned change through the Admin API. Shopify checks it again and its word is
 * final: its `userErrors` come back as a refusal in its own words, never as done.
 */
export async function applyInShopify(
  api: ShopifyAdminApi,
  target: ShopifyChangeTarget,
  change: OrderChange,
): Promise<ChangeRefusal | null> {
  const orderId = target.node.id;
  switch (change.kind) {
    case 'cancel':
      return cancel(api, orderId, change.reason);
    case 'change_address': {
      const { orderUpdate } = await api.request(
        ORDER_UPDATE,
        { input: { id: orderId, shippingAddress: toMailingAddressInput(change.address) } },
        z.object({ orderUpdate: z.object({ userErrors }) }),
      );
      return orderUpdate.userErrors.length > 0 ? refusedByShop(orderUpdate.userErrors) : null;
    }
    case 'change_payment':
      return {
        refused: 'not_supported',
        detail: 'Shopify does not let an app change the payment method of a placed order',
      };
    case 'modify_items':
      return editItems(api, target, change.swaps);
    case 'request_return':
    case 'request_exchange':
      return requestReturn(api, target, change);
  }
}

async function cancel(
  api: ShopifyAdminApi,
  orderId: string,
  reason: string,
): Promise<ChangeRefusal | null> {
  const { orderCancel } = await api.request(
    ORDER_CANCEL,
    { orderId, reason: 'CUSTOMER', staffNote: `${NOTE}: ${reason}` },
    z.object({
      orderCancel: z.object({
        job: z.object({ id: z.string(), done: z.boolean() }).nullable(),
        orderCancelUserErrors: userErrors,
      }),
    }),
  );
  if (orderCancel.orderCancelUserErrors.length > 0)
    return refusedByShop(orderCancel.orderCancelUserErrors);
  // Shopify cancels in a background job: the customer hears "done" once it is.
  let job = orderCancel.job;
  for (let i = 0; job && !job.done && i < JOB_POLLS; i++) {
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
    ({ job } = await api.request(
      JOB,
      { id: job.id },
      z.object({ job: z.object({ id: z.string(), done: z.boolean() }).nullable() }),
    ));
  }
  if (job && !job.done) {
    const { order } = await api.request(
      ORDER_BY_ID,
      { id: orderId },
      z.object({ order: orderNode.nullable() }),
    );
    if (!order?.cancelledAt)
      return {
        refused: 'refused_by_shop',
        detail: 'Shopify has not finished cancelling the order yet; check again in a minute',
      };
  }
  return null;
}

const editPayload = z.object({
  calculatedOrder: z.object({ id: z.string() }).nullable(),
  userErrors,
});

async function editItems(
  api: ShopifyAdminApi,
  target: ShopifyChangeTarget,
  swaps: readonly { sku: string; quantity: number; newSku: string }[],
): Promise<ChangeRefusal | null> {
  const begun = await api.request(
    ORDER_EDIT_BEGIN,
    { id: target.node.id },
    z.object({
      orderEditBegin: z.object({
        calculatedOrder: z
          .object({
            id: z.string(),
            lineItems: z.object({
              nodes: z.array(
                z.object({
                  id: z.string(),
                  quantity: z.number().int(),
                  variant: z.object({ id: z.string() }).nullable(),
                }),
              ),
            }),
          })
          .nullable(),
        userErrors,
      }),
    }),
  );
  const calculated = begun.orderEditBegin.calculatedOrder;
  if (!calculated || begun.orderEditBegin.userErrors.length > 0)
    return refusedByShop(begun.orderEditBegin.userErrors);
  const lines = calculated.lineItems.nodes.map((l) => ({ ...l }));
  for (const swap of swaps) {
    const [oldVariant, newVariant] = await Promise.all([
      target.variantId(swap.sku),
      target.variantId(swap.newSku),
    ]);
    const line = lines.find((l) => l.variant?.id === oldVariant && l.quantity >= swap.quantity);
    if (!line || !newVariant)
      return {
        refused: 'items_not_in_order',
        detail: `${swap.sku} is not on the order as Shopify has it`,
      };
    line.quantity -= swap.quantity;
    const steps: [string, Record<string, unknown>, string][] = [
      [
        ORDER_EDIT_SET_QUANTITY,
        { id: calculated.id, lineItemId: line.id, quantity: line.quantity },
        'orderEditSetQuantity',
      ],
      [
        ORDER_EDIT_ADD_VARIANT,
        { id: calculated.id, variantId: newVariant, quantity: swap.quantity },
        'orderEditAddVariant',
      ],
    ];
    for (const [document, variables, field] of steps) {
      const result = await api.request(document, variables, z.object({ [field]: editPayload }));
      const payload = result[field] as z.infer<typeof editPayload>;
      if (payload.userErrors.length > 0) return refusedByShop(payload.userErrors);
    }
  }
  const { orderEditCommit } = await api.request(
    ORDER_EDIT_COMMIT,
    { id: calculated.id, staffNote: NOTE },
    z.object({
      orderEditCommit: z.object({ order: z.object({ id: z.string() }).nullable(), userErrors }),
    }),
  );
  return orderEditCommit.userErrors.length > 0 ? refusedByShop(orderEditCommit.userErrors) : null;
}

/** The fulfilled units of each SKU, as Shopify's fulfilment line items to return. */
function fulfilledLines(
  target: ShopifyChangeTarget,
  lines: readonly { sku: string; quantity: number }[],
  note: string,
): { fulfillmentLineItemId: string; quantity: number }[] | ChangeRefusal {
  const skuOfLine = new Map(
    target.node.lineItems.nodes.map((l) => [
      l.id,
      l.variant?.sku || l.variant?.id || l.sku || l.id,
    ]),
  );
  const out: { fulfillmentLineItemId: string; quantity: number; customerNote?: string }[] = [];
  for (const wanted of lines) {
    let left = wanted.quantity;
    for (const f of target.node.fulfillments)
      for (const fl of f.fulfillmentLineItems.nodes) {
        if (left === 0 || skuOfLine.get(fl.lineItem.id) !== wanted.sku) continue;
        const take = Math.min(left, fl.quantity);
        out.push({ fulfillmentLineItemId: fl.id, quantity: take, customerNote: note });
        left -= take;
      }
    if (left > 0)
      return {
        refused: 'items_not_in_order',
        detail: `${wanted.sku} was not delivered ${wanted.quantity} times`,
      };
  }
  return out;
}

async function requestReturn(
  api: ShopifyAdminApi,
  target: ShopifyChangeTarget,
  change: Extract<OrderChange, { kind: 'request_return' | 'request_exchange' }>,
): Promise<ChangeRefusal | null> {
  const lines = change.kind === 'request_return' ? change.lines : change.swaps;
  const returned = fulfilledLines(target, lines, change.reason.slice(0, 300));
  if ('refused' in returned) return returned;
  const payload = z.object({ return: z.object({ id: z.string() }).nullable(), userErrors });
  if (change.kind === 'request_return') {
    // A request, as a customer makes it in the shop's own portal: staff approve it there.
    const { returnRequest } = await api.request(
      RETURN_REQUEST,
      { input: { orderId: target.node.id, returnLineItems: returned } },
      z.object({ returnRequest: payload }),
    );
    return returnRequest.userErrors.length > 0 ? refusedByShop(returnRequest.userErrors) : null;
  }
  // Shopify takes exchange items only on a return it opens at once.
  const exchangeLineItems = [];
  for (const swap of change.swaps) {
    const variantId = await target.variantId(swap.newSku);
    if (!variantId)
      return { refused: 'not_a_variant', detail: `${swap.newSku} is not in the shop` };
    exchangeLineItems.push({ variantId, quantity: swap.quantity });
  }
  const { returnCreate } = await api.request(
    RETURN_CREATE,
    {
      returnInput: {
        orderId: target.node.id,
        returnLineItems: returned.map(({ fulfillmentLineItemId, quantity }) => ({
          fulfillmentLineItemId,
          quantity,
          returnReasonNote: change.reason.slice(0, 255),
        })),
        exchangeLineItems,
        notifyCustomer: true,
      },
    },
    z.object({ returnCreate: payload }),
  );
  return returnCreate.userErrors.length > 0 ? refusedByShop(returnCreate.userErrors) : null;
}
