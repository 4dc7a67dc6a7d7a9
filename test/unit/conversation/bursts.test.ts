import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';

function setUp(debounceMs: number) {
  const ports = inMemoryPorts();
  const harness = createHarness(ports, {
    config: {
      llm: null,
      llmTimeoutMs: 5000,
      llmMaxRetries: 0,
      conversations: {
        leaseTtlMs: 15_000,
        burstDebounceMs: { webchat: debounceMs, slack: 0, discord: 0, teams: 0 },
        idleMs: 30 * 60_000,
        handoffIdleMs: 24 * 3_600_000,
      },
    },
  });
  const conversationKey = `chat-${randomUUID()}`;
  const send = (text: string) =>
    harness.concierge.pipeline.receive({
      channel: 'webchat',
      conversationKey,
      platformUserId: conversationKey,
      text,
      eventKey: `webchat:${randomUUID()}`,
      receivedAt: new Date(),
    });
  return { ports, harness, send };
}

describe('a burst of messages', () => {
  it('within the debounce is one turn with one reply that answers all of them', async () => {
    const { ports, harness, send } = setUp(400);
    const received = [];
    for (const text of ['hi', 'quick question', 'what is your return policy?'])
      received.push(await send(text));
    const outcomes = await Promise.all(received.map((r) => r.turn));
    expect(outcomes.map((o) => o?.replied)).toEqual([true, true, true]);
    expect(harness.sender.delivered).toHaveLength(1);
    expect(harness.sender.delivered[0]?.text).toMatch(/return/i);
    expect(await ports.inbox.unprocessed(10)).toEqual([]);
    const conversationId = outcomes[0]?.conversationId ?? '';
    const transcript = await ports.messages.recent(conversationId, 10);
    expect(transcript.map((m) => m.role)).toEqual(['customer', 'customer', 'customer', 'bot']);
    const reply = transcript.at(-1);
    expect(reply?.role === 'bot' && reply.data?.answers).toEqual(outcomes.map((o) => o?.eventKey));
  });

  it('is answered message by message when the channel has no debounce', async () => {
    const { harness, send } = setUp(0);
    const received = [await send('hi'), await send('what is your return policy?')];
    await Promise.all(received.map((r) => r.turn));
    expect(harness.sender.delivered).toHaveLength(2);
  });

  it('ends at a pause longer than the debounce: the next message is a turn of its own', async () => {
    const { harness, send } = setUp(150);
    const first = await send('hi');
    await first.turn;
    const second = await send('what is your return policy?');
    await second.turn;
    expect(harness.sender.delivered).toHaveLength(2);
  });
});
