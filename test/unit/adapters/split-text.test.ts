import { describe, expect, it } from 'vitest';
import { splitText } from '../../../src/adapters/shared/split-text.js';

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('  Hello there.  ', 100)).toEqual(['Hello there.']);
  });

  it('cuts between paragraphs before lines, sentences or words', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(30)}\n${'c'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), `${'b'.repeat(30)}\n${'c'.repeat(30)}`]);
  });

  it('cuts after a sentence, then between words, and never loses a character', () => {
    const text = `${'word '.repeat(30)}The end. ${'tail '.repeat(30)}`.trim();
    const pieces = splitText(text, 80);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(80);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(pieces.every((p) => !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
  });

  it('cuts an unbroken run at the limit without splitting an emoji', () => {
    const text = `${'x'.repeat(9)}😀${'y'.repeat(20)}`;
    const pieces = splitText(text, 10);
    expect(pieces[0]).toBe('x'.repeat(9));
    expect(pieces[1]?.startsWith('😀')).toBe(true);
    expect(pieces.join('')).toBe(text);
  });
});
