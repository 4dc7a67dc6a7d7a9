import { describe, expect, it } from 'vitest';
import { stockAlertId } from '../../../src/domain/stock-alert.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('insights');

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 2, d, hour));

describe('daily insight counters', () => {
  it('adds events to their day, keeps free-text names whole, and reads a period', async () => {
    const { insights } = t.store;
    await Promise.all([
      insights.count({ kind: 'csat', channel: 'slack', rating: 5 }, day(1, 8)),
      insights.count({ kind: 'csat', channel: 'slack', rating: 5 }, day(1, 9)),
      insights.count({ kind: 'csat', channel: 'teams', rating: 2 }, day(1)),
    ]);
    // Dots, dollars and percent signs are field-name trouble in MongoDB: they come back as sent.
    const odd = 'v2.0 $pro kit 100%';
    await insights.count({ kind: 'demand', signal: { kind: 'not_sold', term: odd } }, day(2));
    await insights.count({ kind: 'demand', signal: { kind: 'not_sold', term: odd } }, day(2));
    await insights.count({ kind: 'recommendation', step: 'shown', count: 3 }, day(3));
    await insights.count({ kind: 'conversation', channel: 'webchat' }, day(9));
    const period = await insights.period('2026-03-01', '2026-03-03');
    expect(period).toEqual({
      days: [
        { day: '2026-03-01', counts: { csat: { slack: { 5: 2 }, teams: { 2: 1 } } } },
        { day: '2026-03-03', counts: { recommendations: { shown: 3 } } },
      ],
      terms: { demand: { not_sold: { [odd]: 2 } } },
    });
  });

  it('loses no count when many arrive at once', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.store.insights.count(
          { kind: 'outcome', channel: 'slack', outcome: 'abandoned', handoffReason: null },
          day(20, i % 24),
        ),
      ),
    );
    const { days } = await t.store.insights.period('2026-03-20', '2026-03-20');
    expect(days[0]?.counts).toEqual({ outcomes: { abandoned: 60 } });
  });

  it("adds up a period's terms exactly, from weekly buckets inside it and daily ones at its edges", async () => {
    const { insights } = t.store;
    const ask = (term: string, at: Date) =>
      insights.count({ kind: 'demand', signal: { kind: 'no_result', term } }, at);
    // 2026-04-06 is a Monday: the week of the 6th to the 12th is whole in the periods below.
    for (const d of [4, 5, 6, 9, 12, 13, 14]) await ask('tent', new Date(Date.UTC(2026, 3, d, 10)));
    await ask('stove', new Date(Date.UTC(2026, 3, 15, 10)));
    const tents = async (from: string, to: string) => (await insights.period(from, to)).terms;
    expect(await tents('2026-04-05', '2026-04-13')).toEqual({ demand: { no_result: { tent: 5 } } });
    expect(await tents('2026-04-06', '2026-04-12')).toEqual({ demand: { no_result: { tent: 3 } } });
    expect(await tents('2026-04-10', '2026-04-15')).toEqual({
      demand: { no_result: { tent: 3, stove: 1 } },
    });
  });
});

describe('outcomes and surveys', () => {
  it("records an episode's outcome once, however many try", async () => {
    const outcome = {
      conversationId: 'c-outcome',
      episode: 0,
      channel: 'webchat' as const,
      kind: 'resolved_by_bot' as const,
      handoffReason: null,
      at: day(4),
    };
    const tries = await Promise.all(
      Array.from({ length: 5 }, () => t.store.outcomes.record(outcome)),
    );
    expect(tries.filter(Boolean)).toHaveLength(1);
    expect(await t.store.outcomes.record({ ...outcome, episode: 1, kind: 'abandoned' })).toBe(true);
    expect((await t.store.outcomes.of('c-outcome')).map((o) => o.kind)).toEqual([
      'resolved_by_bot',
      'abandoned',
    ]);
  });

  it('asks once per conversation (the same event may ask again) and keeps the first rating', async () => {
    const { surveys } = t.store;
    const ask = { conversationId: 'c-survey', channel: 'discord' as const, askedAt: day(5) };
    expect(await surveys.ask({ ...ask, askedBy: 'event-1' })).toBe(true);
    expect(await surveys.ask({ ...ask, askedBy: 'event-1' })).toBe(true);
    expect(await surveys.ask({ ...ask, askedBy: 'event-2' })).toBe(false);
    expect(await surveys.ask({ ...ask, askedBy: null })).toBe(false);
    expect((await surveys.rate('c-survey', 4, day(5)))?.rating).toBe(4);
    expect((await surveys.rate('c-survey', 1, day(5)))?.rating).toBe(4);
    await surveys.comment('c-survey', 'quick and kind');
    expect(await surveys.find('c-survey')).toMatchObject({ rating: 4, comment: 'quick and kind' });
  });
});

describe('stock alerts', () => {
  it('keeps one waiting alert per conversation and variant, and waits again after a notice', async () => {
    const alert = {
      alertId: stockAlertId('c-alert', 'P-1', 'SKU-1'),
      conversationId: 'c-alert',
      channel: 'slack' as const,
      conversationKey: 'D1',
      customerId: null,
      productId: 'P-1',
      productName: 'Boot',
      sku: 'SKU-1',
      options: '42',
      language: 'en' as const,
      status: 'waiting' as const,
      createdAt: day(6),
      sentAt: null,
    };
    expect(await t.store.stockAlerts.subscribe(alert)).toBe(true);
    expect(await t.store.stockAlerts.subscribe(alert)).toBe(false);
    expect((await t.store.stockAlerts.waiting(10)).map((a) => a.alertId)).toEqual([alert.alertId]);
    await t.store.stockAlerts.markSent(alert.alertId, day(7));
    expect(await t.store.stockAlerts.waiting(10)).toEqual([]);
    expect(await t.store.stockAlerts.subscribe({ ...alert, createdAt: day(8) })).toBe(true);
    expect(await t.store.stockAlerts.waiting(10)).toHaveLength(1);
  });
});

describe('conversations awaiting an outcome', () => {
  it('lists those the bot answered before a time, not settled ones', async () => {
    const { conversations } = t.store;
    const open = (key: string) =>
      conversations.open({
        channel: 'webchat',
        conversationKey: key,
        platformUserId: 'u',
        at: day(1),
      });
    const [a, b, c] = await Promise.all([open('idle-a'), open('idle-b'), open('idle-c')]);
    await conversations.markAnswered(a.conversationId, day(10, 9), false);
    await conversations.markAnswered(b.conversationId, day(10, 11), true);
    await conversations.markAnswered(c.conversationId, day(10, 8), false);
    await conversations.settle(c.conversationId, 0);
    const due = await conversations.answeredBefore(day(10, 10), 10);
    expect(due.map((x) => x.conversationId)).toEqual([a.conversationId]);
    expect((await conversations.findById(c.conversationId))?.settledEpisode).toBe(0);
  });
});
