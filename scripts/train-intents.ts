/**
 * Trains the offline model's intent classifier from the examples in
 * src/agent/offline/intents/examples/ and writes src/agent/offline/intents/model.json.
 * First it measures: a model trained on four lines in five is scored on the fifth (whole lines
 * held out, so no spelling of a held-out line is seen in training).
 *   npm run train:intents
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { IntentClassifier } from '../src/agent/offline/intents/classifier.js';
import { type ExampleLine, textsOf } from '../src/agent/offline/intents/examples.js';
import { trainIntentModel } from '../src/agent/offline/intents/train.js';
import {
  EXAMPLE_LANGUAGES,
  loadExampleLines,
  MODEL_FILE,
  trainFromExamples,
  trainingTexts,
} from '../src/agent/offline/intents/training-set.js';

const lines = new Map(EXAMPLE_LANGUAGES.map((l) => [l, loadExampleLines(l)]));
const part = (all: ExampleLine[], heldOut: boolean) =>
  all.filter((_, i) => (i % 5 === 4) === heldOut);

const probe = new IntentClassifier(
  trainIntentModel(trainingTexts([...lines.values()].flatMap((l) => part(l, false)))),
);
for (const [language, all] of lines) {
  const test = textsOf(part(all, true), 6);
  const right = test.filter((e) => probe.classify(e.text).intent === e.intent).length;
  process.stdout.write(
    `${language}: held-out accuracy ${(right / test.length).toFixed(3)} (${right}/${test.length} texts of ${part(all, true).length} held-out lines)\n`,
  );
}

const json = `${JSON.stringify(trainFromExamples())}\n`;
const before = readFileSync(MODEL_FILE, 'utf8');
writeFileSync(MODEL_FILE, json);
process.stdout.write(
  `wrote ${MODEL_FILE} (${(json.length / 1024).toFixed(0)} KB)${before === json ? ', unchanged' : ''}\n`,
);
