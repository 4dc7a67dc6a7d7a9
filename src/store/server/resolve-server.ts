import { join } from 'node:path';
import type { Config, Env } from '../../config.js';
import { ConciergeError, ErrorCode } from '../../errors.js';
import { type Logger, redactUri } from '../../logger.js';
import { buildFerretdb, findFerretdb, findGo, startFerretdb } from './ferretdb.js';
import { recentDownloadFailure, startMongod } from './mongod.js';
import type { RunningMongo } from './running-server.js';
import { startOrShare } from './shared-server.js';

export interface ResolveOptions {
  mongo: Config['mongo'];
  dataDir: string;
  env: Env;
  logger: Logger;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

async function tryMongod(options: ResolveOptions, tried: string[]): Promise<RunningMongo | null> {
  const earlier = recentDownloadFailure();
  if (earlier && options.mongo.embedded === 'auto') {
    const line = `mongod: its download failed in the last 24 hours (${earlier}); not retried`;
    options.logger.info(line);
    tried.push(line);
    return null;
  }
  options.logger.info('starting a local mongod with mongodb-memory-server');
  try {
    const dir = join(options.dataDir, 'mongo');
    return await startOrShare(dir, options.logger, () => startMongod({ dataDir: dir }));
  } catch (error) {
    const line = `mongod via mongodb-memory-server: ${describe(error)}`;
    options.logger.warn(line);
    tried.push(line);
    return null;
  }
}

async function tryFerretdb(options: ResolveOptions, tried: string[]): Promise<RunningMongo | null> {
  let binary = options.mongo.ferretdbPath ?? findFerretdb(options.env);
  if (!binary && findGo(options.env)) binary = await buildFerretdb(options.env, options.logger);
  if (!binary) {
    tried.push('ferretdb: no binary on PATH, in $GOPATH/bin or ~/go/bin, and none could be built');
    return null;
  }
  options.logger.info({ binary }, 'starting FerretDB with its SQLite backend');
  try {
    const dir = join(options.dataDir, 'ferretdb');
    return await startOrShare(dir, options.logger, () =>
      startFerretdb({ binary, dataDir: dir, logger: options.logger }),
    );
  } catch (error) {
    tried.push(`ferretdb: ${describe(error)}`);
    return null;
  }
}

/**
 * Picks the MongoDB-compatible server: MONGODB_URI when set; otherwise an embedded one, a real
 * mongod first and FerretDB second (EMBEDDED_MONGODB narrows the choice).
 */
export async function resolveMongoServer(options: ResolveOptions): Promise<RunningMongo> {
  const { uri, embedded } = options.mongo;
  if (uri) {
    return { kind: 'external', uri, label: redactUri(uri), stop: async () => {} };
  }
  const tried: string[] = [];
  if (embedded !== 'ferretdb') {
    const mongod = await tryMongod(options, tried);
    if (mongod) return mongod;
  }
  if (embedded !== 'mongod') {
    const ferretdb = await tryFerretdb(options, tried);
    if (ferretdb) return ferretdb;
  }
  throw new ConciergeError(
    ErrorCode.NoMongoServer,
    [
      'No MongoDB server to use. Tried:',
      ...tried.map((line) => `  - ${line}`),
      'Choose one of:',
      '  1. Set MONGODB_URI to your MongoDB (Atlas or mongod), e.g. mongodb://127.0.0.1:27017',
      '  2. Start once on a machine with internet, so mongodb-memory-server can download mongod',
      '  3. Install FerretDB (needs Go): bash scripts/install-ferretdb.sh, or set FERRETDB_PATH',
    ].join('\n'),
  );
}
