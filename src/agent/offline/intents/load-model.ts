import { readFileSync } from 'node:fs';
import { IntentClassifier, IntentModelSchema } from './classifier.js';

let loaded: IntentClassifier | undefined;

/** The shipped model (model.json, made by `npm run train:intents`), read on first use. */
export function intentClassifier(): IntentClassifier {
  if (!loaded) {
    const raw: unknown = JSON.parse(readFileSync(new URL('./model.json', import.meta.url), 'utf8'));
    loaded = new IntentClassifier(IntentModelSchema.parse(raw));
  }
  return loaded;
}
