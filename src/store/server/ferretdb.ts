import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../../config.js';
import { ConciergeError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { findFreePort } from './free-port.js';
import type { OwnedServer } from './shared-server.js';
import { waitForPort } from './wait-for-port.js';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const INSTALL_SCRIPT = fileURLToPath(
  new URL('../../../scripts/install-ferretdb.sh', import.meta.url),
);

/** `ferretdb` on PATH, else where `go install` puts binaries; null when there is none. */
export function findFerretdb(env: Env): string | null {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  if (env.GOPATH) dirs.push(...env.GOPATH.split(delimiter).map((dir) => join(dir, 'bin')));
  if (env.HOME) dirs.push(join(env.HOME, 'go', 'bin'));
  for (const dir of dirs) {
    const candidate = join(dir, 'ferretdb');
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The Go toolchain on PATH, which can build FerretDB from the Go module proxy. */
export function findGo(env: Env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (isExecutable(join(dir, 'go'))) return join(dir, 'go');
  }
  return null;
}

/**
 * Builds FerretDB with scripts/install-ferretdb.sh (a minute or two the first time, seconds
 * with a warm Go cache) and returns the binary, or null with the reason logged.
 */
export async function buildFerretdb(env: Env, logger: Logger): Promise<string | null> {
  logger.info(
    'no MongoDB server found; building FerretDB with Go (one time, may take a few minutes)',
  );
  const child = spawn('bash', [INSTALL_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolveCode) => {
    child.once('error', () => resolveCode(null));
    child.once('exit', resolveCode);
  });
  if (code !== 0) {
    logger.warn({ output: output.trim() }, 'building FerretDB failed');
    return null;
  }
  logger.info(output.trim());
  return findFerretdb(env);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

export interface FerretdbOptions {
  binary: string;
  dataDir: string;
  /** A fixed port (for a restart on the same address); a free one when omitted. */
  port?: number;
  logger: Logger;
}

/** Starts FerretDB with its SQLite backend in `dataDir` and waits until it accepts clients. */
export async function startFerretdb(options: FerretdbOptions): Promise<OwnedServer> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const child = spawn(
    options.binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const spawnError = new Promise<Error>((resolveError) => child.once('error', resolveError));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const listening = await Promise.race([
    waitForPort(port, START_TIMEOUT_MS, alive),
    spawnError.then(() => false),
  ]);
  if (!listening) {
    await stopChild(child);
    throw new ConciergeError(
      ErrorCode.MongoServerStart,
      `FerretDB (${options.binary}) did not start on 127.0.0.1:${port}: ${stderr.trim() || 'no output'}`,
    );
  }
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    options.logger.error(
      { code, signal, output: stderr.trim().slice(-1000) },
      'FerretDB exited unexpectedly',
    );
  });
  return {
    kind: 'ferretdb',
    pid: child.pid ?? 0,
    uri: `mongodb://127.0.0.1:${port}/`,
    label: `FerretDB (SQLite in ${dataDir}) on 127.0.0.1:${port}`,
    async stop() {
      stopping = true;
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}
