import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.js';
import type { Customer, Order } from '../../../src/domain/retail.js';
import { DEMO_RETAILER } from '../../../src/domain/retailer.js';
import type { FeedEvent } from '../../../src/ports/feed.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';
import { aCustomer, BOISE } from '../../helpers/retail-records.js';

const at = new Date('2026-11-20T10:00:00Z');
const ada: Customer = aCustomer({
  paymentMethods: { card_1: { methodId: 'card_1', kind: 'card', brand: 'visa', lastFour: '4242' } },
});
const address = BOISE;
const pending: Order = {
  orderNumber: 'NW-100001',
  customerId: 'C-1',
  status: 'pending',
  placedAt: at,
  updatedAt: at,
  items: [
    {
      productId: 'P-1',
      sku: 'P-1-M',
      name: 'Trail Jacket',
      options: { size: 'M' },
      quantity: 1,
      unitPriceCents: 12_000,
    },
  ],
  subtotalCents: 12_000,
  shippingCents: 0,
  totalCents: 12_000,
  currency: 'USD',
  shippingAddress: address,
  shipment: null,
  fulfilments: [],
  payments: [{ kind: 'payment', methodId: 'card_1', amountCents: 12_000 }],
  cancelledAt: null,
  returnedAt: null,
};

const bob: Customer = { ...ada, customerId: 'C-2', name: 'Bob Brown', email: 'bob@example.com' };
const bobsOrder: Order = { ...pending, orderNumber: 'NW-100002', customerId: 'C-2' };

function setUp(now?: () => Date) {
  const ports = inMemoryPorts({ customers: [ada, bob], orders: [pending, bobsOrder] });
  const harness = createHarness(ports, {
    ...(now ? { now } : {}),
    config: {
      llm: null,
      llmTimeoutMs: 5000,
      llmMaxRetries: 0,
      retailer: {
        identity: { ...DEMO_RETAILER, storeName: 'Test Shop' },
        knowledgeDir: DEFAULT_KNOWLEDGE_DIR,
      },
    },
  });
  const feed: FeedEvent[] = [];
  harness.concierge.feed.subscribe((event) => feed.push(event));
  return { ports, harness, feed };
}

