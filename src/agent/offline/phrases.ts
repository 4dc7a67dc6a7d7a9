import type { ChangeRefusal } from '../../domain/order-change.js';
import type { Language } from '../../language/detect.js';
import { NOTICES } from '../../language/notices.js';

/** Everything the offline model says, in each language it speaks. */
export interface Phrases {
  greeting(name?: string, remembered?: string): string;
  thanks: string;
  bye: string;
  clarify: string;
  askOrderNumber(action: string): string;
  askVerifyOrder: string;
  askAddress: string;
  askProduct: string;
  verified(name: string, remembered?: string): string;
  verifyFailed: string;
  tooManyAttempts(minutes: number): string;
  alreadyVerified: string;
  notVerified: string;
  orderNotFound: string;
  noOrders: string;
  ordersHeader: string;
  confirm(description: string): string;
  cancelled(order: string): string;
  returnStarted(order: string): string;
  exchangeStarted(order: string): string;
  itemsChanged(order: string): string;
  paymentChanged(order: string): string;
  defaultAddressChanged(to: string): string;
  /** Which item and which of its options, with the options there are. */
  askExchangeTarget(options?: string): string;
  noGiftCard: string;
  addressChanged(order: string, to: string): string;
  /** No order for a change to the customer's own details. */
  dropped(order?: string): string;
  needsYes: string;
  nothingToConfirm: string;
  cannotChange(order: string, status: string): string;
  /** Why a change cannot be made, by the refusal's code; nothing was changed. */
  refused: Record<
    Exclude<ChangeRefusal['refused'], 'refused_by_shop'> | 'no_longer_possible',
    string
  >;
  /** The commerce platform refused the change; `reason` is its own words, in English. */
  shopRefused(reason: string): string;
  returnWindowClosed(days: number): string;
  alreadyRequested(order: string, kind: 'return' | 'exchange', on: string): string;
  found: string;
  noMatches: string;
  recommendations: string;
  inSize(size: string): string;
  inStock(product: string, where: string): string;
  outOfStock(product: string, restock?: string): string;
  /** After "out of stock": the customer may ask to hear when it is back. */
  offerNotice: string;
  willNotify(product: string): string;
  alreadyInStock: string;
  variantMissing(product: string, options: string): string;
  productNotFound: string;
  /** A help-centre passage, quoted with its article's title and link. */
  helpAnswer(title: string, section: string, text: string, url: string | null): string;
  /** The help centre has nothing on it: said honestly, with a person offered. */
  noHelpAnswer: string;
  remembered: string;
  escalated: string;
  /** Appended outside business hours. */
  personFrom(when: string): string;
  /** Before `escalated` when a refund needs a person's approval. */
  refundNeedsApproval(order: string): string;
  /** The apology of `src/language/notices.ts`, for a request the offline model cannot serve. */
  problem: string;
  status: Record<string, string>;
  stock: Record<string, string>;
  shipped(carrier: string, tracking: string, on: string, eta?: string): string;
  delivered(on: string): string;
}

