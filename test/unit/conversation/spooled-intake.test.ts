import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConciergeError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { FileSpool } from '../../../src/spool/file-spool.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';

const logger = createLogger({ level: 'silent', format: 'json' });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'intake-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** In-memory ports whose inbox refuses (as an unreachable database does) while `down`. */
function withOutage() {
  const ports = inMemoryPorts();
  const outage = { down: false, refused: 0 };
  const record = ports.inbox.record.bind(ports.inbox);
  ports.inbox.record = async (event) => {
    if (outage.down) {
      outage.refused++;
      throw new Error('connection refused');
    }
    return record(event);
  };
  return { ports, outage };
}

async function setUp(maxBytes = 1024 * 1024) {
  const { ports, outage } = withOutage();
  const spool = await FileSpool.open({ path: join(dir, 'inbound.jsonl'), maxBytes, logger });
  const harness = createHarness(ports, { spool });
  const send = (conversationKey: string, text: string, eventKey: string) =>
    harness.concierge.pipeline.receive({
      channel: 'webchat',
      conversationKey,
      platformUserId: `user-${conversationKey}`,
      text,
      eventKey,
      receivedAt: new Date(),
    });
  return { ports, outage, spool, harness, send };
}

const replies = (harness: ReturnType<typeof createHarness>, key: string) =>
  harness.sender.delivered.filter((m) => m.conversationKey === key);

describe('inbound events while the inbox cannot take them', () => {
  it('accepts them into the spool, then answers each once, in order, when the inbox is back', async () => {
    const { outage, spool, harness, send } = await setUp();
    const before = await send('C', 'hello', 'web:C0');
    await before.turn;
    outage.down = true;
    // Slack's retry of an event stored before the outage.
    expect((await send('C', 'hello', 'web:C0')).status).toBe('accepted');
    const texts = ['hello', 'what is your return policy?', 'thanks'];
    for (const [i, text] of texts.entries()) {
      expect((await send('A', text, `web:A${i}`)).status).toBe('accepted');
      expect((await send('B', text, `web:B${i}`)).status).toBe('accepted');
    }
    // Each thread tried the inbox once; its later events went straight to the spool.
    expect(outage.refused).toBe(3);
    // A platform's retry of a spooled event is one event.
    expect((await send('A', 'hello', 'web:A0')).status).toBe('duplicate');
    expect(harness.concierge.pipeline.spooled).toBe(7);
    // Nothing is answered while the inbox is away, and a drain pass fails without losing any.
    await harness.concierge.spoolDrain.run();
    expect(harness.concierge.pipeline.spooled).toBe(7);
    expect(harness.sender.delivered).toHaveLength(1);

    outage.down = false;
    expect(await harness.concierge.pipeline.drainSpool()).toBe(7);
    await harness.concierge.pipeline.drain();
    expect(replies(harness, 'C')).toHaveLength(1);
    for (const key of ['A', 'B']) {
      const answered = replies(harness, key);
      expect(answered).toHaveLength(3);
      expect(answered[1]?.text).toMatch(/return/i);
    }
    expect(spool.size).toBe(0);
    await spool.close();
  });

  it('keeps a thread in order: while events wait, a new one waits behind them', async () => {
    const { outage, spool, harness, send, ports } = await setUp();
    outage.down = true;
    await send('A', 'hello', 'web:1');
    outage.down = false;
    // The inbox is back, but the thread has an event in the spool: this one must not overtake.
    await send('A', 'what is your return policy?', 'web:2');
    expect(await ports.inbox.unprocessed(10)).toHaveLength(0);
    // Another thread has nothing waiting, so it goes straight to the inbox and is answered.
    await (await send('B', 'hello', 'web:B1')).turn;
    expect(replies(harness, 'B')).toHaveLength(1);
    expect(harness.concierge.pipeline.spooled).toBe(2);
    await harness.concierge.pipeline.drainSpool();
    await harness.concierge.pipeline.drain();
    const answered = replies(harness, 'A');
    expect(answered).toHaveLength(2);
    expect(answered[0]?.text).toMatch(/^Hello/);
    expect(answered[1]?.text).toMatch(/return/i);
    // With the spool empty, events go straight to the inbox again.
    const direct = await send('A', 'thanks', 'web:3');
    await direct.turn;
    expect(replies(harness, 'A')).toHaveLength(3);
    expect(harness.concierge.pipeline.spooled).toBe(0);
    await spool.close();
  });

  it('refuses an event, as unavailable, when the spool is full too', async () => {
    const { outage, spool, send } = await setUp(200);
    outage.down = true;
    expect((await send('A', 'hello', 'web:1')).status).toBe('accepted');
    const refused = await send('A', 'hello again', 'web:2').catch((error: unknown) => error);
    expect(isConciergeError(refused, 'unavailable')).toBe(true);
    await spool.close();
  });
});
