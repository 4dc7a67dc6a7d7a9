/**
 * A small seeded PRNG (mulberry32): the same seed gives the same demo data on every machine,
 * which `Math.random` cannot promise.
 */
/** The item at an index known to be in range. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at ${index} of ${items.length}`);
  return item;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return at(items, Math.floor(this.next() * items.length));
  }

  /**
   * An index in [0, n) where low indexes are much likelier (Zipf, exponent `s`): a few
   * best-sellers and a long tail, as in real shops.
   */
  zipfIndex(n: number, s = 1.1): number {
    let total = 0;
    for (let k = 1; k <= n; k++) total += 1 / k ** s;
    let target = this.next() * total;
    for (let k = 1; k <= n; k++) {
      target -= 1 / k ** s;
      if (target <= 0) return k - 1;
    }
    return n - 1;
  }

  /** `count` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [at(copy, j), at(copy, i)];
    }
    return copy.slice(0, count);
  }
}
