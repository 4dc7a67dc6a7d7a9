import { MongoServerError } from 'mongodb';

/** MongoDB's (and FerretDB's) code for a write that a unique index refused. */
const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}
