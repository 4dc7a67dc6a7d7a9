import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../../src/store/server/free-port.js';

const MAIN = join(import.meta.dirname, '../../src/main.ts');
const TSX = import.meta.resolve('tsx');

/** Variables of the test runner's own environment that must not reach the app under test. */
const CONFIG_VARIABLES =
  /^(MONGODB_|EMBEDDED_MONGODB|FERRETDB_PATH|DATA_DIR|PORT|HOST|LOG_|SEED_ON_EMPTY|SHUTDOWN_)/;

export interface AppProcess {
  child: ChildProcess;
  url: string;
  cwd: string;
  output(): string;
  /** Resolves with the HTTP status /readyz last gave once it is `status`, or throws after `timeoutMs`. */
  waitForReadyz(status: number, timeoutMs: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` as `npm start` does, in a fresh working folder (so no `.env` applies). */
export async function startAppProcess(
  env: Record<string, string>,
  cwd?: string,
): Promise<AppProcess> {
  const port = await findFreePort();
  const workDir = cwd ?? mkdtempSync(join(tmpdir(), 'concierge-app-'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !CONFIG_VARIABLES.test(key)),
  );
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: workDir,
    // Each message answered on its own unless a test is about bursts.
    env: { ...inherited, PORT: String(port), LOG_FORMAT: 'json', BURST_DEBOUNCE_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    cwd: workDir,
    output: () => output,
    exited,
    async waitForReadyz(status, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let last = 0;
      while (Date.now() < deadline && child.exitCode === null) {
        last = await fetch(`${url}/readyz`).then(
          (response) => response.status,
          () => 0,
        );
        if (last === status) return;
        await sleep(100);
      }
      throw new Error(
        `/readyz did not answer ${status} in ${timeoutMs} ms (last ${last}); output:\n${output}`,
      );
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The JSON log lines of an app's output, skipping anything that is not one. */
export function logLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as unknown;
      return typeof parsed === 'object' && parsed !== null
        ? [parsed as Record<string, unknown>]
        : [];
    } catch {
      return [];
    }
  });
}
