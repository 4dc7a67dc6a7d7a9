import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/console/metrics.js';
import type { BotReplyData } from '../../../src/domain/message.js';
import type { MessageForMetrics } from '../../../src/ports/conversation-store.js';

const at = (day: number, seconds = 0) =>
  new Date(Date.UTC(2026, 11, day, 10, 0, 0) + seconds * 1000);
const message = (
  conversationId: string,
  role: 'customer' | 'bot' | 'staff' | 'note',
  when: Date,
  data: Partial<BotReplyData> = {},
): MessageForMetrics => {
  const base = { conversationId, createdAt: when, eventKey: null };
  if (role === 'customer') return { ...base, role };
  if (role === 'bot')
    return { ...base, role, data: { cards: [], quickReplies: [], toolCalls: [], ...data } };
  return { ...base, role, data: { author: 'ada' } };
};

describe('console metrics', () => {
  it('counts containment, escalations and their reasons, first responses, tool errors and LLM cost per day', () => {
    const metrics = computeMetrics({
      from: at(1, -36_000),
      to: at(3),
      prices: { inputPerMillion: 1, outputPerMillion: 2 },
      conversations: [
        { conversationId: 'a', createdAt: at(1) },
        { conversationId: 'b', createdAt: at(1) },
        { conversationId: 'c', createdAt: at(2) },
        { conversationId: 'd', createdAt: at(3) },
      ],
      escalations: [
        {
          conversationId: 'b',
          reason: 'customer asked for a person',
          createdAt: at(1, 10),
          takenAt: at(1, 70),
        },
        {
          conversationId: 'c',
          reason: 'refund above the approval limit (order NW-1)',
          createdAt: at(2, 5),
          takenAt: null,
        },
        {
          conversationId: 'd',
          reason: 'refund above the approval limit (order NW-2)',
          createdAt: at(3, 5),
          takenAt: at(3, 185),
        },
      ],
      messages: [
        message('a', 'customer', at(1)),
        message('a', 'bot', at(1, 2), {
          engine: 'llm',
          usage: { inputTokens: 1_000_000, outputTokens: 500_000 },
          toolCalls: [
            { name: 'get_order', args: {} },
            { name: 'list_my_orders', args: {}, error: 'temporary_problem' },
          ],
        }),
        message('a', 'customer', at(1, 50)),
        message('a', 'bot', at(1, 90), {
          engine: 'offline',
          usage: { inputTokens: 800, outputTokens: 20 },
        }),
        message('b', 'customer', at(1, 1)),
        message('b', 'note', at(1, 2)),
        message('b', 'staff', at(1, 5)),
        message('c', 'customer', at(2)),
        message('c', 'bot', at(2, 4), {
          toolCalls: [{ name: 'return_items', args: {}, error: 'order_not_found' }],
        }),
      ],
    });
    expect(metrics.conversations).toBe(4);
    // b and d had a person take over; a and c were handled without one.
    expect(metrics.containmentRate).toBe(0.5);
    expect(metrics.escalationRate).toBe(0.75);
    expect(metrics.escalationReasons).toEqual([
      { reason: 'refund above the approval limit', count: 2 },
      { reason: 'customer asked for a person', count: 1 },
    ]);
    // First answers after 2 s (a), 4 s (b, the note does not count) and 4 s (c).
    expect(metrics.medianFirstResponseSeconds).toBe(4);
    expect(metrics.medianWaitForPersonSeconds).toBe(120);
    expect(metrics).toMatchObject({ toolCalls: 3, toolErrors: 1, toolErrorRate: 0.3333 });
    expect(metrics.days.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(metrics.days[0]).toMatchObject({
      conversations: 2,
      escalations: 1,
      llmInputTokens: 1_000_000,
      llmOutputTokens: 500_000,
      llmCostUsd: 2,
    });
    expect(metrics.days[1]).toMatchObject({ conversations: 1, escalations: 1, llmCostUsd: 0 });
  });

  it('says "no figure" rather than zero when there is nothing to count', () => {
    const metrics = computeMetrics({
      from: at(1),
      to: at(1),
      prices: { inputPerMillion: 1, outputPerMillion: 1 },
      conversations: [],
      escalations: [],
      messages: [],
    });
    expect(metrics).toMatchObject({
      conversations: 0,
      containmentRate: null,
      escalationRate: null,
      medianFirstResponseSeconds: null,
      toolErrorRate: null,
    });
    expect(metrics.days).toHaveLength(1);
  });
});
