import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntentModel } from './classifier.js';
import { type ExampleLine, parseExamples, textsOf } from './examples.js';
import { type LabelledText, seededRandom, trainIntentModel } from './train.js';

export const EXAMPLE_LANGUAGES = ['en', 'zh'] as const;
const EXAMPLES_DIR = join(import.meta.dirname, 'examples');
export const MODEL_FILE = join(import.meta.dirname, 'model.json');

export function loadExampleLines(language: (typeof EXAMPLE_LANGUAGES)[number]): ExampleLine[] {
  const file = join(EXAMPLES_DIR, `${language}.tsv`);
  return parseExamples(readFileSync(file, 'utf8'), file);
}

/** Each text once more with one misspelling (a letter dropped, doubled or swapped). */
export function withTypos(examples: readonly LabelledText[]): LabelledText[] {
  const random = seededRandom(11);
  const typos = examples.flatMap(({ intent, text }) => {
    const words = text.split(' ');
    const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
    if (long.length === 0) return [];
    const [word, at] = long[Math.floor(random() * long.length)] as readonly [string, number];
    const i = 1 + Math.floor(random() * (word.length - 2));
    const kind = Math.floor(random() * 3);
    const typo =
      kind === 0
        ? word.slice(0, i) + word.slice(i + 1)
        : kind === 1
          ? word.slice(0, i) + (word[i] as string) + word.slice(i)
          : word.slice(0, i) + (word[i + 1] ?? '') + (word[i] as string) + word.slice(i + 2);
    words[at] = typo;
    return [{ intent, text: words.join(' ') }];
  });
  return [...examples, ...typos];
}

/** The texts a model is trained on: the lines' spellings, and each once misspelt. */
export function trainingTexts(lines: readonly ExampleLine[]): LabelledText[] {
  return withTypos(textsOf(lines));
}

/** The model the shipped examples train (what model.json must hold). */
export function trainFromExamples(): IntentModel {
  return trainIntentModel(trainingTexts(EXAMPLE_LANGUAGES.flatMap(loadExampleLines)));
}
