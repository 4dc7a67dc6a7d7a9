import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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

/** One writer's counters of one day. */
type DayDoc = { _id: string; day: string; counts: CounterTree };

export const dailyInsightsSpec: CollectionSpec = {
  name: 'daily_insights',
  indexes: [{ key: { day: 1 }, name: 'day' }],
};

/** Events counted once by key (a recommendation bought), so a pass repeated counts nothing twice. */
export const countedOnceSpec: CollectionSpec = { name: 'insights_counted', indexes: [] };

/** A field name holds neither `.` nor a leading `$`: those (and `%`) are escaped. */
function fieldName(name: string): string {
  return name.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) || '%20';
}

function decodedName(name: string): string {
  return name.replace(/%(25|2E|24|20)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** Adds `tree`'s counters into `into`, decoding names. */
function addTree(into: CounterTree, tree: CounterTree): void {
  for (const [field, value] of Object.entries(tree)) {
    const name = decodedName(field);
    const present = into[name];
    if (typeof value === 'number') into[name] = (typeof present === 'number' ? present : 0) + value;
    else {
      const child: CounterTree = typeof present === 'object' ? present : {};
      into[name] = child;
      addTree(child, value);
    }
  }
}

/**
 * Per day, one document per writing process (`_id` `<day>|<writer>`), whose counters are
 * `$inc`ed as things happen, so a period of 90 days is a few hundred small reads however many
 * conversations it had. A process writes its own documents one write at a time (what arrives
 * meanwhile goes together in the next): FerretDB applies an update as a read then a write, so
 * two concurrent `$inc`s on one document can lose one.
 */
export class InsightCountersRepository implements InsightCounters {
  private readonly writer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private batch: Map<string, Record<string, number>> | null = null;
  private batchWritten: Promise<void> = Promise.resolve();
  private previous: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: Collection<DayDoc>,
    private readonly counted: Collection<{ _id: string; at: Date }>,
  ) {}

  async countOnce(key: string, event: InsightEvent, at: Date): Promise<boolean> {
    if ((await insertOnce(this.counted, { _id: key, at })) === 'duplicate') return false;
    await this.count(event, at);
    return true;
  }

  /** Resolves once the event is stored (with whatever else came in meanwhile). */
  count(event: InsightEvent, at: Date): Promise<void> {
    if (!this.batch) {
      const batch = new Map<string, Record<string, number>>();
      this.batch = batch;
      this.batchWritten = this.previous.then(() => {
        if (this.batch === batch) this.batch = null;
        return this.write(batch);
      });
      this.previous = this.batchWritten.catch(() => {});
    }
    const inc = this.batch.get(dayOf(at)) ?? {};
    this.batch.set(dayOf(at), inc);
    for (const { path, by } of countersOf(event)) {
      const field = ['counts', ...path.map(fieldName)].join('.');
      inc[field] = (inc[field] ?? 0) + by;
    }
    return this.batchWritten;
  }

  private async write(batch: Map<string, Record<string, number>>): Promise<void> {
    for (const [day, inc] of batch) {
      const write = () =>
        this.collection.updateOne(
          { _id: `${day}|${this.writer}` },
          { $inc: inc, $setOnInsert: { day } },
          { upsert: true },
        );
      try {
        await write();
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await write();
      }
    }
  }

  async days(from: string, to: string): Promise<DailyCounts[]> {
    const docs = await this.collection.find({ day: { $gte: from, $lte: to } }).toArray();
    const byDay = new Map<string, CounterTree>();
    for (const doc of docs) {
      const counts = byDay.get(doc.day) ?? {};
      byDay.set(doc.day, counts);
      addTree(counts, doc.counts ?? {});
    }
    return [...byDay]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counts]) => ({ day, counts }));
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
