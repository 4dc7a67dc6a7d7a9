import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS } from '../../../src/store/repositories/claims.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('repos');

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

describe('inbound events', () => {
  it('stores an event once and recognises a platform retry by its event key', async () => {
    const event = {
      eventKey: 'slack:Ev001',
      channel: 'slack' as const,
      conversationKey: 'D1',
      platformUserId: 'U1',
      text: 'where is my order?',
      receivedAt: at(0),
    };
    expect(await t.store.inbox.record(event)).toBe('stored');
    expect(await t.store.inbox.record({ ...event, text: 'retry body' })).toBe('duplicate');
    const pending = await t.store.inbox.unprocessed(10);
    expect(pending.map((e) => e.text)).toEqual(['where is my order?']);
    await t.store.inbox.markProcessed('slack:Ev001', at(1));
    expect(await t.store.inbox.unprocessed(10)).toEqual([]);
  });

  it('lets exactly one of many concurrent deliveries of one event through', async () => {
    const event = {
      eventKey: 'discord:42',
      channel: 'discord' as const,
      conversationKey: 'C9',
      platformUserId: 'u',
      text: 'hi',
      receivedAt: at(2),
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => t.store.inbox.record(event)));
    expect(results.filter((r) => r === 'stored')).toHaveLength(1);
  });
});

describe('conversations and messages', () => {
  it('opens one conversation per thread, even when opened concurrently', async () => {
    const opening = {
      channel: 'webchat' as const,
      conversationKey: 'w-1',
      platformUserId: 'visitor',
      at: at(0),
    };
    const opened = await Promise.all(
      Array.from({ length: 5 }, () => t.store.conversations.open(opening)),
    );
    expect(new Set(opened.map((c) => c.conversationId)).size).toBe(1);
    expect(opened[0]).toMatchObject({ mode: 'bot', customerId: null });
  });

  it('changes mode only from the expected modes', async () => {
    const c = await t.store.conversations.open({
      channel: 'teams',
      conversationKey: 't-1',
      platformUserId: 'x',
      at: at(0),
    });
    expect(
      (await t.store.conversations.changeMode(c.conversationId, ['bot'], 'queued', at(1))).changed,
    ).toBe(true);
    expect(
      (await t.store.conversations.changeMode(c.conversationId, ['bot'], 'human', at(2))).changed,
    ).toBe(false);
    expect((await t.store.conversations.findById(c.conversationId))?.mode).toBe('queued');
    await t.store.conversations.setCustomer(c.conversationId, 'C-00001', at(3));
    expect((await t.store.conversations.findById(c.conversationId))?.customerId).toBe('C-00001');
  });

  it('lets one of two concurrent takeovers win', async () => {
    const c = await t.store.conversations.open({
      channel: 'slack',
      conversationKey: 's-race',
      platformUserId: 'x',
      at: at(0),
    });
    await t.store.conversations.changeMode(c.conversationId, ['bot'], 'queued', at(1));
    const results = await Promise.all([
      t.store.conversations.changeMode(c.conversationId, ['queued'], 'human', at(2)),
      t.store.conversations.changeMode(c.conversationId, ['queued'], 'human', at(2)),
    ]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await t.store.conversations.findById(c.conversationId)).toMatchObject({
      mode: 'human',
      version: 2,
    });
  });

  it('returns the latest messages oldest first', async () => {
    for (let i = 0; i < 5; i++) {
      await t.store.messages.append({
        conversationId: 'conv-m',
        role: i % 2 ? 'bot' : 'customer',
        text: `m${i}`,
        createdAt: at(i),
        eventKey: null,
      });
    }
    const recent = await t.store.messages.recent('conv-m', 3);
    expect(recent.map((m) => m.text)).toEqual(['m2', 'm3', 'm4']);
  });
});

describe('platform identities', () => {
  it('links a platform user to a customer, and the latest verification wins', async () => {
    await t.store.platformIdentities.link({
      channel: 'slack',
      platformUserId: 'U7',
      customerId: 'C-1',
      linkedAt: at(0),
    });
    await t.store.platformIdentities.link({
      channel: 'slack',
      platformUserId: 'U7',
      customerId: 'C-2',
      linkedAt: at(1),
    });
    expect(await t.store.platformIdentities.customerIdFor('slack', 'U7')).toBe('C-2');
    expect(await t.store.platformIdentities.customerIdFor('discord', 'U7')).toBeNull();
  });
});

