import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatModels } from '../../../src/agent/models.js';
import { FakeOpenAI } from '../../../src/eval/scripted-openai.js';
import { createHarness } from '../../helpers/chat-harness.js';
import { useDemoHelpCenter, useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('openai');
useDemoHelpCenter(t);
let fake: FakeOpenAI;
let baseUrl: string;
beforeEach(async () => {
  fake = new FakeOpenAI();
  baseUrl = await fake.start();
});
afterEach(() => fake.stop());

function harness(timeoutMs: number, maxRetries: number) {
  const config = {
    llm: { apiKey: 'sk-test-key', baseUrl, model: 'fake-model' },
    llmTimeoutMs: timeoutMs,
    llmMaxRetries: maxRetries,
  };
  return createHarness(t.store, { config, models: createChatModels(config) });
}

describe('the ChatOpenAI path against an OpenAI-compatible server', () => {
  it('calls a tool the model asks for and delivers the streamed final answer', async () => {
    fake.reply(
      { kind: 'tool_call', name: 'search_help_center', args: { query: 'can I return boots' } },
      { kind: 'text', text: 'You can return unworn items within 30 days.' },
    );
    const h = harness(5000, 0);
    const reply = await h.chat().say('Can I return my boots?');
    expect(reply?.text).toBe('You can return unworn items within 30 days.');
    // The answer reached the channel piece by piece before the stored reply.
    expect(h.sender.partials.length).toBeGreaterThan(2);
    expect(h.sender.partials.at(-1)).toBe(reply?.text);
    expect(h.sender.partials[0]?.length).toBeLessThan(reply?.text.length ?? 0);
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first?.authorization).toBe('Bearer sk-test-key');
    expect(first?.body.stream).toBe(true);
    expect(first?.body.model).toBe('fake-model');
    expect(first?.body.tools?.map((tool) => tool.function.name)).toContain('search_help_center');
    expect(first?.body.messages[0]).toMatchObject({ role: 'system' });
    const toolMessage = second?.body.messages.find((m) => m.role === 'tool');
    expect(String(toolMessage?.content)).toMatch(/Unworn items can be returned within 30 days/);
    expect(String(toolMessage?.content)).toMatch(/help\.northwind\.example\/en\/returns/);
  });

  it('does price arithmetic with the calculate tool, to the cent', async () => {
    fake.reply(
      { kind: 'tool_call', name: 'calculate', args: { expression: '(129.99 - 89.5) * 2 / 3' } },
      { kind: 'text', text: 'The difference comes to $26.99.' },
    );
    const reply = await harness(5000, 0).chat().say('How much would I get back?');
    expect(reply?.text).toBe('The difference comes to $26.99.');
    const toolMessage = fake.requests[1]?.body.messages.find((m) => m.role === 'tool');
    expect(JSON.parse(String(toolMessage?.content))).toMatchObject({ ok: true, result: 26.99 });
  });

  it('retries after a 429 with retry-after and answers from the LLM', async () => {
    fake.reply(
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'text', text: 'Hello from the model.' },
    );
    const reply = await harness(10_000, 1).chat().say('hello');
    expect(reply?.text).toBe('Hello from the model.');
    expect(fake.requests).toHaveLength(2);
  });

  it('falls back to the offline model on a 500', async () => {
    fake.reply({ kind: 'status', status: 500 });
    const started = performance.now();
    const reply = await harness(5000, 0).chat().say('hello');
    expect(reply?.text).toMatch(/^Hello! I can help/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('falls back to the offline model when the request hangs, within the timeout plus one second', async () => {
    fake.reply({ kind: 'hang' });
    const timeoutMs = 1500;
    const h = harness(timeoutMs, 0);
    const started = performance.now();
    const reply = await h.chat().say('What is your warranty policy?');
    const elapsed = performance.now() - started;
    expect(reply?.text).toMatch(/two-year warranty/);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 1000);
    const conversation = await t.store.conversations.findByKey(
      'webchat',
      h.sender.delivered[0]?.conversationKey ?? '',
    );
    const [bot] = await t.store.messages.recent(conversation?.conversationId ?? '', 1);
    expect(bot?.data).toMatchObject({ engine: 'offline' });
  });
});
