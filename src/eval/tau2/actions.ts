import type { TauAction } from './tau2-data.js';

/** A Concierge tool call that does what one τ² action does. */
export interface ToolCall {
  name: string;
  args: Record<string, unknown>;
  /** A change: proposed first, carried out by confirm_action after the customer's yes. */
  confirms: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value : String(value ?? ''));
const texts = (value: unknown) => (Array.isArray(value) ? value.map(text) : []);

/** τ²'s lists of item ids, one per unit, as Concierge's swaps: units of a SKU for a new SKU. */
function swaps(args: Record<string, unknown>) {
  const from = texts(args.item_ids);
  const to = texts(args.new_item_ids);
  const grouped = new Map<string, { sku: string; newSku: string; quantity: number }>();
  from.forEach((sku, index) => {
    const newSku = to[index] ?? '';
    const key = `${sku}>${newSku}`;
    const swap = grouped.get(key) ?? { sku, newSku, quantity: 0 };
    swap.quantity++;
    grouped.set(key, swap);
  });
  return [...grouped.values()];
}

function units(args: Record<string, unknown>) {
  const counts = new Map<string, number>();
  for (const sku of texts(args.item_ids)) counts.set(sku, (counts.get(sku) ?? 0) + 1);
  return [...counts].map(([sku, quantity]) => ({ sku, quantity }));
}

const address = (args: Record<string, unknown>) => ({
  line1: text(args.address1),
  line2: text(args.address2) || null,
  city: text(args.city),
  region: text(args.state),
  postalCode: text(args.zip),
  country: text(args.country),
});

/**
 * The Concierge tool for a τ² action, with its arguments renamed; null when Concierge has no
 * tool for it. Whose data is read is never an argument: it is the conversation's verified
 * customer, so τ²'s `user_id` arguments are dropped.
 */
export function toolCallFor(action: TauAction): ToolCall | null {
  const a = action.arguments;
  const read = (name: string, args: Record<string, unknown>): ToolCall => ({
    name,
    args,
    confirms: false,
  });
  const change = (name: string, args: Record<string, unknown>): ToolCall => ({
    name,
    args,
    confirms: true,
  });
  switch (action.name) {
    case 'find_user_id_by_email':
      return read('verify_customer', { email: text(a.email) });
    case 'find_user_id_by_name_zip':
      return read('verify_customer', {
        name: `${text(a.first_name)} ${text(a.last_name)}`,
        postalCode: text(a.zip),
      });
    case 'get_user_details':
      return read('get_customer_details', {});
    case 'get_order_details':
      return read('get_order', { orderNumber: text(a.order_id) });
    case 'get_product_details':
      return read('get_product', { product: text(a.product_id) });
    case 'get_item_details':
      return read('get_product', { product: text(a.item_id) });
    case 'list_all_product_types':
      return read('list_product_types', {});
    case 'calculate':
      return read('calculate', { expression: text(a.expression) });
    case 'transfer_to_human_agents':
      return read('escalate_to_human', { reason: text(a.summary) || 'customer asked' });
    case 'cancel_pending_order':
      return change('cancel_order', { orderNumber: text(a.order_id), reason: text(a.reason) });
    case 'modify_pending_order_address':
      return change('change_shipping_address', {
        orderNumber: text(a.order_id),
        address: address(a),
      });
    case 'modify_pending_order_payment':
      return change('change_payment_method', {
        orderNumber: text(a.order_id),
        paymentMethodId: text(a.payment_method_id),
      });
    case 'modify_pending_order_items':
      return change('modify_order_items', {
        orderNumber: text(a.order_id),
        items: swaps(a),
        paymentMethodId: text(a.payment_method_id),
      });
    case 'return_delivered_order_items':
      return change('return_items', {
        orderNumber: text(a.order_id),
        items: units(a),
        refundTo: text(a.payment_method_id),
      });
    case 'exchange_delivered_order_items':
      return change('exchange_items', {
        orderNumber: text(a.order_id),
        items: swaps(a),
        paymentMethodId: text(a.payment_method_id),
      });
    case 'modify_user_address':
      return change('change_default_address', { address: address(a) });
    default:
      return null;
  }
}

/** τ²'s actions that identify the customer. */
export const FINDS_USER = new Set(['find_user_id_by_email', 'find_user_id_by_name_zip']);
