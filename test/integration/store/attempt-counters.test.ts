import { describe, expect, it } from 'vitest';
import type { AttemptPolicy } from '../../../src/domain/attempt-limit.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('attempts');
const policy: AttemptPolicy = {
  max: 10,
  windowMs: 3_600_000,
  free: 10,
  baseDelayMs: 1000,
  maxDelayMs: 1000,
};
const at = new Date('2026-12-01T10:00:00Z');

describe('attempt counters in MongoDB', () => {
  it('allow exactly the limit when many attempts arrive at once', async () => {
    const verdicts = await Promise.all(
      Array.from({ length: 25 }, () => t.store.attempts.take([{ key: 'burst', policy }], at)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    const later = await t.store.attempts.take([{ key: 'burst', policy }], at);
    expect(later).toEqual({ allowed: false, retryAt: new Date(at.getTime() + 3_600_000) });
    const nextWindow = new Date(at.getTime() + 3_600_001);
    expect(await t.store.attempts.take([{ key: 'burst', policy }], nextWindow)).toEqual({
      allowed: true,
    });
  });

  it('count nothing when one of the keys refuses', async () => {
    const tight = { ...policy, max: 1 };
    await t.store.attempts.take([{ key: 'tight', policy: tight }], at);
    const refused = await t.store.attempts.take(
      [
        { key: 'loose', policy },
        { key: 'tight', policy: tight },
      ],
      at,
    );
    expect(refused.allowed).toBe(false);
    const loose = await t.store.db.collection('attempts').findOne({ key: 'loose' });
    expect(loose).toBeNull();
  });
});
