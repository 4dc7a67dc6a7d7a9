import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

/**
 * A claim is a document whose `_id` names one state transition ("escalation 7 taken",
 * "conversation 3 at version 5 changed"). Inserting it succeeds for exactly one caller, on
 * MongoDB and on FerretDB alike. A conditional update is not enough: FerretDB 1.24 checks an
 * update's filter and writes in two steps, so two concurrent `{status: 'open'}` updates can
 * both succeed.
 */
export interface Claim {
  _id: string;
  holder: string;
  at: Date;
}

export const claimsSpec: CollectionSpec = {
  name: 'claims',
  indexes: [{ key: { at: 1 }, name: 'oldest' }],
};

export class ClaimsRepository {
  constructor(private readonly collection: Collection<Claim>) {}

  /** True for the one caller that made this transition; false for everyone else. */
  async claim(key: string, holder: string, at: Date): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: key, holder, at });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
