import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { RecommendationEvent } from '../../domain/customer-profile.js';
import type { RecommendationEvents } from '../../ports/customers.js';
import type { CollectionSpec } from '../collection-spec.js';

export interface Conversion {
  shownLists: number;
  shownProducts: number;
  /** Shown products the customer then asked about in the same conversation. */
  askedAbout: number;
  /** Shown products the customer bought within `withinDays` after. */
  bought: number;
}

export const recommendationEventsSpec: CollectionSpec = {
  name: 'recommendation_events',
  indexes: [{ key: { kind: 1, at: -1 }, name: 'kind_recent' }],
};

export class RecommendationEventsRepository implements RecommendationEvents {
  constructor(private readonly collection: Collection<RecommendationEvent & { _id: string }>) {}

  async record(event: RecommendationEvent): Promise<void> {
    await this.collection.insertOne({ _id: randomUUID(), ...event });
  }

  list(since: Date): Promise<RecommendationEvent[]> {
    return this.collection.find({ at: { $gte: since } }, { projection: { _id: 0 } }).toArray();
  }

  /**
   * Conversion of what was shown since `since`: asked about in the conversation, or bought
   * (per `purchases`, each customer's orders) within `withinDays`.
   */
  async conversion(
    since: Date,
    purchasesOf: (customerId: string) => Promise<{ productIds: string[]; placedAt: Date }[]>,
    withinDays = 30,
  ): Promise<Conversion> {
    const events = await this.list(since);
    const shown = events.filter((e) => e.kind === 'shown');
    const asked = new Set(
      events
        .filter((e) => e.kind !== 'shown')
        .flatMap((e) => e.productIds.map((p) => `${e.conversationId}:${p}`)),
    );
    let askedAbout = 0;
    let bought = 0;
    const orders = new Map<string, { productIds: string[]; placedAt: Date }[]>();
    for (const list of shown) {
      for (const productId of list.productIds) {
        if (asked.has(`${list.conversationId}:${productId}`)) askedAbout++;
      }
      if (!list.customerId) continue;
      if (!orders.has(list.customerId))
        orders.set(list.customerId, await purchasesOf(list.customerId));
      const until = list.at.getTime() + withinDays * 86_400_000;
      const later = (orders.get(list.customerId) ?? []).filter(
        (o) => o.placedAt > list.at && o.placedAt.getTime() <= until,
      );
      for (const productId of list.productIds)
        if (later.some((o) => o.productIds.includes(productId))) bought++;
    }
    return {
      shownLists: shown.length,
      shownProducts: shown.reduce((sum, e) => sum + e.productIds.length, 0),
      askedAbout,
      bought,
    };
  }
}
