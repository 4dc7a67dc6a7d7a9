import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/domain/channel.js';
import { customerMessageId, replyOutboxId } from '../../../src/domain/messaging.js';
import { BrokenModel } from '../../fakes/broken-model.js';
import { GatedModel } from '../../fakes/gated-model.js';
import { createHarness, RecordingSender } from '../../helpers/chat-harness.js';
import { useDemoHelpCenter, useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('pipeline');
useDemoHelpCenter(t);

describe('the conversation pipeline when the agent itself fails', () => {
  it('still answers the customer, in their language, and records the turn as processed', async () => {
    const broken = new BrokenModel({});
    const h = createHarness(t.store, {
      models: { primary: broken, offline: broken, description: 'broken' },
    });
    const chat = h.chat();
    expect((await chat.say('hello'))?.text).toMatch(/something went wrong on my side/);
    expect((await chat.say('你好'))?.text).toMatch(/出了点问题/);
    expect(await t.store.inbox.unprocessed(10)).toEqual([]);
  });
});

describe('answering after a crash, without answering twice', () => {
  async function crashedAt(stage: 'before-turn' | 'after-reply', name: string = stage) {
    const h = createHarness(t.store);
    const key = `crash-${name}`;
    const event = {
      eventKey: `webchat:${key}:1`,
      channel: 'webchat' as const,
      conversationKey: key,
      platformUserId: key,
      text: 'hello',
      receivedAt: new Date(),
    };
    await t.store.inbox.record(event);
    const conversation = await t.store.conversations.open({ ...event, at: event.receivedAt });
    await t.store.messages.append(
      {
        conversationId: conversation.conversationId,
        role: 'customer',
        text: 'hello',
        createdAt: event.receivedAt,
        eventKey: event.eventKey,
      },
      customerMessageId(event.eventKey),
    );
    if (stage === 'after-reply') {
      // Under the id every turn stores its reply with.
      await t.store.messages.append(
        {
          conversationId: conversation.conversationId,
          role: 'bot',
          text: 'the reply stored before the crash',
          createdAt: new Date(),
          eventKey: event.eventKey,
        },
        replyOutboxId(event.eventKey),
      );
    }
    return { h, key };
  }

  it('answers a message that was stored but never answered', async () => {
    const { h, key } = await crashedAt('before-turn');
    await h.concierge.pipeline.recover();
    await h.concierge.pipeline.drain();
    expect(h.sender.delivered.filter((m) => m.conversationKey === key).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Hello!/),
    ]);
  });

  it('after a restart, answers the message left unanswered before one that arrives before the recovery pass', async () => {
    const { h, key } = await crashedAt('before-turn', 'restart-order');
    h.concierge.pipeline.holdTurnsUntilRecovered();
    // The next message arrives as soon as the new process listens: kept, its turn held.
    const { turn } = await h.concierge.pipeline.receive({
      eventKey: `webchat:${key}:2`,
      channel: 'webchat',
      conversationKey: key,
      platformUserId: key,
      text: 'what is your returns policy?',
      receivedAt: new Date(),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.sender.delivered.filter((m) => m.conversationKey === key)).toEqual([]);
    await h.concierge.pipeline.recover();
    await turn;
    await h.concierge.pipeline.drain();
    expect(h.sender.delivered.filter((m) => m.conversationKey === key).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Hello!/),
      expect.stringMatching(/return/i),
    ]);
  });

  it('sends the reply stored before the crash instead of answering again, once', async () => {
    const { h, key } = await crashedAt('after-reply');
    await h.concierge.pipeline.recover();
    await h.concierge.pipeline.drain();
    await h.concierge.pipeline.recover();
    await h.concierge.pipeline.drain();
    expect(h.sender.delivered.filter((m) => m.conversationKey === key).map((m) => m.text)).toEqual([
      'the reply stored before the crash',
    ]);
    const conversation = await t.store.conversations.findByKey('webchat', key);
    const bots = (await t.store.messages.recent(conversation?.conversationId ?? '', 10)).filter(
      (m) => m.role === 'bot',
    );
    expect(bots).toHaveLength(1);
    // The crash came before the turn's memory write: the next turn still sees the exchange.
    expect(conversation?.recent?.map((m) => [m.role, m.text])).toEqual([
      ['customer', 'hello'],
      ['bot', 'the reply stored before the crash'],
    ]);
  });
});

