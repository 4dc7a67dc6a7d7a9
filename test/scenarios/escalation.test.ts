import { describe, expect, it } from 'vitest';
import { BusinessHours } from '../../src/domain/business-hours.js';
import { DEFAULT_HANDOFF_POLICY } from '../../src/domain/handoff-policy.js';
import { createHarness } from '../helpers/chat-harness.js';
import { useDemoShop } from '../helpers/shop.js';

const shop = useDemoShop('scen_escalation');
const { t } = shop;
/** A Saturday, 12:00 UTC: outside Mon-Fri hours. */
const SATURDAY_NOON = new Date('2026-12-05T12:00:00Z');
const WEEKDAYS = BusinessHours.parse('Mon-Fri 09:00-17:00', 'UTC');

const harness = (handoff: Partial<typeof DEFAULT_HANDOFF_POLICY> = {}, now?: () => Date) =>
  createHarness(t.store, {
    config: {
      llm: null,
      llmTimeoutMs: 5000,
      llmMaxRetries: 0,
      handoff: {
        ...DEFAULT_HANDOFF_POLICY,
        unattendedAfterMs: 60_000,
        staffSlackChannel: null,
        ...handoff,
      },
    },
    ...(now ? { now } : {}),
  });

async function escalationOf(conversationKey: string) {
  const conversation = await t.store.conversations.findByKey('webchat', conversationKey);
  return t.store.escalations.findActive(conversation?.conversationId ?? '');
}

describe('what an escalation carries', () => {
  it('records the verified customer with their recent orders, and a summary', async () => {
    const h = harness();
    const { order, customer } = await shop.order({ status: 'shipped' });
    const chat = h.chat();
    await chat.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    await chat.say('I want to talk to a human');
    const escalation = await escalationOf(chat.conversationKey);
    expect(escalation?.customerId).toBe(customer.customerId);
    expect(escalation?.recentOrders.map((o) => o.orderNumber)).toContain(order.orderNumber);
    expect(escalation?.summary).toMatch(/customer: I want to talk to a human/);
  });
});

describe('refunds above the approval limit', () => {
  it('go to a person with high priority instead of being proposed by the bot', async () => {
    const { order, customer } = await shop.recentDelivery();
    const h = harness({ refundApprovalLimitCents: 100 });
    const chat = h.chat();
    await chat.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    const reply = await chat.say(`I'd like to return order ${order.orderNumber}`);
    expect(reply?.text).toMatch(new RegExp(`refund of that size on order ${order.orderNumber}`));
    expect(reply?.text).toMatch(/asked a person/);
    expect(reply?.text).not.toMatch(/Just to confirm/);
    const escalation = await escalationOf(chat.conversationKey);
    expect(escalation).toMatchObject({ priority: 'high', customerId: customer.customerId });
    expect(escalation?.reason).toMatch(/above the approval limit/);
    expect(
      (await t.store.orders.findByNumber(order.orderNumber))?.returnRequest ?? null,
    ).toBeNull();
  });

  it('below the limit are proposed as usual', async () => {
    const { order, customer } = await shop.recentDelivery();
    const chat = harness({ refundApprovalLimitCents: 10_000_000 }).chat();
    await chat.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    expect((await chat.say(`I'd like to return order ${order.orderNumber}`))?.text).toMatch(
      /Just to confirm: return/,
    );
  });
});

describe('business hours and waiting', () => {
  it('tells a customer outside business hours when a person will be back, in their language', async () => {
    const h = harness({ businessHours: WEEKDAYS }, () => SATURDAY_NOON);
    const en = await h.chat().say('I want to talk to a person');
    expect(en?.text).toMatch(/away right now and back on Monday 09:00 \(UTC\)/);
    const zh = await h.chat().say('我要转人工');
    expect(zh?.text).toMatch(/星期一/);
    const open = await harness({ businessHours: WEEKDAYS }, () => new Date('2026-12-07T10:00:00Z'))
      .chat()
      .say('I want to talk to a person');
    expect(open?.text).not.toMatch(/away right now/);
  });

  it('tells a queued customer once that nobody is free yet, and keeps the escalation open', async () => {
    let now = new Date('2026-12-07T10:00:00Z');
    const h = harness({}, () => now);
    const chat = h.chat();
    await chat.say('I want to talk to a person');
    const toThisCustomer = () =>
      h.sender.delivered
        .filter((m) => m.conversationKey === chat.conversationKey)
        .map((m) => m.text);
    const before = toThisCustomer().length;
    now = new Date(now.getTime() + 30_000);
    await h.concierge.unattended.check();
    expect(toThisCustomer()).toHaveLength(before);
    now = new Date(now.getTime() + 60_000);
    await h.concierge.unattended.check();
    await h.concierge.unattended.check();
    expect(toThisCustomer().slice(before)).toEqual([
      expect.stringMatching(/nobody from our team is free yet/),
    ]);
    expect((await escalationOf(chat.conversationKey))?.status).toBe('open');
  });
});
