import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/seed/random.js';

describe('Random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Random(7);
    const b = new Random(7);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(new Random(8).next()).not.toBe(first[0]);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const rng = new Random(1);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('favours low indexes in zipfIndex()', () => {
    const rng = new Random(2);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 5000; i++) counts[rng.zipfIndex(10)]++;
    expect(counts[0]).toBeGreaterThan(counts[9] * 5);
  });

  it('samples distinct items', () => {
    const picked = new Random(3).sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(picked).size).toBe(3);
  });
});
