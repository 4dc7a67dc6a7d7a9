import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMongoClient, identifyServer } from '../../src/store/client.js';
import { resolveMongoServer } from '../../src/store/server/resolve-server.js';

/** The benchmark's MongoDB, chosen as the service chooses: MONGODB_URI, else embedded. */
export async function benchMongo(): Promise<{
  uri: string;
  description: string;
  stop(): Promise<void>;
}> {
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const dataDir = mkdtempSync(join(tmpdir(), 'concierge-bench-'));
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
    async stop() {
      await mongo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
