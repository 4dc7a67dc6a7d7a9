import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { errors, MongoMemoryServer } from 'mongodb-memory-server-core';
import type { OwnedServer } from './shared-server.js';

/**
 * mongodb-memory-server downloads `mongod` on first use. On a machine without internet that
 * fails after several seconds; remember the failure for a day so every start is not slowed.
 */
const FAILED_DOWNLOAD_MARKER = join(tmpdir(), 'concierge-mongod-download-failed.json');
const RETRY_DOWNLOAD_AFTER_MS = 24 * 60 * 60 * 1000;

export function recentDownloadFailure(now = Date.now()): string | null {
  if (!existsSync(FAILED_DOWNLOAD_MARKER)) return null;
  try {
    const marker = JSON.parse(readFileSync(FAILED_DOWNLOAD_MARKER, 'utf8')) as {
      at: number;
      reason: string;
    };
    return now - marker.at < RETRY_DOWNLOAD_AFTER_MS ? marker.reason : null;
  } catch {
    return null;
  }
}

function rememberDownloadFailure(reason: string): void {
  writeFileSync(FAILED_DOWNLOAD_MARKER, JSON.stringify({ at: Date.now(), reason }));
}

export interface MongodOptions {
  dataDir: string;
  port?: number;
}

/**
 * Runs `start` with the console's warn and error silenced: mongodb-memory-server prints a
 * failed download three times and then its stack trace there, while the caller says what
 * happened in one log line. Only start-up runs this, before anything else logs that way.
 */
async function withoutLibraryConsole<T>(start: () => Promise<T>): Promise<T> {
  const { warn, error } = console;
  console.warn = () => {};
  console.error = () => {};
  try {
    return await start();
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** Starts a real `mongod` (fetched once by mongodb-memory-server) with data kept in `dataDir`. */
export async function startMongod(options: MongodOptions): Promise<OwnedServer> {
  const dbPath = resolve(options.dataDir);
  mkdirSync(dbPath, { recursive: true });
  let server: MongoMemoryServer;
  try {
    server = await withoutLibraryConsole(() =>
      MongoMemoryServer.create({
        instance: {
          dbPath,
          storageEngine: 'wiredTiger',
          ip: '127.0.0.1',
          ...(options.port === undefined ? {} : { port: options.port }),
        },
      }),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (error instanceof errors.DownloadError) rememberDownloadFailure(reason ?? 'download failed');
    throw error;
  }
  const uri = server.getUri();
  return {
    kind: 'mongod',
    pid: server.instanceInfo?.instance.mongodProcess?.pid ?? 0,
    uri,
    label: `mongod (mongodb-memory-server, data in ${dbPath}) on ${uri.replace('mongodb://', '')}`,
    async stop() {
      await server.stop({ doCleanup: false });
    },
  };
}
