import { describe, expect, it } from 'vitest';
import { LeasesRepository } from '../../../src/store/repositories/leases.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('leases');
const TTL = 10_000;

describe('conversation leases', () => {
  it('are held by one worker until they expire, then taken over at the next epoch', async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const a = await t.store.leases.acquire('c-1', 'worker-a', at, TTL);
    expect(a?.epoch).toBe(1);
    expect(
      await t.store.leases.acquire('c-1', 'worker-b', new Date(at.getTime() + 5_000), TTL),
    ).toBeNull();
    const later = new Date(at.getTime() + TTL + 1);
    const b = await t.store.leases.acquire('c-1', 'worker-b', later, TTL);
    expect(b?.epoch).toBe(2);
    // The stalled holder finds its next epoch taken: it must not write.
    expect(a && (await t.store.leases.advance(a, later, TTL))).toBeNull();
    expect(a && (await t.store.leases.renew(a, later, TTL))).toBe(false);
    expect(b && (await t.store.leases.advance(b, later, TTL))?.epoch).toBe(3);
  });

  it('go to exactly one of many workers claiming at once', async () => {
    const at = new Date();
    const grants = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.store.leases.acquire('c-race', `worker-${i}`, at, TTL),
      ),
    );
    expect(grants.filter((g) => g !== null)).toHaveLength(1);
  });

  it('can be claimed again at once once released', async () => {
    const at = new Date();
    const a = await t.store.leases.acquire('c-release', 'worker-a', at, TTL);
    if (!a) throw new Error('not acquired');
    await t.store.leases.release(a, new Date(at.getTime() + 1));
    const b = await t.store.leases.acquire(
      'c-release',
      'worker-b',
      new Date(at.getTime() + 2),
      TTL,
    );
    expect(b?.epoch).toBe(a.epoch + 1);
  });

  it('keep counting up after old epochs are pruned: no number is taken twice', async () => {
    const start = new Date('2026-11-01T10:00:00Z');
    let grant = await t.store.leases.acquire('c-prune', 'worker-a', start, TTL);
    for (let i = 0; i < 5 && grant; i++) grant = await t.store.leases.advance(grant, start, TTL);
    if (!grant) throw new Error('not acquired');
    await t.store.leases.release(grant, start);
    const pruned = await t.store.leases.prune(new Date('2026-11-02T00:00:00Z'), 1000);
    expect(pruned).toBeGreaterThanOrEqual(5);
    const left = await t.db.collection('leases').find({ conversationId: 'c-prune' }).toArray();
    expect(left.map((d) => d.epoch)).toEqual([grant.epoch]);
    // A process that remembers nothing claims after the head, not from 1.
    const fresh = new LeasesRepository(t.db.collection('leases'), t.db.collection('lease_heads'));
    const next = await fresh.acquire('c-prune', 'worker-b', new Date('2026-11-03T00:00:00Z'), TTL);
    expect(next?.epoch).toBe(grant.epoch + 1);
  });
});
