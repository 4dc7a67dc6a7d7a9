import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IntentClassifier,
  IntentModelSchema,
} from '../../../src/agent/offline/intents/classifier.js';
import { expand, parseExamples } from '../../../src/agent/offline/intents/examples.js';
import { features, stem } from '../../../src/agent/offline/intents/features.js';
import { intentClassifier } from '../../../src/agent/offline/intents/load-model.js';
import { trainIntentModel } from '../../../src/agent/offline/intents/train.js';
import { MODEL_FILE, trainFromExamples } from '../../../src/agent/offline/intents/training-set.js';
import { understand } from '../../../src/agent/offline/understand.js';

describe('intent features', () => {
  it('share a stem across inflections, so one spelling teaches the others', () => {
    expect(new Set(['cancelling', 'cancelled', 'cancels', 'cancel'].map(stem))).toEqual(
      new Set(['cancel']),
    );
    expect(stem('refunds')).toBe(stem('refund'));
  });

  it('keep character n-grams, so a misspelling still shares most features with the word', () => {
    const right = new Set(features('cancellation'));
    const typo = features('cancelation');
    expect(typo.filter((f) => right.has(f)).length / typo.length).toBeGreaterThan(0.5);
  });

  it('read Chinese as character n-grams and order numbers as one token', () => {
    expect(features('取消订单')).toEqual(expect.arrayContaining(['z:取消', 'z:订单', 'z:消订']));
    expect(features('where is NW-100123')).toContain('w:xorder');
    expect(features('where is {{Order Number}}')).toContain('b:order_number');
  });
});

describe('training examples', () => {
  it('expand each (a|b|) choice, the empty one leaving the words out', () => {
    expect(expand('(cancel|stop) my (order|)')).toEqual([
      'cancel my order',
      'cancel my',
      'stop my order',
      'stop my',
    ]);
  });

  it('are rejected, with the line, when an intent is unknown or the tab is missing', () => {
    expect(() => parseExamples('track_order\twhere is it\nfly_me\tto the moon', 'x.tsv')).toThrow(
      'x.tsv:2: unknown intent "fly_me"',
    );
    expect(() => parseExamples('track_order where is it', 'x.tsv')).toThrow('x.tsv:1');
  });
});

describe('the intent classifier', () => {
  it('learns from labelled texts and tells them apart', () => {
    const model = trainIntentModel([
      { intent: 'track_order', text: 'where is my parcel' },
      { intent: 'track_order', text: 'where is my package' },
      { intent: 'recover_password', text: 'i forgot my password' },
      { intent: 'recover_password', text: 'reset my password' },
    ]);
    const classifier = new IntentClassifier(model);
    expect(classifier.classify('where is my parcel now').intent).toBe('track_order');
    expect(classifier.classify('password forgot').intent).toBe('recover_password');
  });

  it('ships the model its examples train (run npm run train:intents after editing them)', () => {
    const shipped = IntentModelSchema.parse(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
    expect(trainFromExamples()).toEqual(shipped);
  }, 120_000);

  it.each([
    ["my refund still isn't back on my card", 'track_refund'],
    ['the checkout says my card was declined', 'payment_issue'],
    ['how do I stop getting your promo mails', 'newsletter_subscription'],
    ['怎样才能换个账户登录', 'switch_account'],
  ])('classifies "%s" as %s', (text, intent) => {
    expect(intentClassifier().classify(text).intent).toBe(intent);
  });
});

describe('understanding with rules and classifier together', () => {
  it('never turns a question about something else into an order change', () => {
    for (const text of [
      'cancel my account',
      'where is my refund?',
      'is there a charge if I cancel?',
      '取消订单要钱吗',
    ])
      expect(['cancel', 'return', 'change_items', 'change_address']).not.toContain(
        understand(text).kind,
      );
  });

  it('keeps what the rules read exactly: an order number, an address, a product', () => {
    expect(understand('please cancel NW-100311')).toMatchObject({
      kind: 'cancel',
      orderNumber: 'NW-100311',
    });
    expect(understand('send order NW-100102 to 12 Pine Rd, Boise, ID 83702')).toMatchObject({
      kind: 'change_address',
      orderNumber: 'NW-100102',
      address: { line1: '12 Pine Rd', city: 'Boise', postalCode: '83702' },
    });
    expect(understand('do you have wool socks in stock?').kind).toBe('stock');
  });

  it('hears a request the rules have no word for, and adds the topic to a help search', () => {
    expect(understand("I don't want my purchase anymore, stop it").kind).toBe('cancel');
    expect(understand("my refund still isn't back on my card")).toMatchObject({
      kind: 'policy',
      topic: 'refund timing status',
    });
  });
});
