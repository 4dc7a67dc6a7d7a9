import type { Collection } from 'mongodb';
import type { RateCounters } from '../../ports/rate-counters.js';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

interface CounterDoc {
  _id: string;
  count: number;
  /** When the window is over: the retention job deletes counters past it. */
  expiresAt: Date;
}

export const rateCountersSpec: CollectionSpec = {
  name: 'rate_counters',
  indexes: [{ key: { expiresAt: 1 }, name: 'expires' }],
};

export class RateCountersRepository implements RateCounters {
  constructor(private readonly collection: Collection<CounterDoc>) {}

  async hit(key: string, windowStart: Date, windowMs: number): Promise<number> {
    const filter = { _id: `${key}|${windowStart.getTime()}` };
    const update = {
      $inc: { count: 1 },
      $setOnInsert: { expiresAt: new Date(windowStart.getTime() + windowMs) },
    };
    const options = { upsert: true, returnDocument: 'after' as const };
    try {
      return (await this.collection.findOneAndUpdate(filter, update, options))?.count ?? 1;
    } catch (error) {
      // Two first hits of a window raced to insert it: the loser counts on the winner's.
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.collection.findOneAndUpdate(filter, update, options))?.count ?? 1;
    }
  }

  /** Deletes counters of windows that ended before `before`. */
  async prune(before: Date): Promise<number> {
    return (await this.collection.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  }
}
