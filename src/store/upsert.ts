import { isDeepStrictEqual } from 'node:util';
import type {
  AnyBulkWriteOperation,
  Collection,
  Document,
  Filter,
  OptionalUnlessRequiredId,
} from 'mongodb';
import { chunks } from './chunks.js';
import { isDuplicateKeyError } from './repositories/duplicate-key.js';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Stored documents kept because they changed after what was given (see `newerWins`). */
  keptNewer?: number;
}

type Fields<T> = readonly (keyof T & string)[];

export interface UpsertOptions<T> {
  /** Fields the stored document keeps when it exists, such as a first-seen `createdAt`. */
  keepStored?: Fields<T>;
  /** Fields that alone do not make a change, such as a `updatedAt` stamped at import time. */
  ignoreInComparison?: Fields<T>;
  /**
   * A date field: a stored document whose date is later than the incoming one's was changed
   * since (by the bot, say) and is kept as it is.
   */
  newerWins?: keyof T & string;
  /** What to write when a document is stored already: the incoming one with what it keeps. */
  merge?: (stored: T, incoming: T) => T;
}

function keyString<T extends Document>(doc: T, key: Fields<T>): string {
  return JSON.stringify(key.map((field) => doc[field]));
}

function filterFor<T extends Document>(doc: T, key: Fields<T>): Filter<T> {
  return Object.fromEntries(key.map((field) => [field, doc[field]])) as Filter<T>;
}

function isLater(stored: unknown, incoming: unknown): boolean {
  return stored instanceof Date && incoming instanceof Date && stored > incoming;
}

function comparable(doc: Document, ignored: readonly string[]): Document {
  const { _id, ...rest } = doc;
  for (const field of ignored) delete rest[field];
  return rest;
}

/**
 * Makes each document the stored one for its business key (one or more fields): new keys are
 * inserted in bulk, changed documents replaced, identical ones left alone. Running it twice
 * with the same input writes nothing the second time.
 */
export async function upsertByKey<T extends Document>(
  collection: Collection<T>,
  docs: readonly T[],
  key: Fields<T>,
  options: UpsertOptions<T> = {},
): Promise<UpsertCounts> {
  const keep = options.keepStored ?? [];
  const ignored = options.ignoreInComparison ?? [];
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const [first] = key;
  if (!first) throw new Error('upsertByKey needs at least one key field');
  for (const batch of chunks(docs)) {
    const existing = await collection
      .find({ [first]: { $in: [...new Set(batch.map((doc) => doc[first]))] } } as Filter<T>)
      .toArray();
    const stored = new Map(existing.map((doc) => [keyString(doc as T, key), doc as T]));
    const fresh: T[] = [];
    const changed: T[] = [];
    for (const incoming of batch) {
      const before = stored.get(keyString(incoming, key));
      if (before === undefined) {
        fresh.push(incoming);
        continue;
      }
      const newer = options.newerWins;
      if (newer && isLater(before[newer], incoming[newer])) {
        counts.keptNewer = (counts.keptNewer ?? 0) + 1;
        continue;
      }
      const doc = options.merge ? options.merge(before, incoming) : { ...incoming };
      for (const field of keep) if (field in before) doc[field] = before[field];
      if (isDeepStrictEqual(comparable(before, ignored), comparable(doc, ignored)))
        counts.unchanged++;
      else changed.push(doc);
    }
    counts.inserted += await insertFresh(collection, fresh, key);
    if (changed.length > 0) {
      await collection.bulkWrite(
        changed.map((doc) => ({
          replaceOne: { filter: filterFor(doc, key), replacement: doc, upsert: true },
        })) as AnyBulkWriteOperation<T>[],
      );
      counts.updated += changed.length;
    }
  }
  return counts;
}

/**
 * Bulk insert; if another process inserted some of the same keys meanwhile, fall back to
 * per-document upserts for this batch so both end with one copy.
 */
async function insertFresh<T extends Document>(
  collection: Collection<T>,
  fresh: T[],
  key: Fields<T>,
): Promise<number> {
  if (fresh.length === 0) return 0;
  try {
    // Copies: the driver writes `_id` into the documents it is given.
    await collection.insertMany(fresh.map((doc) => ({ ...doc })) as OptionalUnlessRequiredId<T>[], {
      ordered: false,
    });
    return fresh.length;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const result = await collection.bulkWrite(
      fresh.map((doc) => ({
        replaceOne: { filter: filterFor(doc, key), replacement: doc, upsert: true },
      })) as AnyBulkWriteOperation<T>[],
    );
    return result.upsertedCount;
  }
}
