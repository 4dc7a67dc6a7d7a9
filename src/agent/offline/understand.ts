import type { CancelReason } from '../../domain/retail.js';
import { detectLanguage } from '../../language/detect.js';
import { isExplicitNo, isExplicitYes } from '../../language/yes-no.js';
import {
  addressIn,
  colourIn,
  emailIn,
  locationIn,
  orderNumberIn,
  priceRangeIn,
  productPhraseIn,
  sizeIn,
  statedSizes,
} from './extract.js';
import type { SupportIntent } from './intents/classifier.js';
import { intentClassifier } from './intents/load-model.js';

/** What the customer wants, as the offline model understands it. */
export type Intent =
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'bye' }
  | { kind: 'human'; frustrated: boolean }
  | { kind: 'confirm'; decision: 'yes' | 'no' }
  | { kind: 'verify'; email: string; orderNumber?: string; then?: Intent }
  | { kind: 'orders' }
  | { kind: 'order_status'; orderNumber?: string }
  | { kind: 'cancel'; orderNumber?: string; reason: CancelReason }
  | { kind: 'return'; orderNumber?: string; toGiftCard: boolean }
  /** Another variant of an item: an exchange once delivered, an item change while pending. */
  | { kind: 'change_items'; orderNumber?: string }
  | { kind: 'change_address'; orderNumber?: string; address?: ReturnType<typeof addressIn> }
  | { kind: 'stock'; product: string; size?: string; colour?: string; location?: string }
  /** "Tell me when it's back": the product when named, else the one last found out of stock. */
  | { kind: 'notify_back'; product?: string; size?: string; colour?: string }
  | { kind: 'search'; query: string; min?: number; max?: number }
  | { kind: 'product'; product: string }
  | {
      kind: 'recommend';
      like?: string;
      max?: number;
      /** The customer's words about what it is for. */
      about?: string;
      refine?: 'cheaper' | 'more_like';
      position?: number;
    }
  /** A question the help centre answers: its words (and the topic's, when known) are the search. */
  | { kind: 'policy'; question: string; topic?: string }
  | { kind: 'remember'; shoeSize?: string; apparelSize?: string }
  /** Nothing the rules know: the help centre may still answer `text`. */
  | { kind: 'unknown'; text: string };

const has = (pattern: RegExp, text: string) => pattern.test(text);

const HUMAN =
  /\b(human|real person|a person|someone real|agent|representative|operator|manager|speak to someone|talk to someone)\b|人工|真人|客服|转人工/i;
const FRUSTRATED =
  /\b(angry|furious|ridiculous|terrible|worst|useless|unacceptable|fed up|scam)\b|生气|太差|垃圾|投诉|气死/i;
