import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rate-limit.js';

describe('RateLimiter', () => {
  it('allows `limit` requests per window and says how long to wait after that', () => {
    let now = 1_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    now += 10_000;
    expect(limiter.take('a')).toBe(50_000);
    expect(limiter.take('b')).toBe(0);
    now += 50_000;
    expect(limiter.take('a')).toBe(0);
  });
});
