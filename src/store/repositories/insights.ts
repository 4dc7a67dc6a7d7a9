import type { Collection } from 'mongodb';
import {
  type ConversationOutcome,
  type CounterTree,
  countersOf,
  type DailyCounts,
  dayOf,
  type InsightEvent,
  type Rating,
  type Survey,
} from '../../domain/insights.js';
import type { InsightCounters, Outcomes, Surveys } from '../../ports/insights.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce, isDuplicateKeyError } from './duplicate-key.js';

type DayDoc = { _id: string; counts: CounterTree };

export const dailyInsightsSpec: CollectionSpec = { name: 'daily_insights', indexes: [] };

/** A field name holds neither `.` nor a leading `$`: those (and `%`) are escaped. */
function fieldName(name: string): string {
  return name.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) || '%20';
}

function decodeTree(tree: CounterTree): CounterTree {
  const decoded: CounterTree = {};
  for (const [name, value] of Object.entries(tree))
    decoded[
      name
        .replace(/%(25|2E|24|20)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .trim() || ' '
    ] = typeof value === 'number' ? value : decodeTree(value);
  return decoded;
}

/**
 * One document per day (`_id` YYYY-MM-DD) whose counters are `$inc`ed as things happen, so a
 * period of 90 days is 90 primary-key reads however many conversations it had.
 */
export class InsightCountersRepository implements InsightCounters {
  constructor(private readonly collection: Collection<DayDoc>) {}

  async count(event: InsightEvent, at: Date): Promise<void> {
    const inc: Record<string, number> = {};
    for (const { path, by } of countersOf(event))
      inc[['counts', ...path.map(fieldName)].join('.')] = by;
    const write = () =>
      this.collection.updateOne({ _id: dayOf(at) }, { $inc: inc }, { upsert: true });
    try {
      await write();
    } catch (error) {
      // The day's first two counts raced to create it: the loser adds to the winner's.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async days(from: string, to: string): Promise<DailyCounts[]> {
    const docs = await this.collection
      .find({ _id: { $gte: from, $lte: to } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => ({ day: doc._id, counts: decodeTree(doc.counts ?? {}) }));
  }
}

type OutcomeDoc = ConversationOutcome & { _id: string };

export const outcomesSpec: CollectionSpec = {
  name: 'conversation_outcomes',
  indexes: [{ key: { conversationId: 1 }, name: 'conversation' }],
};

/** `_id` is `<conversationId>#<episode>`: the unique insert is what makes it once. */
export class OutcomesRepository implements Outcomes {
  constructor(private readonly collection: Collection<OutcomeDoc>) {}

  async record(outcome: ConversationOutcome): Promise<boolean> {
    const _id = `${outcome.conversationId}#${outcome.episode}`;
    return (await insertOnce(this.collection, { ...outcome, _id })) === 'stored';
  }

  of(conversationId: string): Promise<ConversationOutcome[]> {
    return this.collection
      .find({ conversationId }, { projection: { _id: 0 } })
      .sort({ episode: 1 })
      .toArray();
  }
}

type SurveyDoc = Survey & { _id: string };

export const surveysSpec: CollectionSpec = { name: 'surveys', indexes: [] };

/** One survey per conversation, `_id` its id: asking is a unique insert. */
export class SurveysRepository implements Surveys {
  constructor(private readonly collection: Collection<SurveyDoc>) {}

  async ask(
    survey: Pick<Survey, 'conversationId' | 'channel' | 'askedAt' | 'askedBy'>,
  ): Promise<boolean> {
    const stored = await insertOnce(this.collection, {
      ...survey,
      _id: survey.conversationId,
      rating: null,
      ratedAt: null,
      comment: null,
    });
    if (stored === 'stored') return true;
    if (survey.askedBy === null) return false;
    return (await this.find(survey.conversationId))?.askedBy === survey.askedBy;
  }

  async rate(conversationId: string, rating: Rating, at: Date): Promise<Survey | null> {
    await this.collection.updateOne(
      { _id: conversationId, rating: null },
      { $set: { rating, ratedAt: at } },
    );
    return this.find(conversationId);
  }

  async comment(conversationId: string, comment: string): Promise<void> {
    await this.collection.updateOne({ _id: conversationId }, { $set: { comment } });
  }

  find(conversationId: string): Promise<Survey | null> {
    return this.collection.findOne({ _id: conversationId }, { projection: { _id: 0 } });
  }
}