const en: Phrases = {
  greeting: (name, remembered) =>
    name
      ? `Welcome back, ${name}!${remembered ? ` I still have you down for ${remembered}.` : ''} How can I help today?`
      : 'Hello! I can help with your orders, stock, products and our policies. What can I do for you?',
  thanks: "You're welcome! Anything else I can help with?",
  bye: 'Thanks for stopping by. Have a great day!',
  clarify:
    "Sorry, I didn't quite get that. Could you tell me a bit more, for example an order number or the product you mean?",
  askOrderNumber: (action) =>
    `Which order would you like to ${action}? Please give me the order number (like NW-100123).`,
  askVerifyOrder: 'Thanks! To verify you, please also give me the number of one of your orders.',
  askAddress:
    'Which order should go where? Please give the order number and the new address, like "12 Pine Rd, Boise, ID 83702".',
  askProduct: 'Which product do you mean? A name or a few words about it is enough.',
  verified: (name, remembered) =>
    `Thanks, ${name}, you're verified.${remembered ? ` I remember ${remembered}.` : ''}`,
  verifyFailed:
    "That email address and order number don't match an account I can find. Could you check both and try again?",
  tooManyAttempts: (minutes) =>
    `There have been too many verification attempts. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}, or ask for a person.`,
  alreadyVerified:
    'This conversation is already verified for another account. To use a different account, please start a new conversation.',
  notVerified:
    'Before I can look at your orders, please tell me your email address and one of your order numbers.',
  orderNotFound: "I couldn't find an order with that number on your account.",
  noOrders: "I don't see any orders on your account yet.",
  ordersHeader: 'Here are your recent orders:',
  confirm: (description) =>
    `Just to confirm: ${description}. Reply "yes" to go ahead or "no" to leave it as it is.`,
  cancelled: (order) =>
    `Done: order ${order} is cancelled. The refund reaches your payment method within 5 to 10 business days.`,
  returnStarted: (order) =>
    `Done: your return for order ${order} is started. A prepaid label is on its way to your email.`,
  exchangeStarted: (order) =>
    `Done: the exchange for order ${order} is started. We've emailed you a prepaid label for the items going back; the new ones ship when they arrive.`,
  itemsChanged: (order) =>
    `Done: the items of order ${order} are changed. It can no longer be changed or cancelled.`,
  paymentChanged: (order) =>
    `Done: order ${order} is now paid with the new method, and the original payment is refunded.`,
  defaultAddressChanged: (to) => `Done: your default address is now ${to}.`,
  askExchangeTarget: (options) =>
    `Which item would you like to change, and to which variant? Say the size, colour or other option${options ? ` (${options})` : ''}.`,
  noGiftCard:
    "I don't see a gift card on your account, so a refund goes back to the original payment method. Shall I do that?",
  addressChanged: (order, to) => `Done: order ${order} will now ship to ${to}.`,
  dropped: (order) =>
    order ? `OK, I've left order ${order} as it is.` : "OK, I've left everything as it is.",
  needsYes: 'To make that change I need a clear "yes" from you. Shall I go ahead?',
  nothingToConfirm:
    "There's nothing waiting for your confirmation right now. What can I do for you?",
  cannotChange: (order, status) =>
    `Order ${order} is already ${status}, so I can't change it that way.`,
  refused: {
    wrong_status: 'That order can no longer be changed this way; nothing was changed.',
    items_not_in_order:
      "That order doesn't have those items (or not that many). Which items do you mean?",
    not_a_variant: 'An item can only be changed to another version of the same product.',
    variant_unavailable:
      "That version isn't available right now; I can show you the ones that are.",
    unknown_payment_method: "I can't find that payment method on your account.",
    insufficient_balance:
      "That gift card doesn't hold enough for this. Would you like to use another payment method?",
    not_original_method:
      'A refund goes back to the original payment method, or to one of your gift cards.',
    same_payment_method: 'The order is already paid that way.',
    nothing_to_change: "There's nothing to change there.",
    not_supported:
      "The shop doesn't allow that change here, so nothing was changed. I can ask a person to help if you like.",
    no_longer_possible:
      "The order changed in the meantime, so I couldn't do that; nothing was changed.",
  },
  shopRefused: (reason) =>
    `The shop's system didn't accept that change ("${reason}"), so nothing was changed. I can ask a person to look at it if you like.`,
  returnWindowClosed: (days) =>
    `That order was delivered ${days} days ago; returns are accepted within 30 days of delivery. I can ask a person to look at it if you like.`,
  alreadyRequested: (order, kind, on) =>
    `${kind === 'exchange' ? 'An exchange' : 'A return'} was already requested for order ${order} on ${on}, and an order takes one. I can ask a person to help with anything more.`,
  found: "Here's what I found:",
  noMatches:
    "I couldn't find anything matching that. Could you try other words or a higher price limit?",
  recommendations: 'You might like:',
  inSize: (size) => `in size ${size}`,
  inStock: (product, where) => `Yes, the ${product} is in stock${where}.`,
  outOfStock: (product, restock) =>
    `Sorry, the ${product} is out of stock${restock ? `; we expect it back on ${restock}` : ''}.`,
  offerNotice: 'Say "let me know when it\'s back" and I will message you here once it is.',
  willNotify: (product) => `Done: I will message you here once the ${product} is back in stock.`,
  alreadyInStock: 'Good news: it is in stock right now. Shall I check where?',
  variantMissing: (product, options) =>
    `The ${product} doesn't come in that option. It comes in ${options}.`,
  productNotFound: "I couldn't find that product. Could you give me its name or describe it?",
  helpAnswer: (title, section, text, url) =>
    `From our help centre, "${title}"${section !== title ? `, ${section}` : ''}:\n\n${text}${url ? `\n\nMore: ${url}` : ''}`,
  noHelpAnswer:
    "I couldn't find that in our help centre, and it isn't something I can do here. Shall I get a person to help you?",
  remembered: "Got it, I'll remember that for next time.",
  escalated:
    "I've asked a person from our team to join. They'll reply right here as soon as they can.",
  personFrom: (when) => ` Our team is away right now and back on ${when}.`,
  refundNeedsApproval: (order) =>
    `A refund of that size on order ${order} needs a colleague's approval.`,
  problem: NOTICES.en.problem,
  status: {
    pending: 'pending',
    'pending (items modified)': 'pending (items changed)',
    processing: 'being prepared',
    shipped: 'shipped',
    delivered: 'delivered',
    'return requested': 'delivered, return requested',
    'exchange requested': 'delivered, exchange requested',
    cancelled: 'cancelled',
    returned: 'returned',
  },
  stock: { in_stock: 'in stock', low: 'only a few left', out_of_stock: 'out of stock' },
  shipped: (carrier, tracking, on, eta) =>
    `It shipped on ${on} with ${carrier}, tracking number ${tracking}${eta ? `; expected by ${eta}` : ''}.`,
  delivered: (on) => `It was delivered on ${on}.`,
};

