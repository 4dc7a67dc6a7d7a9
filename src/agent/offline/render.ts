import type { ProfileFacts } from '../../domain/customer-profile.js';
import type { ProductCard } from '../../domain/outbound.js';
import type { Language } from '../../language/detect.js';
import type { OrderView } from '../../tools/order-view.js';
import type { StockAnswer, ToolFailure, ToolOutcome } from '../../tools/results.js';
import { PHRASES, type Phrases } from './phrases.js';

function statusWord(p: Phrases, status: string): string {
  return p.status[status] ?? status;
}

function orderLine(p: Phrases, order: OrderView): string {
  return `- ${order.orderNumber} (${order.placedOn}): ${statusWord(p, order.status)}, ${order.total}`;
}

function orderStatus(p: Phrases, order: OrderView): string {
  const parts = [`${order.orderNumber}: ${statusWord(p, order.status)}.`];
  const s = order.shipment;
  if (s && order.status === 'shipped')
    parts.push(
      p.shipped(s.carrier, s.trackingNumber, s.shippedOn, s.estimatedDelivery ?? undefined),
    );
  if (s?.deliveredOn && order.status !== 'shipped') parts.push(p.delivered(s.deliveredOn));
  return parts.join(' ');
}

function cardLines(p: Phrases, cards: ProductCard[]): string {
  return cards
    .map(
      (c) =>
        `- ${c.name}, ${c.price} (${p.stock[c.stock] ?? c.stock})${c.reason ? `: ${c.reason}` : ''}`,
    )
    .join('\n');
}

function failure(p: Phrases, result: ToolFailure): string {
  switch (result.error) {
    case 'not_verified':
      return p.notVerified;
    case 'no_answer':
      return p.noHelpAnswer;
    case 'verification_incomplete':
      return p.askVerifyOrder;
    case 'verification_failed':
      return p.verifyFailed;
    case 'too_many_attempts':
      return p.tooManyAttempts(result.retryAfterMinutes);
    case 'already_verified':
      return p.alreadyVerified;
    case 'order_not_found':
      return p.orderNotFound;
    case 'cannot_cancel':
    case 'already_shipped':
    case 'not_pending':
    case 'not_returnable':
      return p.cannotChange(result.orderNumber, statusWord(p, result.status));
    case 'wrong_status':
    case 'items_not_in_order':
    case 'not_a_variant':
    case 'variant_unavailable':
    case 'unknown_payment_method':
    case 'insufficient_balance':
    case 'not_original_method':
    case 'same_payment_method':
    case 'nothing_to_change':
    case 'not_supported':
    case 'no_longer_possible':
      return p.refused[result.error];
    case 'refused_by_shop':
      return p.shopRefused(result.detail ?? '');
    case 'return_window_closed':
      return p.returnWindowClosed(result.deliveredDaysAgo);
    case 'already_requested':
      return p.alreadyRequested(result.orderNumber, result.requested, result.requestedAt);
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
    case 'in_stock':
      return p.alreadyInStock;
    case 'no_such_variant':
      return p.variantMissing(result.product, Object.values(result.options).flat().join(', '));
    default:
      return p.problem;
  }
}

function stockAnswer(p: Phrases, result: StockAnswer): string {
  const name = [result.product, result.colour, result.size && p.inSize(result.size)]
    .filter(Boolean)
    .join(' ');
  if (result.quantity === 0)
    return `${p.outOfStock(name, result.restockDate ?? undefined)} ${p.offerNotice}`;
  const where = Object.entries(result.byLocation)
    .filter(([, quantity]) => quantity > 0)
    .map(([location, quantity]) => `${location} ${quantity}`)
    .join(', ');
  return p.inStock(name, where ? ` (${where})` : '');
}

/** A tool's answer as the sentences the customer reads. */
export function renderResult(outcome: ToolOutcome, language: Language): string {
  const p = PHRASES[language];
  if (!outcome.ok) return failure(p, outcome.result);
  const { result } = outcome;
  if ('confirmationRequired' in result) return p.confirm(result.description);
  if ('queued' in result)
    return [
      result.needsApproval ? `${p.refundNeedsApproval(result.orderNumber ?? '')} ` : '',
      p.escalated,
      !result.staffAtWork && result.personFrom ? p.personFrom(result.personFrom) : '',
    ].join('');
  switch (outcome.tool) {
    case 'verify_customer':
      return p.verified(
        outcome.result.firstName,
        rememberedText(outcome.result.remembered, language),
      );
    case 'list_my_orders': {
      const { orders } = outcome.result;
      return orders.length === 0
        ? p.noOrders
        : [p.ordersHeader, ...orders.map((o) => orderLine(p, o))].join('\n');
    }
    case 'get_order':
      return orderStatus(p, outcome.result.order);
    case 'confirm_action': {
      const answer = outcome.result;
      if ('dropped' in answer) return p.dropped(answer.orderNumber);
      if ('customer' in answer)
        return p.defaultAddressChanged(answer.customer.defaultAddress ?? '');
      const { order } = answer;
      switch (answer.done) {
        case 'cancel':
          return p.cancelled(order.orderNumber);
        case 'change_address':
          return p.addressChanged(order.orderNumber, order.shipTo);
        case 'modify_items':
          return p.itemsChanged(order.orderNumber);
        case 'change_payment':
          return p.paymentChanged(order.orderNumber);
        case 'request_exchange':
          return p.exchangeStarted(order.orderNumber);
        default:
          return p.returnStarted(order.orderNumber);
      }
    }
    case 'check_inventory':
      return stockAnswer(p, outcome.result);
    case 'search_products':
      return `${p.found}\n${cardLines(p, outcome.result.cards)}`;
    case 'recommend_products':
      return `${p.recommendations}\n${cardLines(p, outcome.result.cards)}`;
    case 'get_product': {
      const { product } = outcome.result;
      const options = Object.values(product.options).flat().join(', ');
      return `${product.name}, ${product.price}. ${product.description}${options ? ` (${options})` : ''}`;
    }
    case 'search_help_center': {
      const [best] = outcome.result.passages;
      return best ? p.helpAnswer(best.title, best.section, best.text, best.url) : p.noHelpAnswer;
    }
    case 'remember_preference':
      return p.remembered;
    case 'notify_when_back_in_stock': {
      const { product, options } = outcome.result;
      return p.willNotify(options ? `${product} (${options})` : product);
    }
    default:
      return p.problem;
  }
}

/** Remembered facts as a phrase: "size 42" / "42码". */
export function rememberedText(
  facts: ProfileFacts | undefined,
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
