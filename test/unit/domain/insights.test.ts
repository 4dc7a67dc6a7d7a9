import { describe, expect, it } from 'vitest';
import {
  countersOf,
  demandTerm,
  handoffReasonOf,
  termBuckets,
  weekOf,
  withoutPersonalData,
} from '../../../src/domain/insights.js';

describe('insight counters', () => {
  it('files free-form escalation reasons under a category', () => {
    expect(
      [
        'customer asked for a person',
        'customer is frustrated',
        'refund of $300.00 for order NW-1 is above the approval limit',
        'not understood twice in a row',
        'the help centre does not answer the question',
        'the order service is temporarily unavailable',
        'wants to split a shipment',
      ].map(handoffReasonOf),
    ).toEqual([
      'customer_asked',
      'customer_asked',
      'policy_restriction',
      'not_understood',
      'missing_knowledge',
      'tool_failure',
      'unsupported_request',
    ]);
  });

  it('counts a question without the e-mail, order or phone number in it', () => {
    expect(withoutPersonalData('I am ada@example.com, NW-100234, call +1 (555) 010-2233')).toBe(
      'I am [email], [order], call [number]',
    );
    expect(countersOf({ kind: 'knowledge_gap', question: 'Why was ada@x.io charged?' })).toEqual([
      { path: ['gaps', 'why was [email] charged?'], by: 1 },
    ]);
    expect(demandTerm('  Trail\tBOOT\u0000 ', '42')).toBe('trail boot · 42');
  });

  it('reads whole weeks inside a period from weekly buckets and its edge days from daily ones', () => {
    expect(weekOf('2026-04-12')).toBe('2026-04-06');
    expect(weekOf('2026-04-06')).toBe('2026-04-06');
    expect(termBuckets('2026-04-04', '2026-04-20')).toEqual({
      weeks: ['2026-04-06', '2026-04-13'],
      days: ['2026-04-04', '2026-04-05', '2026-04-20'],
    });
    expect(termBuckets('2026-04-07', '2026-04-08')).toEqual({
      weeks: [],
      days: ['2026-04-07', '2026-04-08'],
    });
  });
});
