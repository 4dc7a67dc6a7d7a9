import { z } from 'zod';
import { features } from './features.js';

/** The support intents the classifier knows, and `other` for everything else. */
export const SUPPORT_INTENTS = [
  'track_order',
  'cancel_order',
  'change_order',
  'change_shipping_address',
  'set_up_shipping_address',
  'delivery_options',
  'delivery_period',
  'get_refund',
  'track_refund',
  'refund_policy',
  'cancellation_fee',
  'payment_methods',
  'payment_issue',
  'check_invoice',
  'get_invoice',
  'place_order',
  'create_account',
  'edit_account',
  'delete_account',
  'switch_account',
  'registration_problems',
  'recover_password',
  'newsletter_subscription',
  'review',
  'complaint',
  'contact_customer_service',
  'contact_human_agent',
] as const;
export type SupportIntent = (typeof SUPPORT_INTENTS)[number];
export type IntentLabel = SupportIntent | 'other';
export const INTENT_LABELS: readonly IntentLabel[] = [...SUPPORT_INTENTS, 'other'];

/** Weights are stored as integers in hundredths, which keeps the model file small. */
export const WEIGHT_SCALE = 100;

/**
 * A multinomial logistic regression over `features()`: per feature, the weight it adds to each
 * label it was seen with (weights too small to matter are left out, which keeps the file small).
 */
export const IntentModelSchema = z.object({
  version: z.literal(1),
  labels: z.array(z.enum(INTENT_LABELS as [IntentLabel, ...IntentLabel[]])),
  bias: z.array(z.number().int()),
  /** feature → [label index, weight, label index, weight, ...] */
  weights: z.record(z.string(), z.array(z.number().int())),
});
export type IntentModel = z.infer<typeof IntentModelSchema>;

export interface IntentGuess {
  intent: IntentLabel;
  /** The model's probability for it, 0..1. */
  confidence: number;
}

export class IntentClassifier {
  constructor(private readonly model: IntentModel) {}

  scores(text: string): number[] {
    const scores = [...this.model.bias];
    for (const feature of features(text)) {
      const row = this.model.weights[feature];
      if (!row) continue;
      for (let i = 0; i + 1 < row.length; i += 2)
        scores[row[i] as number] = (scores[row[i] as number] ?? 0) + (row[i + 1] as number);
    }
    return scores.map((s) => s / WEIGHT_SCALE);
  }

  classify(text: string): IntentGuess {
    const probabilities = softmax(this.scores(text));
    let best = 0;
    for (let i = 1; i < probabilities.length; i++)
      if ((probabilities[i] as number) > (probabilities[best] as number)) best = i;
    return {
      intent: this.model.labels[best] as IntentLabel,
      confidence: probabilities[best] as number,
    };
  }
}

export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