describe('outbox', () => {
  it('hands a due reply to exactly one of two workers, then records delivery', async () => {
    const entry = await t.store.outbox.enqueue(
      {
        conversationId: 'c-o',
        channel: 'slack',
        conversationKey: 'D1',
        text: 'Your order shipped.',
      },
      at(0),
    );
    const [a, b] = await Promise.all([
      t.store.outbox.claimDue(at(1)),
      t.store.outbox.claimDue(at(1)),
    ]);
    const claimed = [a, b].filter((x) => x !== null);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ outboxId: entry.outboxId, status: 'sending', attempts: 1 });
    await t.store.outbox.markSent(entry.outboxId, at(2));
    expect((await t.store.outbox.findById(entry.outboxId))?.status).toBe('sent');
  });

  it('retries later after a failed attempt and gives up when told to', async () => {
    const entry = await t.store.outbox.enqueue(
      { conversationId: 'c-r', channel: 'discord', conversationKey: 'ch', text: 'hi' },
      at(0),
    );
    await t.store.outbox.claimDue(at(0));
    await t.store.outbox.markAttemptFailed(entry.outboxId, '429', at(10));
    expect(await t.store.outbox.claimDue(at(5))).toBeNull();
    expect((await t.store.outbox.claimDue(at(10)))?.attempts).toBe(2);
    await t.store.outbox.markAttemptFailed(entry.outboxId, 'gone', null);
    expect(await t.store.outbox.findById(entry.outboxId)).toMatchObject({
      status: 'failed',
      lastError: 'gone',
    });
  });
});

describe('claims', () => {
  it('lets a transition whose claimer died be claimed again once the claim is stale', async () => {
    const e = await t.store.escalations.open(
      {
        conversationId: 'e-crash',
        reason: 'r',
        priority: 'low',
        summary: 's',
        customerId: null,
        recentOrders: [],
      },
      at(0),
    );
    // A process claimed the take and died before writing it.
    expect(await t.store.claims.claim(`escalation:${e.escalationId}:taken`, 'ghost', at(1))).toBe(
      true,
    );
    expect(await t.store.escalations.take(e.escalationId, 'ana', at(1))).toBe(false);
    const later = new Date(at(1).getTime() + STALE_AFTER_MS + 1);
    expect(await t.store.escalations.take(e.escalationId, 'ana', later)).toBe(true);
    expect((await t.store.escalations.listOpen()).map((x) => x.escalationId)).not.toContain(
      e.escalationId,
    );
  });
});

describe('outbox leases', () => {
  it('lets the background pass take a reply whose sender died, once its lease ran out', async () => {
    const entry = await t.store.outbox.enqueueOnce(
      'reply:lease',
      { conversationId: 'c-lease', channel: 'webchat', conversationKey: 'k', text: 'hi' },
      at(0),
    );
    if (!entry) throw new Error('the entry was not stored');
    expect(entry).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await t.store.outbox.claimDue(at(0))).toBeNull();
    const taken = await t.store.outbox.claimDue(new Date(at(0).getTime() + 61_000));
    expect(taken).toMatchObject({ outboxId: entry.outboxId, attempts: 2 });
    const again = await t.store.outbox.enqueueOnce(
      'reply:lease',
      { conversationId: 'c-lease', channel: 'webchat', conversationKey: 'k', text: 'hi' },
      at(1),
    );
    expect(again).toBeNull();
  });
});

describe('escalations', () => {
  it('orders the queue by priority, then waiting time', async () => {
    await t.store.escalations.open(
      {
        conversationId: 'e1',
        reason: 'asked',
        priority: 'normal',
        summary: 's',
        customerId: null,
        recentOrders: [],
      },
      at(0),
    );
    await t.store.escalations.open(
      {
        conversationId: 'e2',
        reason: 'angry',
        priority: 'urgent',
        summary: 's',
        customerId: null,
        recentOrders: [],
      },
      at(5),
    );
    await t.store.escalations.open(
      {
        conversationId: 'e3',
        reason: 'asked',
        priority: 'normal',
        summary: 's',
        customerId: null,
        recentOrders: [],
      },
      at(1),
    );
    const queue = await t.store.escalations.listOpen();
    expect(queue.map((e) => e.conversationId)).toEqual(['e2', 'e1', 'e3']);
  });

  it('lets exactly one of two staff take the same escalation', async () => {
    const e = await t.store.escalations.open(
      {
        conversationId: 'e4',
        reason: 'r',
        priority: 'high',
        summary: 's',
        customerId: null,
        recentOrders: [],
      },
      at(0),
    );
    const results = await Promise.all([
      t.store.escalations.take(e.escalationId, 'ana', at(1)),
      t.store.escalations.take(e.escalationId, 'ben', at(1)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('staff users and audit log', () => {
  it('refuses a second user with the same username', async () => {
    const user = {
      username: 'ana',
      displayName: 'Ana',
      passwordHash: 'scrypt$x',
      role: 'agent' as const,
      createdAt: at(0),
      disabled: false,
    };
    expect(await t.store.staffUsers.create(user)).toBe(true);
    expect(await t.store.staffUsers.create({ ...user, role: 'admin' })).toBe(false);
    expect((await t.store.staffUsers.findByUsername('ana'))?.role).toBe('agent');
  });

  it('lists audit entries newest first', async () => {
    await t.store.auditLog.append({
      at: at(0),
      actor: 'ana',
      action: 'take',
      conversationId: 'c1',
      details: {},
    });
    await t.store.auditLog.append({
      at: at(3),
      actor: 'ben',
      action: 'close',
      conversationId: 'c1',
      details: { note: null },
    });
    expect((await t.store.auditLog.recent(10)).map((e) => e.action)).toEqual(['close', 'take']);
  });
});