describe('turns of one conversation', () => {
  function gatedHarness() {
    const model = new GatedModel({});
    const h = createHarness(t.store, {
      models: { primary: model, offline: model, description: 'gated' },
    });
    const conversationKey = `turns-${randomUUID()}`;
    const send = (text: string) =>
      h.concierge.pipeline.receive({
        channel: 'webchat',
        conversationKey,
        platformUserId: conversationKey,
        text,
        eventKey: `webchat:${randomUUID()}`,
        receivedAt: new Date(),
      });
    const conversation = () => t.store.conversations.findByKey('webchat', conversationKey);
    return { h, model, send, conversation };
  }

  it('answer a message sent during the previous turn after it, with that turn in its prompt', async () => {
    const { h, model, send, conversation } = gatedHarness();
    const gate = model.hold();
    const first = await send('hello');
    await gate.entered;
    const second = await send('what is your return policy?');
    gate.release();
    await Promise.all([first.turn, second.turn]);
    const [hello, policy] = h.sender.delivered.map((m) => m.text);
    expect(hello).toMatch(/^Hello!/);
    expect(policy).toMatch(/return/i);
    expect((await conversation())?.recent?.map((m) => [m.role, m.text])).toEqual([
      ['customer', 'hello'],
      ['bot', hello],
      ['customer', 'what is your return policy?'],
      ['bot', policy],
    ]);
    const secondPrompt = model.prompts.find((p) =>
      p.some((m) => m.content === 'what is your return policy?'),
    );
    expect(secondPrompt?.map((m) => [m.getType(), m.content]).slice(-3)).toEqual([
      ['human', 'hello'],
      ['ai', hello],
      ['human', 'what is your return policy?'],
    ]);
  });

  it('stay silent when a person takes over while the model is thinking, and keep the message', async () => {
    const { h, model, send, conversation } = gatedHarness();
    const gate = model.hold();
    const { turn } = await send('where is my order?');
    await gate.entered;
    const before = await conversation();
    expect(
      (
        await t.store.conversations.changeMode(
          before?.conversationId ?? '',
          ['bot'],
          'human',
          new Date(),
        )
      ).changed,
    ).toBe(true);
    gate.release();
    expect(await turn).toMatchObject({ replied: false });
    expect(h.sender.delivered).toEqual([]);
    const after = await conversation();
    const transcript = await t.store.messages.recent(after?.conversationId ?? '', 10);
    expect(transcript.map((m) => m.role)).toEqual(['customer']);
    expect(after?.recent?.map((m) => m.text)).toEqual(['where is my order?']);
    expect(await t.store.inbox.unprocessed(10)).toEqual([]);
  });
});

describe('internal notes', () => {
  it('never reach a customer on any channel: no delivery, no outbox entry, while replies do', async () => {
    const h = createHarness(t.store);
    const senders = new Map(CHANNELS.map((channel) => [channel, new RecordingSender()]));
    for (const [channel, sender] of senders) h.concierge.senders.register(channel, sender);
    for (const channel of CHANNELS) {
      const conversation = await t.store.conversations.open({
        channel,
        conversationKey: `notes-${channel}`,
        platformUserId: `u-${channel}`,
        at: new Date(),
      });
      await h.concierge.pipeline.post(conversation, {
        role: 'note',
        text: `staff only on ${channel}`,
        author: 'ada',
      });
      await h.concierge.pipeline.post(conversation, {
        role: 'staff',
        text: `hello on ${channel}`,
        author: 'ada',
      });
      const outbox = await t.db
        .collection('outbox')
        .find({ conversationId: conversation.conversationId })
        .toArray();
      expect(outbox.map((e) => e.text)).toEqual([`hello on ${channel}`]);
      expect(senders.get(channel)?.delivered.map((m) => m.text)).toEqual([`hello on ${channel}`]);
      const stored = await t.store.messages.recent(conversation.conversationId, 10);
      expect(stored.map((m) => m.role)).toEqual(['note', 'staff']);
    }
  });
});
