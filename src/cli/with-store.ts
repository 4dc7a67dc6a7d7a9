import { parseConfig, withEnvFile } from '../config.js';
import { isConciergeError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { createMongoClient, identifyServer } from '../store/client.js';
import { resolveMongoServer } from '../store/server/resolve-server.js';
import { Store } from '../store/store.js';

/**
 * Runs a command-line task against the same MongoDB the service uses (MONGODB_URI, or the
 * embedded server, shared with a running `npm start`). Exits 1 with a message on failure.
 */
export async function withStore(
  task: (store: Store, logger: Logger) => Promise<number>,
  options: {
    /** A database of its own, dropped afterwards, instead of the service's. */
    scratchDatabase?: string;
  } = {},
): Promise<never> {
  const env = withEnvFile(process.env);
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger({
    ...config.log,
    format: config.log.format === 'auto' ? 'pretty' : config.log.format,
  });
  let exitCode = 1;
  try {
    const mongo = await resolveMongoServer({
      mongo: config.mongo,
      dataDir: config.dataDir,
      env,
      logger,
    });
    const client = createMongoClient({
      uri: mongo.uri,
      connectTimeoutMs: config.mongo.connectTimeoutMs,
    });
    try {
      const server = await identifyServer(client);
      logger.info(
        { server: server.description, at: mongo.label, db: config.mongo.dbName },
        'using MongoDB',
      );
      const db = client.db(options.scratchDatabase ?? config.mongo.dbName);
      if (options.scratchDatabase) await db.dropDatabase();
      const store = new Store(db);
      try {
        await store.ensureIndexes();
        exitCode = await task(store, logger);
      } finally {
        if (options.scratchDatabase) await db.dropDatabase();
      }
    } finally {
      await client.close();
      await mongo.stop();
    }
  } catch (error) {
    if (isConciergeError(error)) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'failed');
  }
  process.exit(exitCode);
}
