import type { Language } from '../../language/detect.js';
import { PHRASES, type Phrases } from './phrases.js';

/** A tool's JSON result as the sentences the customer reads. */
type Result = Record<string, unknown>;

interface OrderView {
  orderNumber: string;
  status: string;
  placedOn: string;
  total: string;
  shipTo: string;
  shipment: {
    carrier: string;
    trackingNumber: string;
    shippedOn: string;
    estimatedDelivery: string | null;
    deliveredOn: string | null;
  } | null;
  returnRequest: { kind: string } | null;
}

interface Card {
  name: string;
  price: string;
  stock: string;
  reason?: string;
}

function orderLine(p: Phrases, order: OrderView): string {
  return `- ${order.orderNumber} (${order.placedOn}): ${p.status[order.status] ?? order.status}, ${order.total}`;
}

function orderStatus(p: Phrases, order: OrderView): string {
  const parts = [`${order.orderNumber}: ${p.status[order.status] ?? order.status}.`];
  const s = order.shipment;
  if (s && order.status === 'shipped')
    parts.push(
      p.shipped(s.carrier, s.trackingNumber, s.shippedOn, s.estimatedDelivery ?? undefined),
    );
  if (s?.deliveredOn && order.status !== 'shipped') parts.push(p.delivered(s.deliveredOn));
  return parts.join(' ');
}

function cardLines(p: Phrases, cards: Card[]): string {
  return cards
    .map(
      (c) =>
        `- ${c.name}, ${c.price} (${p.stock[c.stock] ?? c.stock})${c.reason ? `: ${c.reason}` : ''}`,
    )
    .join('\n');
}

function failure(p: Phrases, result: Result): string {
  switch (result.error) {
    case 'not_verified':
      return p.notVerified;
    case 'verification_failed':
      return p.verifyFailed;
    case 'too_many_attempts':
      return p.tooManyAttempts;
    case 'order_not_found':
      return p.orderNotFound;
    case 'cannot_cancel':
    case 'already_shipped':
    case 'not_returnable':
      return p.cannotChange(
        String(result.orderNumber ?? ''),
        p.status[String(result.status)] ?? String(result.status),
      );
    case 'return_window_closed':
      return p.returnWindowClosed(Number(result.deliveredDaysAgo));
    case 'needs_explicit_yes':
      return p.needsYes;
    case 'nothing_to_confirm':
      return p.nothingToConfirm;
    case 'no_matches':
    case 'no_recommendations':
    case 'nothing_to_refine':
    case 'no_such_position':
      return p.noMatches;
    case 'product_not_found':
      return p.productNotFound;
    case 'no_such_variant':
      return p.variantMissing(
        String(result.product),
        [...(result.sizes as string[]), ...(result.colours as string[])].join(', '),
      );
    default:
      return p.problem;
  }
}

function stockAnswer(p: Phrases, result: Result): string {
  const name = [result.product, result.colour, result.size && p.inSize(String(result.size))]
    .filter(Boolean)
    .join(' ');
  if (Number(result.quantity) === 0)
    return p.outOfStock(name, (result.restockDate as string | null) ?? undefined);
  const where = Object.entries(result.byLocation as Record<string, number>)
    .filter(([, quantity]) => quantity > 0)
    .map(([location, quantity]) => `${location} ${quantity}`)
    .join(', ');
  return p.inStock(name, where ? ` (${where})` : '');
}

export function renderResult(tool: string, result: Result, language: Language): string {
  const p = PHRASES[language];
  if ('error' in result) return failure(p, result);
  if (result.confirmationRequired) return p.confirm(String(result.description));
  if (result.queued)
    return [
      result.needsApproval ? `${p.refundNeedsApproval(String(result.orderNumber))} ` : '',
      p.escalated,
      result.staffAtWork === false ? p.personFrom(String(result.personFrom)) : '',
    ].join('');
  switch (tool) {
    case 'verify_customer': {
      const facts = result.remembered as Record<string, unknown>;
      return p.verified(String(result.firstName), rememberedText(facts, language));
    }
    case 'list_my_orders': {
      const orders = result.orders as OrderView[];
      return orders.length === 0
        ? p.noOrders
        : [p.ordersHeader, ...orders.map((o) => orderLine(p, o))].join('\n');
    }
    case 'get_order':
      return orderStatus(p, result.order as OrderView);
    case 'confirm_action': {
      if (result.dropped) return p.dropped(String(result.orderNumber));
      const order = result.order as OrderView;
      if (result.done === 'cancel_order') return p.cancelled(order.orderNumber);
      if (result.done === 'change_address')
        return p.addressChanged(order.orderNumber, order.shipTo);
      return p.returnStarted(order.orderNumber);
    }
    case 'check_inventory':
      return stockAnswer(p, result);
    case 'search_products':
      return `${p.found}\n${cardLines(p, result.cards as Card[])}`;
    case 'recommend_products':
      return `${p.recommendations}\n${cardLines(p, result.cards as Card[])}`;
    case 'get_product': {
      const product = result.product as {
        name: string;
        price: string;
        description: string;
        sizes: string[];
        colours: string[];
      };
      const options = [...product.sizes, ...product.colours].join(', ');
      return `${product.name}, ${product.price}. ${product.description}${options ? ` (${options})` : ''}`;
    }
    case 'store_policy':
      return p.policy(
        String(result.topic),
        String(result.text).split('\n\n')[0]?.replace(/\n/g, ' ') ?? '',
      );
    case 'remember_preference':
      return p.remembered;
    default:
      return p.problem;
  }
}

/** Remembered facts as a phrase: "size 42" / "42码". */
export function rememberedText(
  facts: Record<string, unknown> | undefined,
  language: Language,
): string | undefined {
  if (!facts) return undefined;
  const parts: string[] = [];
  if (facts.shoeSize)
    parts.push(language === 'zh' ? `您穿${facts.shoeSize}码的鞋` : `shoe size ${facts.shoeSize}`);
  if (facts.apparelSize)
    parts.push(
      language === 'zh' ? `衣服${facts.apparelSize}码` : `clothing size ${facts.apparelSize}`,
    );
  return parts.length > 0 ? parts.join(language === 'zh' ? '，' : ' and ') : undefined;
}