const zh: Phrases = {
  greeting: (name, remembered) =>
    name
      ? `欢迎回来，${name}！${remembered ? `我记得${remembered}。` : ''}今天有什么可以帮您？`
      : '您好！我可以帮您查询订单、库存、商品和店铺政策。请问有什么可以帮您？',
  thanks: '不客气！还有什么可以帮您的吗？',
  bye: '感谢光临，祝您愉快！',
  clarify: '抱歉，我没太明白。能再具体说一下吗？比如订单号或者您想找的商品。',
  askOrderNumber: (action) => `请问要${action}哪个订单？请告诉我订单号（例如 NW-100123）。`,
  askVerifyOrder: '谢谢！为了验证身份，请再提供一个您的订单号。',
  askAddress: '请告诉我订单号和新地址，例如 "12 Pine Rd, Boise, ID 83702"。',
  askProduct: '请问是哪件商品？告诉我名称或简单描述即可。',
  verified: (name, remembered) =>
    `谢谢，${name}，身份已验证。${remembered ? `我记得${remembered}。` : ''}`,
  verifyFailed: '这个邮箱和订单号对不上任何账户，请核对后再试一次。',
  tooManyAttempts: (minutes) => `验证尝试次数过多，请${minutes}分钟后再试，或者转人工客服。`,
  alreadyVerified: '本次对话已经验证为另一个账户。如需使用其他账户，请开始新的对话。',
  notVerified: '查看订单前，请先告诉我您的邮箱和一个订单号。',
  orderNotFound: '在您的账户里没有找到这个订单号。',
  noOrders: '您的账户里还没有订单。',
  ordersHeader: '这是您最近的订单：',
  confirm: (description) => `请确认：${description}。回复"是"继续，回复"不"保持不变。`,
  cancelled: (order) => `已完成：订单 ${order} 已取消，退款将在5到10个工作日内退回原支付方式。`,
  returnStarted: (order) => `已完成：订单 ${order} 的退货已受理，预付运单会发到您的邮箱。`,
  exchangeStarted: (order) =>
    `已完成：订单 ${order} 的换货已受理，退回商品的预付运单已发到您的邮箱，收到后即寄出新商品。`,
  itemsChanged: (order) => `已完成：订单 ${order} 的商品已更换，此后不能再修改或取消。`,
  paymentChanged: (order) => `已完成：订单 ${order} 已改用新的支付方式，原付款将退回。`,
  defaultAddressChanged: (to) => `已完成：您的默认地址已改为 ${to}。`,
  askExchangeTarget: (options) =>
    `您想换哪件商品，换成什么规格？请说尺码、颜色或其他选项${options ? `（${options}）` : ''}。`,
  noGiftCard: '您的账户上没有礼品卡，退款将退回原支付方式。需要我这样办理吗？',
  addressChanged: (order, to) => `已完成：订单 ${order} 将寄往 ${to}。`,
  dropped: (order) => (order ? `好的，订单 ${order} 保持不变。` : '好的，没有做任何更改。'),
  needsYes: '要进行这个操作，需要您明确回复"是"。要继续吗？',
  nothingToConfirm: '目前没有需要确认的操作。请问还有什么可以帮您？',
  cannotChange: (order, status) => `订单 ${order} 已经是"${status}"状态，无法这样修改。`,
  refused: {
    wrong_status: '这个订单已经不能这样修改了，没有做任何更改。',
    items_not_in_order: '这个订单里没有这些商品（或没有这么多件）。您指的是哪些商品？',
    not_a_variant: '商品只能换成同一商品的其他规格。',
    variant_unavailable: '这个规格目前无货，我可以列出有货的规格。',
    unknown_payment_method: '您的账户里没有这个支付方式。',
    insufficient_balance: '这张礼品卡余额不足，需要换一种支付方式吗？',
    not_original_method: '退款只能退回原支付方式，或退到您的礼品卡。',
    same_payment_method: '这个订单已经是用这种方式支付的。',
    nothing_to_change: '这里没有需要修改的内容。',
    not_supported: '本店不支持在这里做这项更改，没有做任何更改。需要的话我可以请同事帮忙。',
    no_longer_possible: '订单在此期间已有变化，所以没能办理，没有做任何更改。',
  },
  shopRefused: () => '商店系统没有接受这个更改，所以没有做任何更改。需要的话我可以请同事看一下。',
  returnWindowClosed: (days) =>
    `该订单已签收${days}天，退货需在签收后30天内申请。需要的话我可以请同事帮您看看。`,
  alreadyRequested: (order, kind, on) =>
    `订单 ${order} 已于 ${on} 申请过${kind === 'exchange' ? '换货' : '退货'}，每个订单只能申请一次。如需更多帮助，我可以请同事来处理。`,
  found: '为您找到：',
  noMatches: '没有找到符合的商品，换个说法或者提高预算试试？',
  recommendations: '为您推荐：',
  inSize: (size) => `${size}码`,
  inStock: (product, where) => `有货：${product}${where}。`,
  outOfStock: (product, restock) =>
    `抱歉，${product}目前缺货${restock ? `，预计 ${restock} 补货` : ''}。`,
  offerNotice: '回复“到货通知我”，到货后我会在这里告诉您。',
  willNotify: (product) => `好的，${product}到货后我会在这里通知您。`,
  alreadyInStock: '好消息：现在就有货。需要我查一下在哪里有吗？',
  variantMissing: (product, options) => `${product}没有这个规格，可选：${options}。`,
  productNotFound: '没有找到这件商品，能告诉我名称或描述一下吗？',
  helpAnswer: (title, section, text, url) =>
    `帮助中心《${title}》${section !== title ? `「${section}」` : ''}：\n\n${text}${url ? `\n\n详情：${url}` : ''}`,
  noHelpAnswer:
    '帮助中心里没有找到相关内容，这也不是我在这里能办理的事。需要我为您转接人工客服吗？',
  remembered: '好的，我记住了，下次会用上。',
  escalated: '我已经请同事来处理，他们会尽快在这里回复您。',
  personFrom: (when) => `我们的同事现在不在线，将于${when}回来。`,
  refundNeedsApproval: (order) => `订单 ${order} 的这笔退款金额需要同事审批。`,
  problem: NOTICES.zh.problem,
  status: {
    pending: '待处理',
    'pending (items modified)': '待处理（商品已更换）',
    processing: '备货中',
    shipped: '已发货',
    delivered: '已签收',
    'return requested': '已签收，退货处理中',
    'exchange requested': '已签收，换货处理中',
    cancelled: '已取消',
    returned: '已退货',
  },
  stock: { in_stock: '有货', low: '库存紧张', out_of_stock: '缺货' },
  shipped: (carrier, tracking, on, eta) =>
    `已于 ${on} 由 ${carrier} 发出，运单号 ${tracking}${eta ? `，预计 ${eta} 送达` : ''}。`,
  delivered: (on) => `已于 ${on} 签收。`,
};

export const PHRASES: Record<Language, Phrases> = { en, zh };

/** Clarifying questions in every language: a second one in a row means escalation. */
export const CLARIFYING_QUESTIONS = new Set(Object.values(PHRASES).map((p) => p.clarify));