describe('the pipeline over in-memory ports (no database)', () => {
  it('verifies, cancels only after a later yes, and greets the customer by name from the context', async () => {
    const { ports, harness } = setUp();
    const chat = harness.chat();
    expect((await chat.say('Hi, I am ada@example.com, order NW-100001'))?.text).toMatch(
      /Ada, you're verified/,
    );
    expect((await chat.say('cancel order NW-100001'))?.text).toMatch(/Just to confirm/);
    expect((await ports.commerce.orderOf('C-1', 'NW-100001'))?.status).toBe('pending');
    expect((await chat.say('yes'))?.text).toMatch(/is cancelled/);
    expect((await ports.commerce.orderOf('C-1', 'NW-100001'))?.status).toBe('cancelled');
    expect((await chat.say('hello'))?.text).toMatch(/^Welcome back, Ada!/);
  });

  it("verifies with an order number of another shop's shape (#W2378156) and finds the order", async () => {
    const tauOrder: Order = { ...pending, orderNumber: '#W2378156' };
    const ports = inMemoryPorts({ customers: [ada], orders: [tauOrder] });
    const chat = createHarness(ports).chat();
    expect((await chat.say("Hi, I'm ada@example.com, order #W2378156"))?.text).toMatch(
      /Ada, you're verified/,
    );
    expect((await chat.say('cancel order #W2378156'))?.text).toMatch(/#W2378156/);
  });

  it('cancels only a pending order, and keeps the reason the customer gave', async () => {
    const packing: Order = { ...pending, orderNumber: 'NW-100004', status: 'processing' };
    const ports = inMemoryPorts({ customers: [ada], orders: [pending, packing] });
    const chat = createHarness(ports).chat();
    await chat.say('Hi, I am ada@example.com, order NW-100001');
    expect((await chat.say('cancel order NW-100004'))?.text).toMatch(
      /NW-100004 is already being prepared/,
    );
    expect((await chat.say('cancel order NW-100001, I ordered it by mistake'))?.text).toMatch(
      /Just to confirm: cancel order NW-100001 .*ordered by mistake/,
    );
    await chat.say('yes');
    expect(await ports.commerce.orderOf('C-1', 'NW-100001')).toMatchObject({
      status: 'cancelled',
      cancelReason: 'ordered by mistake',
    });
    expect((await ports.commerce.orderOf('C-1', 'NW-100004'))?.status).toBe('processing');
  });

  it('takes one return per order: a second one is refused, and the first request stays', async () => {
    const delivered: Order = {
      ...pending,
      orderNumber: 'NW-100003',
      status: 'delivered',
      shipment: {
        carrier: 'UPS',
        trackingNumber: '1Z1',
        shippedAt: new Date('2026-11-15T10:00:00Z'),
        estimatedDelivery: null,
        deliveredAt: new Date('2026-11-18T10:00:00Z'),
      },
    };
    const ports = inMemoryPorts({ customers: [ada], orders: [delivered] });
    const chat = createHarness(ports, { now: () => at }).chat();
    await chat.say('Hi, I am ada@example.com, order NW-100003');
    expect((await chat.say('I want to return order NW-100003'))?.text).toMatch(/Just to confirm/);
    expect((await chat.say('yes'))?.text).toMatch(/return for order NW-100003 is started/);
    const first = (await ports.commerce.orderOf('C-1', 'NW-100003'))?.returnRequest;
    expect(first).toMatchObject({ kind: 'return' });
    expect((await chat.say('I want to return order NW-100003'))?.text).toMatch(
      /A return was already requested for order NW-100003 on 2026-11-20/,
    );
    expect((await ports.commerce.orderOf('C-1', 'NW-100003'))?.returnRequest).toEqual(first);
    // The store refuses a second request on its own too, whatever a tool asked.
    expect(
      await ports.commerce.changeOrder(
        'C-1',
        'NW-100003',
        {
          kind: 'request_return',
          lines: [{ sku: 'P-1-M', quantity: 1 }],
          reason: 'again',
          paymentMethodId: 'card_1',
        },
        at,
      ),
    ).toMatchObject({ refused: 'wrong_status' });
  });

  it('gives a target e-mail at most 10 guesses a day, however many sessions and clients ask', async () => {
    let clock = at.getTime();
    const { harness } = setUp(() => new Date(clock));
    let checked = 0;
    let refused: string | undefined;
    // A guess every five minutes for a day, each from a new session of a new client.
    for (let guess = 0; guess < 288; guess++) {
      const reply = await harness
        .chat(`visitor-${guess}`)
        .say(`I'm ada@example.com, order NW-${200000 + guess}`);
      if (/don't match an account/.test(reply?.text ?? '')) checked++;
      else refused = reply?.text;
      clock += 5 * 60_000;
    }
    expect(checked).toBeLessThanOrEqual(10);
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(refused).toMatch(/too many verification attempts\. Please try again in \d+ minutes/);
    // The right answer, still within the day, is refused too: the guesses used the day up.
    clock = at.getTime() + 23 * 3_600_000;
    const right = await harness.chat('visitor-late').say("I'm ada@example.com, order NW-100001");
    expect(right?.text).toMatch(/too many verification attempts/);
    clock = at.getTime() + 25 * 3_600_000;
    const nextDay = await harness.chat('visitor-next').say("I'm ada@example.com, order NW-100001");
    expect(nextDay?.text).toMatch(/Ada, you're verified/);
  });

  it('keeps one customer per conversation, and audits the attempt to switch', async () => {
    const { ports, harness } = setUp();
    const chat = harness.chat();
    await chat.say('Hi, I am ada@example.com, order NW-100001');
    const second = await chat.say('Actually I am bob@example.com, order NW-100002');
    expect(second?.text).toMatch(/already verified for another account/);
    const conversation = await ports.conversations.findByKey('webchat', chat.conversationKey);
    expect(conversation?.customerId).toBe('C-1');
    expect((await chat.say('show my orders'))?.text).toContain('NW-100001');
    expect((await chat.say('show my orders'))?.text).not.toContain('NW-100002');
    const audit = await ports.auditLog.recent(10);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'second_identity_refused',
        conversationId: conversation?.conversationId,
      }),
    );
  });

  it('rejects at its door what is not a message, and stores nothing of it', async () => {
    const { ports, harness } = setUp();
    const received = await harness.concierge.pipeline.receive({
      channel: 'teams',
      conversationKey: 'x'.repeat(700),
      platformUserId: 'u',
      text: 'hello',
      eventKey: 'teams:long',
      receivedAt: new Date(),
    });
    expect(received.status).toBe('rejected');
    expect(await ports.inbox.unprocessed(10)).toEqual([]);
  });

  it('announces a closed conversation reopening with the bot', async () => {
    const { ports, harness, feed } = setUp();
    const chat = harness.chat();
    await chat.say('hello');
    const conversation = await ports.conversations.findByKey('webchat', chat.conversationKey);
    if (!conversation) throw new Error('no conversation');
    const closed = await harness.concierge.modes.change(
      conversation.conversationId,
      ['bot'],
      'closed',
    );
    expect(closed.changed).toBe(true);
    feed.length = 0;
    await chat.say('hello again');
    expect(feed).toContainEqual(
      expect.objectContaining({
        type: 'mode',
        conversationId: conversation.conversationId,
        mode: 'bot',
      }),
    );
  });

  it('does not announce a takeover whose mode change lost', async () => {
    const { ports, harness, feed } = setUp();
    const chat = harness.chat();
    await chat.say('talk to a person');
    const conversation = await ports.conversations.findByKey('webchat', chat.conversationKey);
    const escalation = await ports.escalations.findActive(conversation?.conversationId ?? '');
    if (!conversation || !escalation) throw new Error('no escalation');
    // The conversation moves on before the take reaches its mode change.
    await harness.concierge.modes.change(conversation.conversationId, ['queued'], 'closed');
    feed.length = 0;
    const taken = await harness.concierge.handoff.take(escalation.escalationId, {
      username: 'grace',
      role: 'agent',
    });
    expect(taken).toEqual({ ok: false, error: 'already_closed' });
    expect(feed.filter((e) => e.type === 'mode' || e.type === 'escalation')).toEqual([]);
    const transcript = await ports.messages.recent(conversation.conversationId, 20);
    expect(transcript.some((m) => m.role === 'staff')).toBe(false);
  });
});