const GREETING = /^(hi|hello|hey|hiya|good (morning|afternoon|evening))\b|^(你好|您好|嗨|哈喽)/i;
const THANKS = /\b(thanks|thank you|thx|cheers|appreciate it)\b|谢谢|多谢|感谢/i;
const BYE = /\b(bye|goodbye|see you|that's all)\b|再见|拜拜/i;
const POLICY =
  /\b(polic(y|ies)|warranty|guarantee|how long (does|do|will) (shipping|delivery)|shipping (cost|time|fee|policy)|free shipping|how do returns work|return window|exchange policy)\b|政策|保修|运费|包邮|退货政策|退换政策|质保/i;
const CANCEL = /\bcancel(l?ing|l?ed|lation)?\b|取消/i;
/** Cancelling something that is not an order: the help centre's, never an order change. */
const NOT_AN_ORDER =
  /\b(account|subscription|newsletter|membership|e-?mails?|profile)\b|账户|账号|订阅|会员|邮件/i;
/** What an order change or a cancellation costs: a question, not a request. */
const FEE = /\b(fees?|charges?|charged|cost|costs|penalty|free)\b|收费|手续费|扣钱|费用|要钱/i;
/** How delivery works, as opposed to where the customer's own order is. */
const DELIVERY_INFO =
  /\b(how long|how many days|how fast|delivery (times?|options|methods)|shipping (costs?|options|methods|times?)|express|overnight|carriers?|deliver to|ship to|is shipping free|standard shipping|leave the warehouse)\b|多久|几天|多长时间|配送方式|运费|加急|包邮/i;
const OWN_ORDER =
  /\bmy (order|package|parcel|delivery|stuff|purchase)\b|我的(订单|包裹|快递)|[A-Z]{2,5}-\d+|#\w*\d/i;
/** Accounts, sign-in, invoices, reviews and buying: the help centre's, never an order change. */
const HELP_TOPICS =
  /\b(accounts?|sign ?up|register(ed|ing)?|registration|log ?in|log ?out|password|profile|invoices?|receipts?|bill|vat|reviews?|rate a product|newsletter|unsubscribe|mailing list|checkout|place an order|make a purchase|order (it )?for me|how (do|can) i (buy|order|pay))\b|账户|账号|注册|登录|密码|发票|收据|评价|评论|退订|订阅|怎么(买|下单|付款)|下单/i;
const REFUND_STATUS =
  /\b(where|status|track|when|how long|haven'?t (got|received)|not (got|received)|still waiting)\b.*\brefund|\brefund\b.*\b(status|arrive|show|take|received|yet)\b|退款.*(进度|到账|多久|什么时候|没收到|还没)|(什么时候|多久).*退款/i;
/** "ordered it by mistake", "wrong item", "买错了", "不小心下单"; anything else: no longer needed. */
const BY_MISTAKE =
  /\bmistake\b|\bby accident\b|\baccidentally\b|\bwrong (item|size|one)\b|买错|下错|不小心|误下/i;
const RETURN = /\b(return|refund|send (it|them) back|exchange|swap)\b|退货|退款|换货|退换|退掉/i;
const EXCHANGE = /\b(exchange|swap)\b|换货|换一|换成|改成|换个/i;
/** Words of a change, as opposed to a question about how things work. */
const CHANGE_WORDS = /\b(change|update|wrong|different|new|correct|edit|modify)\b|改|换|更新|错/i;
/** "change the blue one to black", "switch it for the 1TB version". */
const CHANGE_TO = /\b(change|switch|swap|replace)\b.*\b(to|for|into|with)\b/i;
const TO_GIFT_CARD = /\bgift ?card\b|礼品卡|礼物卡/i;
/** "ship it to", "send order NW-100102 to", "deliver my parcel to". */
const ADDRESS =
  /\b(address|(ship|deliver|send|redirect|reroute)( (it|them|this|that|(my|the) (order|package|parcel|purchase)|order \S+|[A-Z]{2,5}-\S+))? to)\b|地址|寄到|送到/i;
/** "let me know when it's back", "notify me when the boots are restocked", "到货通知我". */
const NOTIFY_BACK =
  /\b(let me know|notify me|tell me|message me|e-?mail me|ping me|alert me|text me|inform me|keep me posted)\b.*\b(back|restock(ed)?|in stock|available|arrives?|comes? in)\b|到货.*(通知|告诉|提醒)|(通知|告诉|提醒)我.*(到货|有货|补货)/i;
const NOTIFY_WORDS =
  /\b(let me know|notify me|tell me|message me|e-?mail me|ping me|alert me|text me|inform me|keep me posted|when|once|if|it'?s|it is|they'?re|they are|back|restock(ed)?|in stock|available|again|arrives?|comes? in|please|could you|can you|would you|you)\b|到货|通知|告诉|提醒|我|有货|补货|了|再/gi;
const STOCK =
  /\b(in stock|stock|available|availability|sold out)\b|有货|库存|有没有货|还有吗|缺货/i;
const RECOMMEND =
  /\b(recommend|suggest|suggestions?|what should i (buy|get)|something for (me|my|a|the)|ideas?)\b|推荐|建议|买什么/i;
const CHEAPER =
  /\b(cheaper|less expensive|lower price|more affordable)\b|便宜一点|便宜点|更便宜|便宜些/i;
const MORE_LIKE =
  /\bmore like (?:the |this |that )?(first|second|third|1st|2nd|3rd|last|this|that)?(?: one)?\b|(?:第([一二三])个)(?:类似|那样|的类似)|(?:类似|像)第([一二三])个|更多类似/i;
const POSITIONS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  一: 1,
  二: 2,
  三: 3,
};
const SIMILAR =
  /\b(similar to|something like|like the|alternatives? to|goes with|go with)\b|类似|差不多|搭配/i;
const DETAILS =
  /\b(tell me (more )?about|details (of|on|about)|more about|what is the|describe)\b|介绍一下|详情|详细信息/i;
const ORDERS =
  /\b(my orders|order history|what did i (buy|order)|recent orders|past orders)\b|我的订单|历史订单|买过/i;
const STATUS =
  /\b(where is|where's|status|track|tracking|shipped|deliver(ed|y)?|arriv(e|ed|ing)|when will)\b|订单|物流|到哪|快递|发货|什么时候到/i;
const SEARCH =
  /\b(looking for|find|show me|search|do you (have|sell)|i need|i want|need|want|any)\b|找|想要|想买|有没有|适合|需要/i;
const SHOPPING_WORDS =
  /\b(boots?|shoes?|jackets?|socks?|sunglasses|tent|bag|pack|backpack|hat|gloves|coffee|sunscreen|mat|bottle|runner|sandals?|fleece|parka|pants|shorts|tee|shirt|stove|headlamp|poles|goggles|glasses)\b|太阳镜|墨镜|鞋|靴|袜|夹克|外套|帐篷|背包|帽|手套|咖啡|防晒|垫|水壶/i;

function withoutIdentity(text: string): string {
  return text
    .replace(/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, ' ')
    .replace(/\b[A-Z]{2,5}-\d+\b/gi, ' ');
}

/**
 * The customer's intent: the rules first (they know order numbers, addresses, products and
 * yes/no), then, where the rules only guessed, the trained classifier (intents/).
 */
export function understand(text: string): Intent {
  return withClassifier(byRules(text), text.trim());
}

function byRules(text: string): Intent {
  const clean = text.trim();
  if (isExplicitYes(clean)) return { kind: 'confirm', decision: 'yes' };
  if (isExplicitNo(clean)) return { kind: 'confirm', decision: 'no' };
  const email = emailIn(clean);
  if (email) {
    const rest = understand(withoutIdentity(clean));
    const then = rest.kind === 'unknown' || rest.kind === 'greeting' ? undefined : rest;
    return { kind: 'verify', email, orderNumber: orderNumberIn(clean), then };
  }
  const frustrated = has(FRUSTRATED, clean);
  if (has(HUMAN, clean) || frustrated) return { kind: 'human', frustrated };
  if (has(POLICY, clean)) return { kind: 'policy', question: clean };
  const orderNumber = orderNumberIn(clean);
  if (
    has(REFUND_STATUS, clean) ||
    (has(CANCEL, clean) && (has(NOT_AN_ORDER, clean) || has(FEE, clean))) ||
    (has(DELIVERY_INFO, clean) && !has(OWN_ORDER, clean)) ||
    (has(HELP_TOPICS, clean) && !orderNumber)
  )
    return { kind: 'policy', question: clean };
  if (has(CANCEL, clean))
    return {
      kind: 'cancel',
      orderNumber,
      reason: has(BY_MISTAKE, clean) ? 'ordered by mistake' : 'no longer needed',
    };
  if (has(ADDRESS, clean)) {
    const address = addressIn(clean);
    // "Do you ship to the UK?" asks where the shop delivers; a change names what changes.
    if (orderNumber || address || has(CHANGE_WORDS, clean))
      return { kind: 'change_address', orderNumber, address };
    return { kind: 'policy', question: clean };
  }
  if (has(EXCHANGE, clean) || has(CHANGE_TO, clean)) return { kind: 'change_items', orderNumber };
  if (has(RETURN, clean))
    return { kind: 'return', orderNumber, toGiftCard: has(TO_GIFT_CARD, clean) };
  const sizes = statedSizes(clean);
  if (sizes.shoeSize || sizes.apparelSize) return { kind: 'remember', ...sizes };
  if (has(NOTIFY_BACK, clean)) {
    const product = productPhraseIn(clean.replace(NOTIFY_WORDS, ' '));
    return {
      kind: 'notify_back',
      ...(product.length >= 3 ? { product } : {}),
      size: sizeIn(clean),
      colour: colourIn(clean),
    };
  }
  // "Do you have the X in size 42?" asks about stock as much as "is X in stock?".
  if (has(STOCK, clean) || (has(/\bdo you have\b|有没有/i, clean) && sizeIn(clean))) {
    return {
      kind: 'stock',
      product: productPhraseIn(clean),
      size: sizeIn(clean),
      colour: colourIn(clean),
      location: locationIn(clean),
    };
  }
  const price = priceRangeIn(clean);
  if (has(CHEAPER, clean) && price.max === undefined)
    return { kind: 'recommend', refine: 'cheaper' };
  const moreLike = MORE_LIKE.exec(clean);
  if (moreLike) {
    const which = (moreLike[1] ?? moreLike[2] ?? moreLike[3] ?? '').toLowerCase();
    return { kind: 'recommend', refine: 'more_like', position: POSITIONS[which] ?? 1 };
  }
  if (has(SIMILAR, clean)) {
    const like = clean
      .replace(SIMILAR, ' ')
      .replace(/[?？.!]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { kind: 'recommend', like, max: price.max };
  }
  if (has(RECOMMEND, clean)) {
    const about = clean
      .replace(RECOMMEND, ' ')
      .replace(
        /(?:under|below|less than|up to|over|above)\s*\$?\s*\d+(?:\.\d+)?|\$\s*\d+(?:\.\d+)?/gi,
        ' ',
      )
      .replace(/[?？.!,，。]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { kind: 'recommend', max: price.max, ...(about ? { about } : {}) };
  }
  if (has(DETAILS, clean)) {
    return {
      kind: 'product',
      product: clean
        .replace(DETAILS, ' ')
        .replace(/[?？.!]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    };
  }
  if (has(ORDERS, clean)) return { kind: 'orders' };
  if (orderNumber || has(STATUS, clean)) return { kind: 'order_status', orderNumber };
  if (has(SEARCH, clean) || has(SHOPPING_WORDS, clean) || price.max !== undefined) {
    return { kind: 'search', query: clean, min: price.min, max: price.max };
  }
  if (has(GREETING, clean)) return { kind: 'greeting' };
  if (has(THANKS, clean)) return { kind: 'thanks' };
  if (has(BYE, clean)) return { kind: 'bye' };
  return { kind: 'unknown', text: clean };
}

/** Below this probability the classifier's guess is not used. */
const CONFIDENT = 0.5;
/** What starts a change (asking which order) needs more than a guess. */
const SURE = 0.7;

/** Words a help centre's article on each topic uses, added to the customer's own. */
const TOPICS: Partial<Record<SupportIntent, { en: string; zh: string }>> = {
  change_order: { en: 'change an order', zh: '修改订单' },
  set_up_shipping_address: { en: 'delivery address book', zh: '收货地址' },
  delivery_options: { en: 'shipping', zh: '配送' },
  delivery_period: { en: 'delivery times', zh: '配送时间' },
  get_refund: { en: 'refund', zh: '退款' },
  track_refund: { en: 'refund timing status', zh: '退款 到账 时间' },
  refund_policy: { en: 'returns', zh: '退货' },
  cancellation_fee: { en: 'cancel order fee', zh: '取消订单 费用' },
  payment_methods: { en: 'payment methods', zh: '付款方式' },
  payment_issue: { en: 'payment problems declined', zh: '付款问题' },
  check_invoice: { en: 'invoices receipts', zh: '发票 收据' },
  get_invoice: { en: 'invoices receipts', zh: '发票 收据' },
  place_order: { en: 'place an order', zh: '下单' },
  create_account: { en: 'create an account', zh: '注册账户' },
  edit_account: { en: 'edit account details', zh: '修改账户' },
  delete_account: { en: 'delete account', zh: '注销账户' },
  switch_account: { en: 'switch account', zh: '切换账户' },
  registration_problems: { en: 'create an account problems', zh: '注册账户 问题' },
  recover_password: { en: 'password reset', zh: '重置密码' },
  newsletter_subscription: { en: 'newsletter', zh: '订阅 邮件' },
  review: { en: 'reviews', zh: '评价' },
  complaint: { en: 'complaints', zh: '投诉' },
  contact_customer_service: { en: 'contact us', zh: '联系我们' },
};

/** What the classifier may override: rules that matched a word, not a request. */
function overridable(ruled: Intent, text: string): boolean {
  switch (ruled.kind) {
    case 'unknown':
    case 'policy':
      return true;
    case 'search':
      return !has(SHOPPING_WORDS, text) && ruled.max === undefined;
    case 'order_status':
    case 'cancel':
    case 'return':
    case 'change_items':
      return ruled.orderNumber === undefined;
    case 'change_address':
      return ruled.orderNumber === undefined && ruled.address === undefined;
    default:
      return false;
  }
}

function withClassifier(ruled: Intent, text: string): Intent {
  if (!overridable(ruled, text)) return ruled;
  const guess = intentClassifier().classify(text);
  if (guess.intent === 'other' || guess.confidence < CONFIDENT) return ruled;
  const orderNumber = orderNumberIn(text);
  const help = (intent: SupportIntent): Intent => {
    const topic = TOPICS[intent]?.[detectLanguage(text)];
    return { kind: 'policy', question: text, ...(topic ? { topic } : {}) };
  };
  // A change the rules heard is kept unless the classifier hears a question about something else.
  const isChange = ['cancel', 'return', 'change_items', 'change_address'].includes(ruled.kind);
  switch (guess.intent) {
    case 'track_order':
      return isChange ? ruled : { kind: 'order_status', orderNumber };
    case 'cancel_order':
      if (ruled.kind === 'cancel' || guess.confidence < SURE) return ruled;
      return {
        kind: 'cancel',
        orderNumber,
        reason: has(BY_MISTAKE, text) ? 'ordered by mistake' : 'no longer needed',
      };
    case 'change_shipping_address':
      if (ruled.kind === 'change_address' || guess.confidence < SURE) return ruled;
      return { kind: 'change_address', orderNumber, address: addressIn(text) };
    case 'get_refund':
      if (ruled.kind === 'return') return ruled;
      return guess.confidence >= SURE
        ? { kind: 'return', orderNumber, toGiftCard: has(TO_GIFT_CARD, text) }
        : help('get_refund');
    case 'change_order':
      return ruled.kind === 'change_items' ? ruled : help('change_order');
    case 'contact_human_agent':
      return isChange ? ruled : { kind: 'human', frustrated: false };
    default:
      return help(guess.intent);
  }
}
