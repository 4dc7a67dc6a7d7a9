import type { Language } from '../language/detect.js';
import type { Channel } from './channel.js';

/**
 * A customer's "tell me when it's back": one message on their own channel when the variant
 * (or, without one, any variant of the product) is in stock again.
 */
export interface StockAlert {
  /** `<conversationId>|<productId>|<sku or *>`: asking twice keeps one alert. */
  alertId: string;
  conversationId: string;
  channel: Channel;
  conversationKey: string;
  customerId: string | null;
  productId: string;
  productName: string;
  /** The variant asked for; null for any variant of the product. */
  sku: string | null;
  /** Its options as the customer saw them ("size 9 · black"), for the message. */
  options: string | null;
  language: Language;
  status: 'waiting' | 'sent';
  createdAt: Date;
  sentAt: Date | null;
}

export function stockAlertId(conversationId: string, productId: string, sku: string | null) {
  return `${conversationId}|${productId}|${sku ?? '*'}`;
}
