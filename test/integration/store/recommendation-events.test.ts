import { describe, expect, it } from 'vitest';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('rec_events');
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe('recommendation events', () => {
  it('measures what was shown, then asked about or bought within 30 days', async () => {
    const events = t.store.recommendationEvents;
    await events.record({
      kind: 'shown',
      conversationId: 'c1',
      customerId: 'C1',
      productIds: ['P1', 'P2', 'P3'],
      at: day(1),
    });
    await events.record({
      kind: 'asked_about',
      conversationId: 'c1',
      customerId: 'C1',
      productIds: ['P2'],
      at: day(1),
    });
    await events.record({
      kind: 'shown',
      conversationId: 'c2',
      customerId: null,
      productIds: ['P4'],
      at: day(2),
    });
    const orders = {
      C1: [
        { productIds: ['P3'], placedAt: day(10) }, // bought 9 days later: counts
        { productIds: ['P1'], placedAt: day(1 + 45) }, // too late
        { productIds: ['P2'], placedAt: new Date(day(1).getTime() - 1) }, // before it was shown
      ],
    } as Record<string, { productIds: string[]; placedAt: Date }[]>;
    const conversion = await events.conversion(day(1), async (id) => orders[id] ?? []);
    expect(conversion).toEqual({ shownLists: 2, shownProducts: 4, askedAbout: 1, bought: 1 });
  });
});
