import { describe, expect, it } from 'vitest';
import { ratingIn } from '../../../src/conversation/resolutions.js';
import { dayOf } from '../../../src/domain/insights.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';
import { BOISE } from '../../helpers/retail-records.js';

const MINUTE = 60_000;
const grace = { username: 'grace', role: 'agent' as const };

function setUp() {
  let clock = Date.now();
  const now = () => new Date(clock);
  const ports = inMemoryPorts();
  const harness = createHarness(ports, {
    now,
    config: {
      llm: null,
      llmTimeoutMs: 5000,
      llmMaxRetries: 0,
      conversations: {
        leaseTtlMs: 15_000,
        burstDebounceMs: { webchat: 0, slack: 0, discord: 0, teams: 0 },
        idleMs: 30 * MINUTE,
        handoffIdleMs: 24 * 60 * MINUTE,
      },
    },
  });
  const chat = harness.chat();
  const conversation = async () => {
    const found = await ports.conversations.findByKey('webchat', chat.conversationKey);
    if (!found) throw new Error('no conversation');
    return found;
  };
  const toCustomer = () =>
    harness.sender.delivered.filter((m) => m.conversationKey === chat.conversationKey);
  const surveysAsked = () =>
    toCustomer().filter((m) => m.quickReplies.some((q) => q.id.startsWith('rate_'))).length;
  const counts = async () =>
    (await ports.insights.period(dayOf(now()), dayOf(now()))).days[0]?.counts;
  return {
    ports,
    harness,
    chat,
    conversation,
    surveysAsked,
    counts,
    toCustomer,
    later(ms: number) {
      clock += ms;
    },
    idlePass: () => harness.concierge.resolutions.check(),
  };
}

