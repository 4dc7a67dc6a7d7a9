import { describe, expect, it } from 'vitest';
import { clipToLimit, MAX_MESSAGE_CHARS } from '../../../src/conversation/inbound.js';

describe('a platform message over the limit', () => {
  it('is cut to its start, at a space near the limit, and marked', () => {
    const words = 'order '.repeat(1000);
    const { text, clipped } = clipToLimit(words);
    expect(clipped).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(text.length).toBeGreaterThan(MAX_MESSAGE_CHARS * 0.9);
    expect(text.endsWith('order')).toBe(true);
  });

  it('is cut at the limit when it has no space to cut at', () => {
    expect(clipToLimit('z'.repeat(MAX_MESSAGE_CHARS + 1)).text).toHaveLength(MAX_MESSAGE_CHARS);
  });

  it('is left alone when it fits', () => {
    expect(clipToLimit('hello')).toEqual({ text: 'hello', clipped: false });
  });
});
