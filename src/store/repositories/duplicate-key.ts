import {
  type Collection,
  type Document,
  MongoServerError,
  type OptionalUnlessRequiredId,
} from 'mongodb';

/** MongoDB's (and FerretDB's) code for a write that a unique index refused. */
const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/** Inserts `doc` unless its unique key is stored already: the one write that dedupes retries. */
export async function insertOnce<T extends Document>(
  collection: Collection<T>,
  doc: OptionalUnlessRequiredId<T>,
): Promise<'stored' | 'duplicate'> {
  try {
    await collection.insertOne(doc);
    return 'stored';
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'duplicate';
    throw error;
  }
}
