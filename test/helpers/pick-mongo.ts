import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMongoClient, identifyServer } from '../../src/store/client.js';
import { resolveMongoServer } from '../../src/store/server/resolve-server.js';

export interface PickedMongo {
  uri: string;
  /** Server and version, e.g. "FerretDB v1.24.2 (MongoDB 7.0.42 wire)". */
  description: string;
  /** Where it runs, without credentials. */
  label: string;
  stop(): Promise<void>;
}

/**
 * A MongoDB for tests and benchmarks, chosen as the service chooses: MONGODB_URI when set,
 * else an embedded mongod, else FerretDB, with its data in a temporary folder.
 */
export async function pickMongo(): Promise<PickedMongo> {
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const dataDir = mkdtempSync(join(tmpdir(), 'concierge-mongo-'));
  const logger = createLogger({ level: 'warn', format: 'json', destination: process.stderr });
  const mongo = await resolveMongoServer({
    mongo: config.mongo,
    dataDir,
    env: process.env,
    logger,
  });
  const client = createMongoClient({ uri: mongo.uri, connectTimeoutMs: 10_000 });
  const { description } = await identifyServer(client);
  await client.close();
  return {
    uri: mongo.uri,
    description,
    label: mongo.label,
    async stop() {
      await mongo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
