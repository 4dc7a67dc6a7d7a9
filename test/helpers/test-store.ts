import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/config.js';
import { importArticles } from '../../src/knowledge/import-articles.js';
import { Store } from '../../src/store/store.js';

export interface TestStore {
  client: MongoClient;
  db: Db;
  store: Store;
  /** Drops the database and closes the client. */
  close(): Promise<void>;
}

/** A database of its own on the test server, with the service's indexes in place. */
export async function openTestStore(name: string): Promise<TestStore> {
  const client = new MongoClient(inject('mongoUri'), { serverSelectionTimeoutMS: 10_000 });
  const db = client.db(testDbName(name));
  const store = new Store(db);
  await store.ensureIndexes();
  return {
    client,
    db,
    store,
    async close() {
      await db.dropDatabase();
      await client.close();
    },
  };
}

export function testDbName(name: string): string {
  return `t_${name}_${randomBytes(4).toString('hex')}`;
}

/**
 * Opens a test store before the file's tests and drops it after them. Read its fields inside
 * tests and hooks, not at module level.
 */
export function useTestStore(name: string): { readonly store: Store; readonly db: Db } {
  let opened: TestStore | undefined;
  beforeAll(async () => {
    opened = await openTestStore(name);
  });
  afterAll(() => opened?.close());
  const current = (): TestStore => {
    if (!opened) throw new Error('the test store is opened in beforeAll');
    return opened;
  };
  return {
    get store() {
      return current().store;
    },
    get db() {
      return current().db;
    },
  };
}

/** The demo help centre in a test store, as start-up imports it. */
export function useDemoHelpCenter(t: { store: Store }): void {
  beforeAll(async () => {
    await importArticles(DEFAULT_KNOWLEDGE_DIR, t.store.articles, {
      now: new Date(),
      dryRun: false,
    });
  });
}
