import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { RateCounters } from '../../src/ports/rate-counters.js';
import { RateLimiter } from '../../src/server/rate-limit.js';
import { inMemoryPorts } from '../fakes/in-memory-ports.js';

const logger = createLogger({ level: 'silent', format: 'json' });

describe('RateLimiter', () => {
  it('allows `limit` requests per window and says how long to wait after that', async () => {
    let now = 60_000;
    const limiter = new RateLimiter(inMemoryPorts().rateCounters, 3, 60_000, logger, () => now);
    expect([await limiter.take('a'), await limiter.take('a'), await limiter.take('a')]).toEqual([
      0, 0, 0,
    ]);
    now += 10_000;
    expect(await limiter.take('a')).toBe(50_000);
    expect(await limiter.take('b')).toBe(0);
    now += 50_000;
    expect(await limiter.take('a')).toBe(0);
  });

  it('shares its counts between limiters over the same counters (two processes)', async () => {
    const counters = inMemoryPorts().rateCounters;
    const one = new RateLimiter(counters, 2, 60_000, logger, () => 60_000);
    const two = new RateLimiter(counters, 2, 60_000, logger, () => 60_000);
    expect(await one.take('a')).toBe(0);
    expect(await two.take('a')).toBe(0);
    expect(await one.take('a')).toBeGreaterThan(0);
  });

  it('lets requests through while the counters are away', async () => {
    const away: RateCounters = { hit: () => Promise.reject(new Error('no database')) };
    const limiter = new RateLimiter(away, 1, 60_000, logger);
    expect([await limiter.take('a'), await limiter.take('a')]).toEqual([0, 0]);
  });
});
