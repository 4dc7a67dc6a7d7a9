import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Collection } from 'mongodb';
import {
  addCounter,
  type ConversationOutcome,
  type CounterTree,
  countersOf,
  dayOf,
  type InsightEvent,
  isTermCounter,
  mergeCounters,
  type PeriodCounts,
  type Rating,
  type Survey,
  termBuckets,
  weekOf,
} from '../../domain/insights.js';
import type { InsightCounters, Outcomes, Surveys } from '../../ports/insights.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce, isDuplicateKeyError } from './duplicate-key.js';

/** One writer's fixed counters of one day. */
type DayDoc = { _id: string; day: string; counts: CounterTree };
/**
 * One writer's term counters of one day (`D<day>`) or week (`W<monday>`): its entries as one
 * JSON string of `[path, count]` pairs, since FerretDB's cost is per field read.
 */
type TermsDoc = { _id: string; bucket: string; entries: string };

export const dailyInsightsSpec: CollectionSpec = {
  name: 'daily_insights',
  indexes: [{ key: { day: 1 }, name: 'day' }],
};

export const insightTermsSpec: CollectionSpec = {
  name: 'insight_terms',
  indexes: [{ key: { bucket: 1 }, name: 'bucket' }],
};

/** Events counted once by key (a recommendation bought), so a pass repeated counts nothing twice. */
export const countedOnceSpec: CollectionSpec = { name: 'insights_counted', indexes: [] };

/** Term buckets a writer keeps in memory: about two weeks of days, and their weeks. */
const BUCKETS_KEPT = 20;

/** A field name holds neither `.` nor a leading `$`: those (and `%`) are escaped. */
function fieldName(name: string): string {
  return name.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) || '%20';
}

function decodedName(name: string): string {
  return name.replace(/%(25|2E|24|20)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** A term counter's path as one key: names never hold control characters (`demandTerm`). */
const PATH_SEPARATOR = '\u001f';

/** A stored bucket's entries; a malformed one is an error, never a silent zero. */
function parseEntries(json: string, id: string): [string, number][] {
  const entries: unknown = JSON.parse(json);
  if (
    !Array.isArray(entries) ||
    !entries.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number')
  )
    throw new Error(`insight_terms ${id} holds malformed entries`);
  return entries as [string, number][];
}

/** One pass's writes: `$inc`s per day document, and term counts with their buckets. */
interface Batch {
  days: Map<string, Record<string, number>>;
  terms: { path: string[]; by: number; buckets: string[] }[];
}

/**
 * Counters kept as things happen, each process writing only documents of its own (`_id`
 * `<day>|<writer>`), one batch at a time (what arrives meanwhile goes together in the next):
 * FerretDB applies an update as a read then a write, so two writers of one document could
 * lose counts. Fixed counters are `$inc`ed in a document per day, so a period of 90 days is
 * a few hundred small reads however many conversations it had. Free-text counters (what
 * customers asked for, unanswered questions) go to daily and weekly buckets (`insight_terms`),
 * kept by their writer in memory and written whole as one string: FerretDB's reads cost per
 * field, and a period reads its whole weeks from weekly buckets.
 */
export class InsightCountersRepository implements InsightCounters {
  private readonly writer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** This writer's term buckets, by bucket name: path (JSON) -> count. */
  private readonly buckets = new Map<string, Map<string, number>>();
  private batch: Batch | null = null;
  private batchWritten: Promise<void> = Promise.resolve();
  private previous: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: Collection<DayDoc>,
    private readonly terms: Collection<TermsDoc>,
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
      const batch: Batch = { days: new Map(), terms: [] };
      this.batch = batch;
      this.batchWritten = this.previous.then(() => {
        if (this.batch === batch) this.batch = null;
        return this.write(batch);
      });
      this.previous = this.batchWritten.catch(() => {});
    }
    const day = dayOf(at);
    for (const { path, by } of countersOf(event)) {
      if (isTermCounter(path)) {
        this.batch.terms.push({ path, by, buckets: [`D${day}`, `W${weekOf(day)}`] });
        continue;
      }
      const inc = this.batch.days.get(day) ?? {};
      this.batch.days.set(day, inc);
      const field = ['counts', ...path.map(fieldName)].join('.');
      inc[field] = (inc[field] ?? 0) + by;
    }
    return this.batchWritten;
  }

  private async write(batch: Batch): Promise<void> {
    for (const [day, inc] of batch.days) {
      const _id = `${day}|${this.writer}`;
      await retryFirstInsert(() =>
        this.collection.updateOne({ _id }, { $inc: inc, $setOnInsert: { day } }, { upsert: true }),
      );
    }
    const changed = new Set(batch.terms.flatMap((t) => t.buckets));
    for (const bucket of changed) await this.load(bucket);
    for (const { path, by, buckets } of batch.terms)
      for (const bucket of buckets) {
        const entries = this.buckets.get(bucket) ?? new Map<string, number>();
        this.buckets.set(bucket, entries);
        const key = path.join(PATH_SEPARATOR);
        entries.set(key, (entries.get(key) ?? 0) + by);
      }
    for (const bucket of changed) {
      const entries = JSON.stringify([...(this.buckets.get(bucket) ?? [])]);
      await this.terms.replaceOne(
        { _id: `${bucket}|${this.writer}` },
        { bucket, entries },
        { upsert: true },
      );
    }
    this.forgetOldBuckets();
  }

  /** A bucket this writer wrote before and no longer keeps in memory (a late event): read back. */
  private async load(bucket: string): Promise<void> {
    if (this.buckets.has(bucket)) return;
    const stored = await this.terms.findOne({ _id: `${bucket}|${this.writer}` });
    const entries = stored ? parseEntries(stored.entries, stored._id) : [];
    this.buckets.set(bucket, new Map(entries));
  }

  private forgetOldBuckets(): void {
    const names = [...this.buckets.keys()].sort((a, b) => a.slice(1).localeCompare(b.slice(1)));
    for (const name of names.slice(0, Math.max(0, names.length - BUCKETS_KEPT)))
      this.buckets.delete(name);
  }

  async period(from: string, to: string): Promise<PeriodCounts> {
    const { weeks, days } = termBuckets(from, to);
    const buckets = [...weeks.map((w) => `W${w}`), ...days.map((d) => `D${d}`)];
    const [dayDocs, termDocs] = await Promise.all([
      this.collection.find({ day: { $gte: from, $lte: to } }).toArray(),
      buckets.length ? this.terms.find({ bucket: { $in: buckets } }).toArray() : [],
    ]);
    const byDay = new Map<string, CounterTree>();
    for (const doc of dayDocs) {
      const counts = byDay.get(doc.day) ?? {};
      byDay.set(doc.day, counts);
      mergeCounters(counts, doc.counts ?? {}, decodedName);
    }
    const terms: CounterTree = {};
    for (const doc of termDocs)
      for (const [key, count] of parseEntries(doc.entries, doc._id))
        addCounter(terms, key.split(PATH_SEPARATOR), count);
    return {
      days: [...byDay]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, counts]) => ({ day, counts })),
      terms,
    };
  }
}

/** Only this process writes its documents: a duplicate key is a retried first insert. */
async function retryFirstInsert(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await write();
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
