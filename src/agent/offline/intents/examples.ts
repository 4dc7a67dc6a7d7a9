import { INTENT_LABELS, type IntentLabel } from './classifier.js';
import type { LabelledText } from './train.js';

/**
 * Training examples are written one per line, `intent<TAB>text`, where `(a|b|)` in the text
 * stands for each of its choices (the empty one: leave it out), so one line says what a
 * customer might write in several ways. `#` starts a comment line.
 */

export interface ExampleLine {
  intent: IntentLabel;
  /** Every text the line stands for. */
  texts: string[];
  line: number;
}

const LABELS = new Set<string>(INTENT_LABELS);

export function expand(template: string): string[] {
  return spellings(template).map((t) => t.replace(/\s+/g, ' ').trim());
}

function spellings(template: string): string[] {
  const open = template.indexOf('(');
  if (open < 0) return [template];
  const close = template.indexOf(')', open);
  if (close < 0) throw new Error(`unclosed "(" in: ${template}`);
  const head = template.slice(0, open);
  const tail = spellings(template.slice(close + 1));
  const choices = template.slice(open + 1, close).split('|');
  return choices.flatMap((c) => tail.map((t) => `${head}${c}${t}`));
}

export function parseExamples(source: string, file: string): ExampleLine[] {
  const out: ExampleLine[] = [];
  source.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [intent, text, extra] = line.split('\t');
    if (!intent || !text || extra !== undefined)
      throw new Error(`${file}:${i + 1}: expected "intent<TAB>text"`);
    if (!LABELS.has(intent)) throw new Error(`${file}:${i + 1}: unknown intent "${intent}"`);
    out.push({ intent: intent as IntentLabel, texts: expand(text), line: i + 1 });
  });
  return out;
}

/** At most `cap` texts per line, spread over its choices, so no one line outweighs the rest. */
export function textsOf(lines: readonly ExampleLine[], cap = 24): LabelledText[] {
  return lines.flatMap(({ intent, texts }) => {
    const step = Math.max(1, texts.length / cap);
    const picked: string[] = [];
    for (let i = 0; i < texts.length && picked.length < cap; i += step)
      picked.push(texts[Math.floor(i)] as string);
    return picked.map((text) => ({ intent, text }));
  });
}
