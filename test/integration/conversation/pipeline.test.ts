import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/store/repositories/platform-identities.js';
import { BrokenModel } from '../../fakes/broken-model.js';
import { createHarness, RecordingSender } from '../../helpers/chat-harness.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('pipeline');

describe('the conversation pipeline when the agent itself fails', () => {
  it('still answers the customer, in their language, and records the turn as processed', async () => {
    const broken = new BrokenModel({});
    const h = createHarness(t.store, {
      models: { primary: broken, offline: broken, description: 'broken' },
    });
    const chat = h.chat();
    expect((await chat.say('hello'))?.text).toMatch(/something went wrong on my side/);
    expect((await chat.say('你好'))?.text).toMatch(/出了点问题/);
    expect(await t.store.inboundEvents.unprocessed(10)).toEqual([]);
  });
});

describe('answering after a crash, without answering twice', () => {
  async function crashedAt(stage: 'before-turn' | 'after-reply') {
    const h = createHarness(t.store);
    const key = `crash-${stage}`;
    const event = {
      eventKey: `webchat:${key}:1`,
      channel: 'webchat' as const,
      conversationKey: key,
      platformUserId: key,
      text: 'hello',
      receivedAt: new Date(),
    };
    await t.store.inboundEvents.record(event);
    const conversation = await t.store.conversations.open({ ...event, at: event.receivedAt });
    await t.store.messages.append({
      conversationId: conversation.conversationId,
      role: 'customer',
      text: 'hello',
      createdAt: event.receivedAt,
      eventKey: event.eventKey,
    });
    if (stage === 'after-reply') {
      await t.store.messages.append({
        conversationId: conversation.conversationId,
        role: 'bot',
        text: 'the reply stored before the crash',
        createdAt: new Date(),
        eventKey: event.eventKey,
      });
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
