import { z } from 'zod';
import { ORDER_STATUSES } from '../domain/retail.js';
import { defineTool, ownOrder, type ToolDeps, verifiedCustomer } from './define-tool.js';
import { orderView } from './order-view.js';
import { isFailure } from './results.js';

const orderNumber = z.string().describe('the order number, e.g. NW-100123');

export function createListOrdersTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'list_my_orders',
      description:
        "List the verified customer's recent orders, newest first, optionally by status.",
      schema: z.object({
        status: z.enum(ORDER_STATUSES).optional().describe('only orders in this status'),
        limit: z.number().int().min(1).max(20).optional(),
      }),
      async run({ status, limit }, context) {
        const who = await verifiedCustomer(deps, context);
        if (isFailure(who)) return who;
        const orders = await deps.ports.commerce.ordersOf(who.customerId, 50);
        const shown = orders.filter((o) => !status || o.status === status).slice(0, limit ?? 5);
        return { ok: true, orders: shown.map(orderView) };
      },
    },
    deps,
  );
}

export function createGetOrderTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'get_order',
      description:
        "Details of one of the verified customer's orders: status, items, tracking, delivery.",
      schema: z.object({ orderNumber }),
      async run(args, context) {
        const order = await ownOrder(deps, context, args.orderNumber);
        return isFailure(order) ? order : { ok: true, order: orderView(order) };
      },
    },
    deps,
  );
}
