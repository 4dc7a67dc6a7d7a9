import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { findFerretdb, startFerretdb } from '../../../src/store/server/ferretdb.js';
import { findFreePort } from '../../../src/store/server/free-port.js';
import type { RunningMongo } from '../../../src/store/server/running-server.js';
import { spoolFileFor } from '../../helpers/spool-file.js';

const binary = findFerretdb(process.env);
const logger = createLogger({ level: 'silent', format: 'json' });

async function readyzStatus(url: string): Promise<number> {
  return fetch(`${url}/readyz`).then(
    (response) => response.status,
    () => 0,
  );
}

async function waitFor(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readyzStatus(url)) === status) return;
    await sleep(100);
  }
  throw new Error(`/readyz did not become ${status} within ${timeoutMs} ms`);
}

let app: RunningApp | undefined;
let server: RunningMongo | undefined;
afterAll(async () => {
  await app?.stop();
  await server?.stop();
});

// The test needs a server it may stop and start; a FerretDB binary gives one (CI builds it).
describe.skipIf(binary === null)('readiness while MongoDB goes away and comes back', () => {
  it('answers 503 while the server is down and 200 again after it returns, without a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concierge-reconnect-'));
    const port = await findFreePort();
    const bin = binary as string;
    server = await startFerretdb({ binary: bin, dataDir, port, logger });
    const config = parseConfig({
      MONGODB_URI: server.uri,
      PORT: '0',
      SEED_ON_EMPTY: 'false',
      MONGODB_CONNECT_TIMEOUT_MS: '1000',
      SPOOL_FILE: spoolFileFor(`readyz_${Date.now()}`),
    });
    app = await startApp({ config, env: {}, logger });
    await waitFor(app.url, 200, 20_000);

    await server.stop();
    await waitFor(app.url, 503, 20_000);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const down = await (await fetch(`${app.url}/readyz`)).json();
    expect(down).toMatchObject({ ready: false, mongo: 'down' });
    // A route that needs the database says "try again later", and nothing of the driver's.
    const refused = await fetch(`${app.url}/api/console/me`, {
      headers: { cookie: 'concierge_staff=some-session-token' },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'unavailable', requestId: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/mongo|topology|ECONNREFUSED|127\.0\.0\.1/i);

    server = await startFerretdb({ binary: bin, dataDir, port, logger });
    await waitFor(app.url, 200, 30_000);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toMatchObject({
      ready: true,
      indexes: 'ready',
    });
  }, 90_000);

  it('started while the server is down, becomes ready once it appears', async () => {
    await app?.stop();
    await server?.stop();
    const dataDir = mkdtempSync(join(tmpdir(), 'concierge-late-'));
    const port = await findFreePort();
    const config = parseConfig({
      MONGODB_URI: `mongodb://127.0.0.1:${port}/`,
      PORT: '0',
      SEED_ON_EMPTY: 'false',
      MONGODB_CONNECT_TIMEOUT_MS: '1000',
      SPOOL_FILE: spoolFileFor(`readyz_${Date.now()}`),
    });
    app = await startApp({ config, env: {}, logger });
    // Long enough for the first connect to fail and a retry or two to follow.
    await sleep(4000);
    expect(await readyzStatus(app.url)).toBe(503);
    server = await startFerretdb({ binary: binary as string, dataDir, port, logger });
    await waitFor(app.url, 200, 40_000);
  }, 90_000);
});
