import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once 127.0.0.1:port accepts connections; false when `timeoutMs` ran out first. */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  stillAlive: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillAlive()) {
    if (await accepts(port)) return true;
    await sleep(50);
  }
  return false;
}