describe('conversation outcomes and the satisfaction survey', () => {
  it('asks once for a rating when the customer thanks the bot after an answer, and records it', async () => {
    const t = setUp();
    await t.chat.say('what is your return policy?');
    const thanks = await t.chat.say('thanks, that helps!');
    expect(thanks?.text).toMatch(/rate this conversation/);
    expect(thanks?.quickReplies.map((q) => q.id)).toEqual([
      'rate_1',
      'rate_2',
      'rate_3',
      'rate_4',
      'rate_5',
    ]);
    const { conversationId } = await t.conversation();
    expect((await t.ports.outcomes.of(conversationId)).map((o) => o.kind)).toEqual([
      'resolved_by_bot',
    ]);
    // The press of "4" sends "4".
    const rated = await t.chat.say('4');
    expect(rated?.text).toMatch(/Thank you for rating/);
    expect((await t.ports.surveys.find(conversationId))?.rating).toBe(4);
    const comment = await t.chat.say('Lovely and quick, well done');
    expect(comment?.text).toMatch(/passed that on/);
    expect((await t.ports.surveys.find(conversationId))?.comment).toBe(
      'Lovely and quick, well done',
    );
    expect(await t.counts()).toMatchObject({
      csat: { webchat: { 4: 1 } },
      outcomes: { resolved_by_bot: 1 },
      conversations: { webchat: 1 },
    });
    // The conversation goes on and ends again: a second outcome, never a second survey.
    await t.chat.say('where do you ship to?');
    await t.chat.say('thank you, bye');
    t.later(31 * MINUTE);
    await t.idlePass();
    expect(t.surveysAsked()).toBe(1);
    expect((await t.ports.outcomes.of(conversationId)).map((o) => o.episode)).toEqual([0, 1]);
    expect(await t.counts()).toMatchObject({
      outcomes: { resolved_by_bot: 2 },
      reopened: { webchat: 1 },
    });
  });

  it('a "thanks" before the bot answered anything is not a resolution', async () => {
    const t = setUp();
    const reply = await t.chat.say('thanks');
    expect(reply?.quickReplies).toEqual([]);
    expect(await t.ports.outcomes.of((await t.conversation()).conversationId)).toEqual([]);
  });

  it('records a quiet conversation as resolved and asks for a rating once, in its own message', async () => {
    const t = setUp();
    await t.chat.say('what is your return policy?');
    t.later(29 * MINUTE);
    await t.idlePass();
    expect(t.surveysAsked()).toBe(0);
    t.later(2 * MINUTE);
    await t.idlePass();
    await t.idlePass();
    expect(t.surveysAsked()).toBe(1);
    expect(t.toCustomer().at(-1)?.text).toMatch(/rate this conversation/);
    const outcomes = await t.ports.outcomes.of((await t.conversation()).conversationId);
    expect(outcomes.map((o) => o.kind)).toEqual(['resolved_by_bot']);
  });

  it('a conversation left with something waiting on the customer is abandoned: no survey', async () => {
    const t = setUp();
    await t.chat.say('what is your return policy?');
    const { conversationId } = await t.conversation();
    // As a proposed change leaves it: waiting for the customer's yes.
    await t.ports.conversations.setPendingAction(conversationId, {
      kind: 'change_default_address',
      address: BOISE,
      description: 'make 1 Main St, Boise your default address',
      turnId: 'turn-1',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    t.later(31 * MINUTE);
    await t.idlePass();
    expect(t.surveysAsked()).toBe(0);
    expect((await t.ports.outcomes.of(conversationId)).map((o) => o.kind)).toEqual(['abandoned']);
  });

  it('never asks while a person handles it; staff closing records who resolved it, then asks', async () => {
    const t = setUp();
    await t.chat.say('what is your return policy?');
    await t.chat.say('talk to a person');
    const { conversationId } = await t.conversation();
    const escalation = await t.ports.escalations.findActive(conversationId);
    expect(escalation?.category).toBe('customer_asked');
    await t.harness.concierge.handoff.take(escalation?.escalationId ?? '', grace);
    expect(await t.chat.say('thanks so much')).toBeNull();
    t.later(31 * MINUTE);
    await t.idlePass();
    expect(t.surveysAsked()).toBe(0);
    expect(await t.ports.outcomes.of(conversationId)).toEqual([]);
    expect(await t.harness.concierge.handoff.close(conversationId, grace)).toEqual({ ok: true });
    expect(t.surveysAsked()).toBe(1);
    const [outcome] = await t.ports.outcomes.of(conversationId);
    expect(outcome).toMatchObject({ kind: 'resolved_by_person', handoffReason: 'customer_asked' });
    // The rating is taken in the closed conversation, which stays closed.
    expect((await t.chat.say('5'))?.text).toMatch(/Thank you for rating/);
    expect((await t.conversation()).mode).toBe('closed');
    expect((await t.ports.surveys.find(conversationId))?.rating).toBe(5);
  });

  it('keeps why it went to a person when staff hand it back before closing it', async () => {
    const t = setUp();
    await t.chat.say('what is your return policy?');
    await t.chat.say('talk to a person');
    const { conversationId } = await t.conversation();
    const escalation = await t.ports.escalations.findActive(conversationId);
    await t.harness.concierge.handoff.take(escalation?.escalationId ?? '', grace);
    await t.harness.concierge.handoff.handBack(conversationId, grace);
    await t.harness.concierge.handoff.close(conversationId, grace);
    expect(await t.ports.outcomes.of(conversationId)).toMatchObject([
      { kind: 'resolved_by_person', handoffReason: 'customer_asked' },
    ]);
    // A later episode without a person has no handoff reason.
    await t.chat.say('where do you ship to?');
    await t.chat.say('thanks, bye');
    expect((await t.ports.outcomes.of(conversationId)).at(-1)).toMatchObject({
      episode: 1,
      kind: 'resolved_by_bot',
      handoffReason: null,
    });
  });

  it('a request nobody took for a day ended handed off, with its reason', async () => {
    const t = setUp();
    await t.chat.say('asdf qwer zxcv');
    await t.chat.say('lkjh poiu mnbv');
    const { conversationId } = await t.conversation();
    expect((await t.conversation()).mode).toBe('queued');
    t.later(31 * MINUTE);
    await t.idlePass();
    expect(await t.ports.outcomes.of(conversationId)).toEqual([]);
    t.later(24 * 60 * MINUTE);
    await t.idlePass();
    expect(await t.ports.outcomes.of(conversationId)).toMatchObject([
      { kind: 'handed_off', handoffReason: 'not_understood' },
    ]);
    expect(t.surveysAsked()).toBe(0);
    expect(await t.counts()).toMatchObject({ handoffs: { not_understood: 1 } });
  });
});

describe('ratingIn', () => {
  it('reads a digit, a fraction, stars; nothing else', () => {
    expect(['5', '4/5', '3 stars', '★★', '2分', ' 1. '].map(ratingIn)).toEqual([5, 4, 3, 2, 2, 1]);
    expect(['6', '0', 'five', '45', 'I give it a 4 because'].map(ratingIn)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
