import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import { isAlive } from '../../process-alive.js';
import type { RunningMongo } from './running-server.js';

/**
 * Which process runs the embedded server of a data folder. `npm start` owns it; a CLI such as
 * `npm run seed` started meanwhile shares it instead of starting a second server on the same
 * files. A server whose owner died (killed hard) is stopped and replaced.
 */
interface ServerState {
  serverPid: number;
  ownerPid: number;
  uri: string;
}

const STATE_FILE = 'concierge-server.json';

function readState(dir: string): ServerState | null {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return null;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as ServerState;
    return Number.isInteger(state.serverPid) && Number.isInteger(state.ownerPid) ? state : null;
  } catch {
    return null;
  }
}

async function stopOrphan(pid: number, logger: Logger): Promise<void> {
  logger.warn({ pid }, 'stopping an embedded MongoDB server left behind by a process that died');
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 5000 && isAlive(pid); waited += 50) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export interface OwnedServer extends RunningMongo {
  pid: number;
}

/** The server already running on `dir` for a live process, else a fresh one from `start`. */
export async function startOrShare(
  dir: string,
  logger: Logger,
  start: () => Promise<OwnedServer>,
): Promise<RunningMongo> {
  const state = readState(dir);
  if (state && isAlive(state.serverPid)) {
    if (isAlive(state.ownerPid) && state.ownerPid !== process.pid) {
      return {
        kind: 'external',
        uri: state.uri,
        label: `the embedded server of process ${state.ownerPid} at ${state.uri}`,
        stop: async () => {},
      };
    }
    await stopOrphan(state.serverPid, logger);
  }
  const server = await start();
  const path = join(dir, STATE_FILE);
  writeFileSync(
    path,
    JSON.stringify({ serverPid: server.pid, ownerPid: process.pid, uri: server.uri }),
  );
  return {
    ...server,
    async stop() {
      rmSync(path, { force: true });
      await server.stop();
    },
  };
}
