import type { IndexDescription } from 'mongodb';

/** A collection's name and the indexes that start-up creates (idempotently) for it. */
export interface CollectionSpec {
  name: string;
  indexes: IndexDescription[];
}
