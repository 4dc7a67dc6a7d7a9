import { CHANNELS, type Channel } from '../domain/channel.js';
import {
  type CounterTree,
  DEMAND_KINDS,
  type DemandKind,
  HANDOFF_REASONS,
  type HandoffReason,
  OUTCOME_KINDS,
  type OutcomeKind,
  type PeriodCounts,
  RATINGS,
  RECOMMENDATION_STEPS,
  type RecommendationStep,
} from '../domain/insights.js';

/** Entries kept in each top list. */
const TOP = 20;

function branch(tree: CounterTree | undefined, name: string): CounterTree {
  const value = tree?.[name];
  return typeof value === 'object' ? value : {};
}

function leaf(tree: CounterTree | undefined, name: string): number {
  const value = tree?.[name];
  return typeof value === 'number' ? value : 0;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

interface Ratings {
  responses: number;
  /** Mean rating, 1-5; null without responses. */
  average: number | null;
}

function ratingsOf(byRating: CounterTree): Ratings {
  let responses = 0;
  let sum = 0;
  for (const rating of RATINGS) {
    const n = leaf(byRating, String(rating));
    responses += n;
    sum += n * rating;
  }
  return { responses, average: responses ? round(sum / responses, 2) : null };
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function top(counts: Map<string, number>): { term: string; count: number }[] {
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, TOP);
}

export interface InsightsDay {
  day: string;
  conversations: number;
  csat: Ratings & { byChannel: Record<Channel, Ratings> };
  outcomes: Record<OutcomeKind, number>;
}

/** What the Insights view shows for a period, added up from its days' counters. */
export interface InsightsSummary {
  from: string;
  to: string;
  conversations: { total: number; byChannel: Record<Channel, number> };
  csat: Ratings & {
    /** Share of 4s and 5s among responses; null without responses. */
    satisfied: number | null;
    distribution: Record<string, number>;
    byChannel: Record<Channel, Ratings>;
  };
  outcomes: Record<OutcomeKind, number>;
  handoffReasons: Record<HandoffReason, number>;
  reopened: number;
  demand: Record<DemandKind, { term: string; count: number }[]>;
  knowledgeGaps: { term: string; count: number }[];
  recommendations: Record<RecommendationStep, number> & {
    /** asked / shown and bought / shown; null when nothing was shown. */
    askedRate: number | null;
    boughtRate: number | null;
  };
  days: InsightsDay[];
}

/** Every day from `from` to `to` (YYYY-MM-DD), both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Adds up the counters of the period's days (days without counters count zero). */
export function summarizeInsights(
  counted: PeriodCounts,
  from: string,
  to: string,
): InsightsSummary {
  const byDay = new Map(counted.days.map((d) => [d.day, d.counts]));
  const conversations = zeroes(CHANNELS);
  const csatByChannel = new Map<Channel, CounterTree>(CHANNELS.map((c) => [c, {}]));
  const outcomes = zeroes(OUTCOME_KINDS);
  const handoffReasons = zeroes(HANDOFF_REASONS);
  const recommendations = zeroes(RECOMMENDATION_STEPS);
  const demand = new Map<DemandKind, Map<string, number>>(DEMAND_KINDS.map((k) => [k, new Map()]));
  const gaps = new Map<string, number>();
  let reopened = 0;
  const days: InsightsDay[] = [];
  for (const day of daysBetween(from, to)) {
    const counts = byDay.get(day);
    let dayConversations = 0;
    for (const channel of CHANNELS) {
      const n = leaf(branch(counts, 'conversations'), channel);
      conversations[channel] += n;
      dayConversations += n;
      reopened += leaf(branch(counts, 'reopened'), channel);
      const ratings = branch(branch(counts, 'csat'), channel);
      const total = csatByChannel.get(channel) ?? {};
      for (const rating of RATINGS)
        total[rating] = leaf(total, String(rating)) + leaf(ratings, String(rating));
    }
    const dayOutcomes = zeroes(OUTCOME_KINDS);
    for (const kind of OUTCOME_KINDS) {
      dayOutcomes[kind] = leaf(branch(counts, 'outcomes'), kind);
      outcomes[kind] += dayOutcomes[kind];
    }
    for (const reason of HANDOFF_REASONS)
      handoffReasons[reason] += leaf(branch(counts, 'handoffs'), reason);
    for (const step of RECOMMENDATION_STEPS)
      recommendations[step] += leaf(branch(counts, 'recommendations'), step);
    const dayByChannel = Object.fromEntries(
      CHANNELS.map((c) => [c, ratingsOf(branch(branch(counts, 'csat'), c))]),
    ) as Record<Channel, Ratings>;
    const dayAll: CounterTree = {};
    for (const rating of RATINGS)
      dayAll[rating] = CHANNELS.reduce(
        (sum, c) => sum + leaf(branch(branch(counts, 'csat'), c), String(rating)),
        0,
      );
    days.push({
      day,
      conversations: dayConversations,
      csat: { ...ratingsOf(dayAll), byChannel: dayByChannel },
      outcomes: dayOutcomes,
    });
  }
  for (const kind of DEMAND_KINDS) {
    const terms = demand.get(kind) ?? new Map();
    for (const [term, n] of Object.entries(branch(branch(counted.terms, 'demand'), kind)))
      if (typeof n === 'number') terms.set(term, n);
  }
  for (const [question, n] of Object.entries(branch(counted.terms, 'gaps')))
    if (typeof n === 'number') gaps.set(question, n);
  const all: CounterTree = {};
  for (const rating of RATINGS)
    all[rating] = CHANNELS.reduce((sum, c) => sum + leaf(csatByChannel.get(c), String(rating)), 0);
  const overall = ratingsOf(all);
  const satisfied = leaf(all, '4') + leaf(all, '5');
  const shown = recommendations.shown;
  return {
    from,
    to,
    conversations: {
      total: Object.values(conversations).reduce((a, b) => a + b, 0),
      byChannel: conversations,
    },
    csat: {
      ...overall,
      satisfied: overall.responses ? round(satisfied / overall.responses, 4) : null,
      distribution: Object.fromEntries(RATINGS.map((r) => [String(r), leaf(all, String(r))])),
      byChannel: Object.fromEntries(
        CHANNELS.map((c) => [c, ratingsOf(csatByChannel.get(c) ?? {})]),
      ) as Record<Channel, Ratings>,
    },
    outcomes,
    handoffReasons,
    reopened,
    demand: Object.fromEntries(
      DEMAND_KINDS.map((k) => [k, top(demand.get(k) ?? new Map())]),
    ) as Record<DemandKind, { term: string; count: number }[]>,
    knowledgeGaps: top(gaps),
    recommendations: {
      ...recommendations,
      askedRate: shown ? round(recommendations.asked / shown, 4) : null,
      boughtRate: shown ? round(recommendations.bought / shown, 4) : null,
    },
    days,
  };
}

/**
 * A cell as a spreadsheet reads it: quoted when it must be, and text a customer typed that
 * starts like a formula (=, +, -, @) made inert, so opening the export runs nothing.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/** The period as CSV: one row per day and figure, then the top lists for the whole period. */
export function insightsCsv(summary: InsightsSummary): string {
  const rows: (string | number | null)[][] = [['day', 'figure', 'dimension', 'value']];
  for (const day of summary.days) {
    rows.push([day.day, 'conversations', 'all', day.conversations]);
    rows.push([day.day, 'csat_responses', 'all', day.csat.responses]);
    rows.push([day.day, 'csat_average', 'all', day.csat.average]);
    for (const channel of CHANNELS) {
      const ratings = day.csat.byChannel[channel];
      if (ratings.responses === 0) continue;
      rows.push([day.day, 'csat_responses', channel, ratings.responses]);
      rows.push([day.day, 'csat_average', channel, ratings.average]);
    }
    for (const kind of OUTCOME_KINDS) rows.push([day.day, 'outcome', kind, day.outcomes[kind]]);
  }
  const period = `${summary.from}..${summary.to}`;
  for (const reason of HANDOFF_REASONS)
    rows.push([period, 'handoff_reason', reason, summary.handoffReasons[reason]]);
  rows.push([period, 'reopened', 'all', summary.reopened]);
  for (const step of RECOMMENDATION_STEPS)
    rows.push([period, 'recommendations', step, summary.recommendations[step]]);
  for (const kind of DEMAND_KINDS)
    for (const { term, count } of summary.demand[kind])
      rows.push([period, `demand_${kind}`, term, count]);
  for (const { term, count } of summary.knowledgeGaps)
    rows.push([period, 'knowledge_gap', term, count]);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
