import { INTENT_LABELS, type IntentLabel, type IntentModel, WEIGHT_SCALE } from './classifier.js';
import { features } from './features.js';

export interface LabelledText {
  intent: IntentLabel;
  text: string;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** Weight decay per update, which keeps rare features from deciding alone. */
  l2?: number;
  /** Features seen in fewer examples are left out. */
  minCount?: number;
  /** Weights smaller than this are left out of the model. */
  minWeight?: number;
  seed?: number;
}

/** A seeded generator, so the same examples always train the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax regression by AdaGrad; deterministic for a given seed. */
export function trainIntentModel(
  examples: readonly LabelledText[],
  options: TrainOptions = {},
): IntentModel {
  const {
    epochs = 12,
    learningRate = 0.05,
    l2 = 1e-5,
    minCount = 2,
    minWeight = 0.15,
    seed = 7,
  } = options;
  const labels = [...INTENT_LABELS];
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const counts = new Map<string, number>();
  const featured = examples.map((e) => ({ label: labelIndex.get(e.intent), f: features(e.text) }));
  for (const { f } of featured) for (const x of f) counts.set(x, (counts.get(x) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [x, n] of counts) if (n >= minCount) index.set(x, index.size);
  const rows = featured
    .filter((e) => e.label !== undefined)
    .map((e) => ({
      label: e.label as number,
      f: e.f.map((x) => index.get(x)).filter((i): i is number => i !== undefined),
    }));

  const w = new Float64Array(index.size * L);
  const g2 = new Float64Array(index.size * L).fill(1e-8);
  const bias = new Float64Array(L);
  const bias2 = new Float64Array(L).fill(1e-8);
  const random = seededRandom(seed);
  const order = rows.map((_, i) => i);
  const scores = new Float64Array(L);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const r of order) {
      const row = rows[r] as (typeof rows)[number];
      for (let k = 0; k < L; k++) scores[k] = bias[k] as number;
      for (const x of row.f)
        for (let k = 0; k < L; k++) scores[k] = (scores[k] as number) + (w[x * L + k] as number);
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < L; k++) max = Math.max(max, scores[k] as number);
      let sum = 0;
      for (let k = 0; k < L; k++) {
        scores[k] = Math.exp((scores[k] as number) - max);
        sum += scores[k] as number;
      }
      for (let k = 0; k < L; k++) {
        const grad = (scores[k] as number) / sum - (k === row.label ? 1 : 0);
        const b2 = (bias2[k] as number) + grad * grad;
        bias2[k] = b2;
        bias[k] = (bias[k] as number) - (learningRate * grad) / Math.sqrt(b2);
        for (const x of row.f) {
          const at = x * L + k;
          const gw = grad + l2 * (w[at] as number);
          const s2 = (g2[at] as number) + gw * gw;
          g2[at] = s2;
          w[at] = (w[at] as number) - (learningRate * gw) / Math.sqrt(s2);
        }
      }
    }
  }

  const weights: Record<string, number[]> = {};
  for (const [x, i] of index) {
    const row: number[] = [];
    for (let k = 0; k < L; k++) {
      const value = w[i * L + k] as number;
      if (Math.abs(value) >= minWeight) row.push(k, Math.round(value * WEIGHT_SCALE));
    }
    if (row.length > 0) weights[x] = row;
  }
  return {
    version: 1,
    labels,
    bias: [...bias].map((b) => Math.round(b * WEIGHT_SCALE)),
    weights,
  };
}
