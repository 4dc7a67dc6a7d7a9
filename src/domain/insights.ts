import type { Channel } from './channel.js';

/**
 * How a conversation's episode ended. An episode runs from a customer's first message (or
 * their first after the previous outcome: a reopening) to its outcome.
 */
export const OUTCOME_KINDS = [
  'resolved_by_bot',
  'resolved_by_person',
  'handed_off',
  'abandoned',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Why a conversation went to a person. */
export const HANDOFF_REASONS = [
  'customer_asked',
  'missing_knowledge',
  'unsupported_request',
  'policy_restriction',
  'tool_failure',
  'not_understood',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** Ordered: the first category whose words the escalation's reason has is the reason. */
const REASON_WORDS: [HandoffReason, RegExp][] = [
  [
    'policy_restriction',
    /\b(limit|approv\w*|polic(y|ies)|not allowed|exceed\w*|above|over the)\b/i,
  ],
  ['not_understood', /\b(understood|understand|unclear|confus\w*)\b/i],
  ['tool_failure', /\b(fail\w*|errors?|down|unavailable|temporar\w*|timeout|timed out|broken)\b/i],
  [
    'missing_knowledge',
    /\b(help cent(re|er)|knowledge|no article|does not answer|doesn't answer|unknown|no answer)\b/i,
  ],
  ['customer_asked', /\b(asked|ask for|wants? (a|to speak|to talk)|frustrat\w*|upset|angry)\b/i],
];

/**
 * The category of an escalation's free-text reason; requests the tools cannot carry out are
 * what is left.
 */
export function handoffReasonOf(reason: string): HandoffReason {
  return REASON_WORDS.find(([, words]) => words.test(reason))?.[0] ?? 'unsupported_request';
}

/** A conversation's outcome for one episode: recorded once (the first writer wins). */
export interface ConversationOutcome {
  conversationId: string;
  /** 0 for the first episode, then one more per reopening. */
  episode: number;
  channel: Channel;
  kind: OutcomeKind;
  /** Why it went to a person, when it did in this episode. */
  handoffReason: HandoffReason | null;
  at: Date;
}

export type Rating = 1 | 2 | 3 | 4 | 5;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4, 5];

/** What a satisfaction survey waits for in a conversation, kept on the conversation. */
export type SurveyStep = 'rating' | 'comment';

/** A conversation's satisfaction survey: asked once, ever. */
export interface Survey {
  conversationId: string;
  channel: Channel;
  askedAt: Date;
  /** The event whose reply asked, when a reply did: its retry asks again rather than never. */
  askedBy: string | null;
  rating: Rating | null;
  ratedAt: Date | null;
  comment: string | null;
}

/** What customers asked for and could not get. */
export const DEMAND_KINDS = ['no_result', 'out_of_stock', 'not_sold'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

export interface DemandSignal {
  kind: DemandKind;
  /** What was asked for, normalised: the search words, or the product with size/colour. */
  term: string;
}

/** The most characters a counted term keeps. */
const TERM_CHARS = 80;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** What was asked for, as counted: lower case, one space, no control characters, bounded. */
export function demandTerm(...parts: (string | undefined | null)[]): string {
  return parts
    .filter((p): p is string => Boolean(p?.trim()))
    .map((p) => p.replace(CONTROL, ' ').trim().toLowerCase().replace(/\s+/g, ' '))
    .join(' · ')
    .slice(0, TERM_CHARS);
}

/**
 * A question as counted for good: counters outlive the retention window and cannot be found
 * by customer for an erasure, so e-mail addresses, long numbers (phones, cards) and order
 * numbers are left out.
 */
export function withoutPersonalData(text: string): string {
  return text
    .replace(/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, '[email]')
    .replace(/\b[A-Z]{2,5}-\d{3,}\b/gi, '[order]')
    .replace(/\+?\d[\d\s().-]{5,}\d/g, '[number]');
}

/** A recommendation's path to a sale, counted per day. */
export const RECOMMENDATION_STEPS = ['shown', 'asked', 'bought'] as const;
export type RecommendationStep = (typeof RECOMMENDATION_STEPS)[number];

/**
 * One thing to count, on the day it happened. The Insights view adds these up per day; nothing
 * there reads the messages.
 */
export type InsightEvent =
  | { kind: 'conversation'; channel: Channel }
  | { kind: 'outcome'; channel: Channel; outcome: OutcomeKind; handoffReason: HandoffReason | null }
  | { kind: 'reopened'; channel: Channel }
  | { kind: 'csat'; channel: Channel; rating: Rating }
  | { kind: 'demand'; signal: DemandSignal }
  | { kind: 'knowledge_gap'; question: string }
  | { kind: 'recommendation'; step: RecommendationStep; count: number };

/** Counters by name, nested as their paths: `csat.webchat.5`, `demand.no_result.<term>`. */
export interface CounterTree {
  [name: string]: number | CounterTree;
}

/** Adds `by` at `path` in `tree`. */
export function addCounter(tree: CounterTree, path: readonly string[], by: number): void {
  let node = tree;
  for (const name of path.slice(0, -1)) {
    const next = node[name];
    const child: CounterTree = typeof next === 'object' ? next : {};
    node[name] = child;
    node = child;
  }
  const leaf = path.at(-1) ?? '';
  const value = node[leaf];
  node[leaf] = (typeof value === 'number' ? value : 0) + by;
}

/** Adds `tree`'s counters into `into`, each name passed through `name` (a store's decoding). */
export function mergeCounters(
  into: CounterTree,
  tree: CounterTree,
  name: (stored: string) => string = (n) => n,
): void {
  for (const [stored, value] of Object.entries(tree)) {
    const key = name(stored);
    const present = into[key];
    if (typeof value === 'number') into[key] = (typeof present === 'number' ? present : 0) + value;
    else {
      const child: CounterTree = typeof present === 'object' ? present : {};
      into[key] = child;
      mergeCounters(child, value, name);
    }
  }
}

/** A day's counters. */
export interface DailyCounts {
  /** YYYY-MM-DD, UTC. */
  day: string;
  counts: CounterTree;
}

/**
 * Counters of free text (what was asked for, unanswered questions): many names each, so they
 * are added up for a whole period rather than shown per day.
 */
export const TERM_COUNTERS = ['demand', 'gaps'] as const;

export function isTermCounter(path: readonly string[]): boolean {
  return (TERM_COUNTERS as readonly string[]).includes(path[0] ?? '');
}

/** A period's counters: per day for the fixed ones, and the term counters for all of it. */
export interface PeriodCounts {
  days: DailyCounts[];
  terms: CounterTree;
}

/** The Monday (UTC) of a day's week, YYYY-MM-DD. */
export function weekOf(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(at).getUTCDay() + 6) % 7;
  return new Date(at - weekday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * How a period's term counters are read: whole weeks inside it from weekly buckets, the days
 * at its edges from daily ones. Exact for any period, and a few dozen reads for 90 days.
 */
export function termBuckets(from: string, to: string): { weeks: string[]; days: string[] } {
  const weeks: string[] = [];
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; ) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekEnd = t + 6 * 86_400_000;
    if (weekOf(day) === day && weekEnd <= end) {
      weeks.push(day);
      t += 7 * 86_400_000;
    } else {
      days.push(day);
      t += 86_400_000;
    }
  }
  return { weeks, days };
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The counters an event adds to, as paths of names. Free-text names (demand terms, gap
 * questions) are one name each; the store encodes what its keys cannot hold.
 */
export function countersOf(event: InsightEvent): { path: string[]; by: number }[] {
  switch (event.kind) {
    case 'conversation':
      return [{ path: ['conversations', event.channel], by: 1 }];
    case 'outcome':
      return [
        { path: ['outcomes', event.outcome], by: 1 },
        ...(event.handoffReason ? [{ path: ['handoffs', event.handoffReason], by: 1 }] : []),
      ];
    case 'reopened':
      return [{ path: ['reopened', event.channel], by: 1 }];
    case 'csat':
      return [{ path: ['csat', event.channel, String(event.rating)], by: 1 }];
    case 'demand':
      return [{ path: ['demand', event.signal.kind, event.signal.term], by: 1 }];
    case 'knowledge_gap':
      return [{ path: ['gaps', demandTerm(withoutPersonalData(event.question))], by: 1 }];
    case 'recommendation':
      return [{ path: ['recommendations', event.step], by: event.count }];
  }
}
