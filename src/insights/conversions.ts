import type { Ports } from '../ports/index.js';

const DAY_MS = 86_400_000;
/** A purchase this soon after a recommendation counts as bought because of it. */
export const ATTRIBUTION_DAYS = 30;
/** Orders of one customer read per pass. */
const ORDERS_READ = 20;

/**
 * Counts recommendations that were bought: a product shown to a verified customer and in one
 * of their orders placed within 30 days after. Orders arrive by many paths (the shop's own,
 * an import, Shopify's webhooks), so a periodic pass looks, and each shown product of a
 * conversation counts once, on the day its order was placed.
 */
export class RecommendationConversions {
  constructor(
    private readonly ports: Pick<Ports, 'recommendationEvents' | 'commerce' | 'insights'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One pass over the last 30 days' recommendations (run by a `Periodic`). */
  async pass(): Promise<void> {
    const since = new Date(this.now().getTime() - ATTRIBUTION_DAYS * DAY_MS);
    const shown = (await this.ports.recommendationEvents.list(since)).filter(
      (e) => e.kind === 'shown' && e.customerId !== null,
    );
    const ordersOf = new Map<string, Awaited<ReturnType<Ports['commerce']['ordersOf']>>>();
    for (const event of shown) {
      const customerId = event.customerId ?? '';
      if (!ordersOf.has(customerId))
        ordersOf.set(customerId, await this.ports.commerce.ordersOf(customerId, ORDERS_READ));
      const until = event.at.getTime() + ATTRIBUTION_DAYS * DAY_MS;
      for (const productId of event.productIds) {
        const order = (ordersOf.get(customerId) ?? []).find(
          (o) =>
            o.placedAt > event.at &&
            o.placedAt.getTime() <= until &&
            o.items.some((i) => i.productId === productId),
        );
        if (!order) continue;
        await this.ports.insights.countOnce(
          `bought:${event.conversationId}:${productId}`,
          { kind: 'recommendation', step: 'bought', count: 1 },
          order.placedAt,
        );
      }
    }
  }
}
