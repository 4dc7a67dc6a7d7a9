import { describe, expect, it } from 'vitest';
import { nextAttemptAt, VERIFY_PER_EMAIL } from '../../src/domain/attempt-limit.js';

const start = new Date('2026-12-01T00:00:00Z').getTime();
const at = (ms: number) => new Date(start + ms);

describe('attempt limits', () => {
  it('allow the free attempts back to back, then doubling waits, then nothing until the window moves', () => {
    const made: Date[] = [];
    for (let i = 0; i < VERIFY_PER_EMAIL.free; i++) {
      expect(nextAttemptAt(made, VERIFY_PER_EMAIL, at(0))).toBeNull();
      made.push(at(0));
    }
    expect(nextAttemptAt(made, VERIFY_PER_EMAIL, at(0))).toEqual(at(30_000));
    made.push(at(30_000));
    expect(nextAttemptAt(made, VERIFY_PER_EMAIL, at(30_000))).toEqual(at(90_000));
    let clock = 90_000;
    while (made.length < VERIFY_PER_EMAIL.max) {
      const wait = nextAttemptAt(made, VERIFY_PER_EMAIL, at(clock));
      clock = wait ? wait.getTime() - start : clock;
      made.push(at(clock));
    }
    // The tenth attempt fills the day: the next waits until the oldest leaves the window.
    expect(nextAttemptAt(made, VERIFY_PER_EMAIL, at(clock + 3_600_000))).toEqual(
      at(VERIFY_PER_EMAIL.windowMs),
    );
  });
});
