import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMongoClient, identifyServer } from '../../src/store/client.js';
import { resolveMongoServer } from '../../src/store/server/resolve-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoDescription: string;
  }
}

/**
 * The tests pick their MongoDB the way the service does: MONGODB_URI when set, else an
 * embedded mongod, else FerretDB. Each test file then works in a database of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const dataDir = mkdtempSync(join(tmpdir(), 'concierge-test-'));
  const logger = createLogger({ level: 'warn', format: 'json', destination: process.stderr });
  const mongo = await resolveMongoServer({
    mongo: config.mongo,
    dataDir,
    env: process.env,
    logger,
  });
  const client = createMongoClient({ uri: mongo.uri, connectTimeoutMs: 10_000 });
  const server = await identifyServer(client);
  await client.close();
  console.log(`\nTests use MongoDB: ${server.description} (${mongo.label})\n`);
  project.provide('mongoUri', mongo.uri);
  project.provide('mongoDescription', server.description);
  return async () => {
    await mongo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
