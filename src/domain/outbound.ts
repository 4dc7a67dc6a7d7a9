import type { Channel } from './channel.js';

export type StockLevel = 'in_stock' | 'low' | 'out_of_stock';

/** A product as a card: what a channel renders with image, price and stock. */
export interface ProductCard {
  productId: string;
  name: string;
  price: string;
  imageUrl: string;
  stock: StockLevel;
  /** Why it is shown, when it was recommended. */
  reason?: string;
}

/** The buttons the bot puts under a reply: a change's yes/no, a person, a 1-5 rating. */
export const QUICK_REPLY_IDS = [
  'confirm',
  'decline',
  'human',
  'rate_1',
  'rate_2',
  'rate_3',
  'rate_4',
  'rate_5',
] as const;
export type QuickReplyId = (typeof QUICK_REPLY_IDS)[number];

/** A button under a reply; pressing it sends `text` as the customer's next message. */
export interface QuickReply {
  id: QuickReplyId;
  label: string;
  text: string;
}

/** Who a delivered message is from, so a channel can show a person's reply as a person's. */
export type AuthorRole = 'bot' | 'staff';

/** A reply handed to a channel's sender. */
export interface OutboundMessage {
  outboxId: string;
  conversationId: string;
  channel: Channel;
  conversationKey: string;
  text: string;
  authorRole: AuthorRole;
  cards: ProductCard[];
  quickReplies: QuickReply[];
  /** The platform's id of the customer's message this answers, when known. */
  inReplyTo?: string;
}
