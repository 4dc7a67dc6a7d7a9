import { MongoClient } from 'mongodb';

export type { MongoClient } from 'mongodb';

export interface MongoClientOptions {
  uri: string;
  connectTimeoutMs: number;
}

/**
 * A client that fails fast when the server is away (so `/readyz` answers promptly) and that
 * the driver reconnects by itself once the server is back.
 */
export function createMongoClient(options: MongoClientOptions): MongoClient {
  return new MongoClient(options.uri, {
    appName: 'concierge',
    serverSelectionTimeoutMS: options.connectTimeoutMs,
    connectTimeoutMS: options.connectTimeoutMs,
    heartbeatFrequencyMS: 2_000,
    maxPoolSize: 20,
    retryWrites: true,
    retryReads: true,
  });
}

export interface ServerIdentity {
  /** "MongoDB 7.0.14" or "FerretDB v1.24.2 (MongoDB 7.0.42 wire)". */
  description: string;
  isFerretDb: boolean;
}

/** What server is on the other end, from `buildInfo` (FerretDB adds its own version there). */
export async function identifyServer(client: MongoClient): Promise<ServerIdentity> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  const version = String(info.version);
  if (typeof info.ferretdbVersion === 'string') {
    return {
      description: `FerretDB ${info.ferretdbVersion} (MongoDB ${version} wire)`,
      isFerretDb: true,
    };
  }
  return { description: `MongoDB ${version}`, isFerretDb: false };
}
