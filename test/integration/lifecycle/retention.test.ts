import { describe, expect, it } from 'vitest';
import { pruneExpired } from '../../../src/lifecycle/retention.js';
import { createLogger } from '../../../src/logger.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('retention');
const logger = createLogger({ level: 'silent', format: 'json' });
const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

/** The fields a collection's unique indexes need, set from the fixture's `_id`. */
const UNIQUE_FIELDS: Record<string, (id: string) => Record<string, string>> = {
  inbound_events: (id) => ({ eventKey: id }),
  outbox: (id) => ({ outboxId: id }),
  escalations: (id) => ({ escalationId: id }),
  conversations: (id) => ({ channel: 'webchat', conversationKey: id }),
};

/** Per collection: documents either side of its window, and which of them must stay. */
const FIXTURES: Record<
  string,
  { keep: Record<string, unknown>[]; drop: Record<string, unknown>[] }
> = {
  inbound_events: {
    keep: [
      { _id: 'e-recent', processedAt: daysAgo(1), receivedAt: daysAgo(1) },
      // Never answered: kept however old, its turn is still owed.
      { _id: 'e-pending', processedAt: null, receivedAt: daysAgo(30) },
    ],
    drop: [{ _id: 'e-old', processedAt: daysAgo(8), receivedAt: daysAgo(8) }],
  },
  outbox: {
    keep: [
      { _id: 'o-recent', status: 'sent', createdAt: daysAgo(2) },
      { _id: 'o-unsent', status: 'pending', createdAt: daysAgo(20) },
    ],
    drop: [
      { _id: 'o-sent', status: 'sent', createdAt: daysAgo(8) },
      { _id: 'o-failed', status: 'failed', createdAt: daysAgo(9) },
    ],
  },
  claims: {
    keep: [{ _id: 'c-recent', at: daysAgo(6) }],
    drop: [{ _id: 'c-old', at: daysAgo(8) }],
  },
  attempts: {
    keep: [{ _id: 'a-recent', key: 'k', seq: 2, at: daysAgo(1) }],
    drop: [{ _id: 'a-old', key: 'k', seq: 1, at: daysAgo(10) }],
  },
  broadcasts: {
    keep: [{ _id: 'b-recent', at: new Date(NOW.getTime() - 60_000) }],
    drop: [{ _id: 'b-old', at: new Date(NOW.getTime() - 3_600_000) }],
  },
  staff_sessions: {
    keep: [{ _id: 's-valid', expiresAt: new Date(NOW.getTime() + 3_600_000) }],
    drop: [{ _id: 's-expired', expiresAt: new Date(NOW.getTime() - 1) }],
  },
  rate_counters: {
    keep: [{ _id: 'r-current', count: 1, expiresAt: new Date(NOW.getTime() + 30_000) }],
    drop: [{ _id: 'r-over', count: 3, expiresAt: new Date(NOW.getTime() - 30_000) }],
  },
  messages: {
    keep: [{ _id: 'm-recent', conversationId: 'conv-live', createdAt: daysAgo(29) }],
    drop: [{ _id: 'm-old', conversationId: 'conv-live', createdAt: daysAgo(31) }],
  },
  conversations: {
    keep: [{ _id: 'conv-live', conversationId: 'conv-live', updatedAt: daysAgo(1) }],
    drop: [{ _id: 'conv-silent', conversationId: 'conv-silent', updatedAt: daysAgo(40) }],
  },
  escalations: {
    keep: [
      { _id: 'x-recent', status: 'closed', createdAt: daysAgo(3) },
      { _id: 'x-open', status: 'open', createdAt: daysAgo(60) },
    ],
    drop: [{ _id: 'x-old', status: 'closed', createdAt: daysAgo(45) }],
  },
  knowledge_gaps: {
    keep: [{ _id: 'g-recent', question: 'q1', lastAt: daysAgo(2) }],
    drop: [{ _id: 'g-old', question: 'q2', lastAt: daysAgo(31) }],
  },
};

describe('the retention job', () => {
  it('leaves in each pruned collection only what is inside its window', async () => {
    for (const [name, { keep, drop }] of Object.entries(FIXTURES))
      await t.db.collection<{ _id: string }>(name).insertMany(
        [...keep, ...drop].map((doc) => ({
          ...doc,
          ...UNIQUE_FIELDS[name]?.(String(doc._id)),
          _id: String(doc._id),
        })),
      );
    await pruneExpired(t.store.lifecycle, { operationalDays: 7, transcriptDays: 30 }, logger, NOW);
    for (const [name, { keep }] of Object.entries(FIXTURES)) {
      const left = await t.db
        .collection(name)
        .find({}, { projection: { _id: 1 } })
        .toArray();
      expect(left.map((d) => d._id).sort(), name).toEqual(keep.map((d) => d._id).sort());
    }
  });

  it('keeps transcripts when no transcript window is set', async () => {
    await t.db.collection<{ _id: string }>('messages').insertOne({
      _id: 'm-ancient',
      conversationId: 'conv-live',
      createdAt: daysAgo(400),
    } as { _id: string });
    await pruneExpired(
      t.store.lifecycle,
      { operationalDays: 7, transcriptDays: null },
      logger,
      NOW,
    );
    expect(await t.db.collection('messages').countDocuments({ _id: 'm-ancient' } as never)).toBe(1);
  });
});
