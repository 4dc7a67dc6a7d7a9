import type { Collection } from 'mongodb';
import type { Claims } from '../../ports/messaging.js';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

/**
 * A claim is a document whose `_id` names one state transition ("escalation 7 taken",
 * "conversation 3 at version 5 changed"). Inserting it succeeds for exactly one caller, on
 * MongoDB and on FerretDB alike. A conditional update is not enough: FerretDB 1.24 checks an
 * update's filter and writes in two steps, so two concurrent `{status: 'open'}` updates can
 * both succeed.
 *
 * A claim's holder writes the transition right after claiming. A claim older than
 * `STALE_AFTER_MS` whose transition is still not written belongs to a process that died in
 * between; callers only claim after checking the transition is still due, so such a claim
 * may be taken over, and nothing stays stuck.
 */
export interface Claim {
  _id: string;
  holder: string;
  at: Date;
}

export const STALE_AFTER_MS = 30_000;

export const claimsSpec: CollectionSpec = {
  name: 'claims',
  indexes: [{ key: { at: 1 }, name: 'oldest' }],
};

export class ClaimsRepository implements Claims {
  constructor(private readonly collection: Collection<Claim>) {}

  /** True for the one caller that made this transition; false for everyone else. */
  async claim(key: string, holder: string, at: Date): Promise<boolean> {
    if (await this.insert(key, holder, at)) return true;
    const stale = await this.collection.deleteOne({
      _id: key,
      at: { $lte: new Date(at.getTime() - STALE_AFTER_MS) },
    });
    return stale.deletedCount === 1 && (await this.insert(key, holder, at));
  }

  /** Whether the transition was claimed (claims are kept, so: ever). */
  async exists(key: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: key }, { projection: { _id: 1 } })) !== null;
  }

  private async insert(key: string, holder: string, at: Date): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: key, holder, at });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
