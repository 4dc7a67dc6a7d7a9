import { describe, expect, it } from 'vitest';
import { Delivery } from '../../../src/conversation/delivery.js';
import { PermanentDeliveryError, Senders } from '../../../src/conversation/senders.js';
import type { OutboxEntry } from '../../../src/domain/messaging.js';
import { createLogger } from '../../../src/logger.js';
import type { Outbox } from '../../../src/ports/messaging.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';

const at = new Date('2026-12-01T10:00:00Z');
const logger = createLogger({ level: 'silent', format: 'json' });

/** A Discord reply stored in `outbox` under `outboxId`, taken for delivery. */
async function storedReply(outbox: Outbox, outboxId: string, when: Date): Promise<OutboxEntry> {
  const entry = await outbox.enqueueOnce(
    outboxId,
    {
      conversationId: 'c',
      channel: 'discord',
      conversationKey: 'chan:user',
      text: 'hello',
      authorRole: 'bot',
      data: { cards: [], quickReplies: [] },
    },
    when,
  );
  if (!entry) throw new Error('not enqueued');
  return entry;
}

async function deliverFailing(error: Error) {
  const { outbox } = inMemoryPorts();
  const senders = new Senders();
  senders.register('discord', {
    deliver: async () => {
      throw error;
    },
  });
  const entry = await storedReply(outbox, 'reply:1', at);
  await new Delivery(outbox, senders, logger, () => at).deliver(entry);
  return outbox.findById('reply:1');
}

describe('delivery', () => {
  it('fails for good, without a retry, what the platform refuses for good', async () => {
    const stored = await deliverFailing(new PermanentDeliveryError('Missing Access', 403));
    expect(stored).toMatchObject({ status: 'failed', lastError: 'Missing Access' });
  });

  it('retries later what failed for another reason', async () => {
    const stored = await deliverFailing(new Error('socket hang up'));
    expect(stored).toMatchObject({ status: 'pending', lastError: 'socket hang up' });
    expect(stored?.nextAttemptAt.getTime()).toBeGreaterThan(at.getTime());
  });

  it('never hands a reply to the platform twice when recording it as sent failed', async () => {
    const { outbox } = inMemoryPorts();
    let clock = at.getTime();
    const delivered: string[] = [];
    const senders = new Senders();
    senders.register('discord', {
      deliver: async (message) => {
        delivered.push(message.outboxId);
      },
    });
    const markSent = outbox.markSent.bind(outbox);
    let databaseDown = true;
    outbox.markSent = async (outboxId, sentAt) => {
      if (databaseDown) throw new Error('connection refused');
      return markSent(outboxId, sentAt);
    };
    const entry = await storedReply(outbox, 'reply:2', new Date(clock));
    const delivery = new Delivery(outbox, senders, logger, () => new Date(clock));
    await delivery.deliver(entry);
    expect(delivered).toEqual(['reply:2']);
    // Past the outbox lease the entry is due again; the pass records it instead of resending.
    clock += 10 * 60_000;
    await delivery.flush();
    databaseDown = false;
    await delivery.flush();
    expect(delivered).toEqual(['reply:2']);
    expect(await outbox.findById('reply:2')).toMatchObject({ status: 'sent' });
  });
});
