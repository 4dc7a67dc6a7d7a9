import type { StockAlert } from '../domain/stock-alert.js';
import { NOTICES } from '../language/notices.js';
import type { Logger } from '../logger.js';
import type { Ports } from '../ports/index.js';
import type { ConversationPipeline } from './pipeline.js';

/** Alerts read per page. */
const BATCH = 500;

/**
 * Tells customers who asked "tell me when it's back" once their product is in stock again:
 * one message on their own channel, through the outbox. Stock is read live each pass, so a
 * restock counts however it arrived (an inventory update, an import, a Shopify webhook). The
 * message's id comes from the alert, so a crash between sending and marking, or two
 * processes passing at once, still sends it once.
 */
export class BackInStockWatch {
  constructor(
    private readonly ports: Pick<Ports, 'stockAlerts' | 'commerce' | 'conversations'>,
    private readonly pipeline: Pick<ConversationPipeline, 'post'>,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass over every waiting alert, a page at a time (run by a `Periodic`). */
  async pass(): Promise<void> {
    for (let skip = 0; ; skip += BATCH) {
      const page = await this.ports.stockAlerts.waiting(BATCH, skip);
      await this.check(page);
      // Alerts told in this page left the waiting list: the next page may pass over a few,
      // which the next pass sees.
      if (page.length < BATCH) return;
    }
  }

  private async check(waiting: StockAlert[]): Promise<void> {
    const byProduct = new Map<string, StockAlert[]>();
    for (const alert of waiting)
      byProduct.set(alert.productId, [...(byProduct.get(alert.productId) ?? []), alert]);
    for (const [productId, alerts] of byProduct) {
      const stock = await this.ports.commerce.catalog.stock(productId);
      for (const alert of alerts) {
        const units = stock
          .filter((r) => alert.sku === null || r.sku === alert.sku)
          .reduce((sum, r) => sum + r.quantity, 0);
        if (units > 0) await this.tell(alert);
      }
    }
  }

  private async tell(alert: StockAlert): Promise<void> {
    const conversation = await this.ports.conversations.findById(alert.conversationId);
    if (conversation) {
      await this.pipeline.post(conversation, {
        role: 'bot',
        author: 'concierge',
        text: NOTICES[alert.language].backInStock(alert.productName, alert.options),
        once: `restock:${alert.alertId}`,
      });
      this.logger.info(
        { conversationId: alert.conversationId, productId: alert.productId },
        'told a customer their product is back',
      );
    }
    await this.ports.stockAlerts.markSent(alert.alertId, this.now());
  }
}
