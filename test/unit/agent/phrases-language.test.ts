import { describe, expect, it } from 'vitest';
import { PHRASES } from '../../../src/agent/offline/phrases.js';

/** Every fixed phrase of a language, functions called with arguments in that language. */
function texts(language: 'en' | 'zh'): [string, string][] {
  const arg = language === 'zh' ? '示例' : 'example';
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(PHRASES[language])) {
    if (typeof value === 'string') out.push([key, value]);
    else if (typeof value === 'function')
      out.push([key, String((value as (...a: string[]) => unknown)(arg, arg, arg, arg))]);
    else
      for (const [sub, text] of Object.entries(value as Record<string, unknown>))
        out.push([`${key}.${sub}`, String(text)]);
  }
  return out;
}

describe('fixed phrases are in one language', () => {
  it('no Chinese phrase wraps English words (an example address aside)', () => {
    const mixed = texts('zh').filter(([, text]) =>
      /[A-Za-z]{3,}/.test(text.replace(/https?:\S+|"[^"]*\d{5}"/g, '')),
    );
    expect(mixed).toEqual([]);
  });

  it('no English phrase holds Chinese', () => {
    expect(texts('en').filter(([, text]) => /[\u4e00-\u9fff]/.test(text))).toEqual([]);
  });

  it('a refusal names the order it is about', () => {
    expect(PHRASES.en.cannotChange('NW-100123', 'shipped')).toContain('NW-100123');
    expect(PHRASES.zh.cannotChange('NW-100123', '已发货')).toContain('NW-100123');
  });
});
