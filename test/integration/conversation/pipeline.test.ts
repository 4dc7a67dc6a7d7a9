import { describe, expect, it } from 'vitest';
import { BrokenModel } from '../../fakes/broken-model.js';
import { createHarness } from '../../helpers/chat-harness.js';
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
