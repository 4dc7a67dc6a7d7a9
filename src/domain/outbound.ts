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

export type QuickReplyId = 'confirm' | 'decline' | 'human';

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
