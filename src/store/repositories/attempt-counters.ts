import type { Collection } from 'mongodb';
import { type AttemptPolicy, latestOf, nextAttemptAt } from '../../domain/attempt-limit.js';
import type { AttemptCounters, AttemptVerdict } from '../../ports/attempts.js';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

export const attemptsSpec: CollectionSpec = {
  name: 'attempts',
  indexes: [{ key: { key: 1, seq: -1 }, name: 'latest_of_key' }],
};

/** One attempt: the key's `seq`-th, so two attempts at once can never take the same place. */
interface Attempt {
  _id: string;
  key: string;
  seq: number;
  at: Date;
}

function latestWait(
  keys: readonly { policy: AttemptPolicy }[],
  latest: readonly Attempt[][],
  at: Date,
): Date | null {
  return latestOf(
    keys.map(({ policy }, i) =>
      nextAttemptAt(
        (latest[i] ?? []).map((a) => a.at),
        policy,
        at,
      ),
    ),
  );
}

/**
 * Attempts as one document each, numbered per key. Counting is an insert under a unique id
 * (the key and its next number), which every MongoDB-compatible server does atomically, where
 * a compare-and-set update is not (FerretDB reads, then writes).
 */
export class AttemptCountersRepository implements AttemptCounters {
  constructor(private readonly collection: Collection<Attempt>) {}

  async waitUntil(
    keys: readonly { key: string; policy: AttemptPolicy }[],
    at: Date,
  ): Promise<Date | null> {
    const latest = await Promise.all(keys.map(({ key, policy }) => this.latest(key, policy)));
    return latestWait(keys, latest, at);
  }

  async take(
    keys: readonly { key: string; policy: AttemptPolicy }[],
    at: Date,
  ): Promise<AttemptVerdict> {
    const latest = await Promise.all(keys.map(({ key, policy }) => this.latest(key, policy)));
    const retryAt = latestWait(keys, latest, at);
    if (retryAt) return { allowed: false, retryAt };
    for (const [i, { key, policy }] of keys.entries()) {
      if (!(await this.count(key, policy, latest[i] ?? [], at)))
        return { allowed: false, retryAt: new Date(at.getTime() + 1000) };
    }
    return { allowed: true };
  }

  private latest(key: string, policy: AttemptPolicy): Promise<Attempt[]> {
    return this.collection.find({ key }).sort({ seq: -1 }).limit(policy.max).toArray();
  }

  /** Takes the key's next place; false when others took the places up to its limit first. */
  private async count(
    key: string,
    policy: AttemptPolicy,
    read: Attempt[],
    at: Date,
  ): Promise<boolean> {
    let seen = read;
    // Each lost race means another attempt took a place, so after `max` of them the limit
    // refuses on its own: giving up sooner would refuse an attempt the limit still allows.
    for (let tries = 0; tries <= policy.max; tries++) {
      if (
        nextAttemptAt(
          seen.map((a) => a.at),
          policy,
          at,
        )
      )
        return false;
      const seq = (seen[0]?.seq ?? 0) + 1;
      try {
        await this.collection.insertOne({ _id: `${key}#${seq}`, key, seq, at });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      seen = await this.latest(key, policy);
    }
    return false;
  }
}
