import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { findFerretdb, findGo } from '../../src/store/server/ferretdb.js';
import { type AppProcess, logLines, startAppProcess } from '../helpers/app-process.js';
import { testDbName } from '../helpers/test-store.js';

const started: AppProcess[] = [];
async function start(env: Record<string, string>, cwd?: string): Promise<AppProcess> {
  const app = await startAppProcess(env, cwd);
  started.push(app);
  return app;
}
afterAll(async () => {
  await Promise.all(started.map((app) => app.stop('SIGKILL')));
});

describe('the service, started as `npm start` starts it', () => {
  it('seeds an empty database, serves /healthz and /readyz, and stops cleanly on SIGTERM', async () => {
    const dbName = testDbName('e2e');
    const app = await start({ MONGODB_URI: inject('mongoUri'), MONGODB_DB: dbName });
    await app.waitForReadyz(200, 60_000);
    const ready = await (await fetch(`${app.url}/readyz`)).json();
    expect(ready).toEqual({
      status: 'ready',
      ready: true,
      mongo: 'up',
      indexes: 'ready',
      seed: 'done',
    });
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({
      status: 'ok',
      unhandledRejections: 0,
    });

    const client = new MongoClient(inject('mongoUri'));
    try {
      const db = client.db(dbName);
      expect(await db.collection('products').countDocuments()).toBeGreaterThanOrEqual(300);
      expect(await db.collection('orders').countDocuments()).toBeGreaterThanOrEqual(5000);
      expect(await app.stop('SIGTERM')).toBe(0);
      await db.dropDatabase();
    } finally {
      await client.close();
    }
    const messages = logLines(app.output()).map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['connected to MongoDB', 'demo data seeded', 'ready', 'stopped']),
    );
    // Seeding in a second process while other end-to-end files run can take most of a minute.
  }, 120_000);

  it('exits 1 naming the variable when the configuration is bad', async () => {
    const app = await start({ PORT: 'eighty', MONGODB_URI: 'mysql://root:hunter2@db/' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/PORT: expected a port number/);
    expect(app.output()).toMatch(/MONGODB_URI: expected a mongodb:\/\//);
    expect(app.output()).not.toContain('hunter2');
  });

  it('exits 1 explaining the three options when no MongoDB can be had', async () => {
    const app = await start({
      EMBEDDED_MONGODB: 'ferretdb',
      FERRETDB_PATH: '/nonexistent/ferretdb',
    });
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/No MongoDB server to use/);
    expect(app.output()).toMatch(/MONGODB_URI/);
    expect(app.output()).toMatch(/install-ferretdb\.sh/);
  });
});

const ferretdb = findFerretdb(process.env);

describe.skipIf(ferretdb === null)('the embedded default (FerretDB found on this machine)', () => {
  it('starts its own server, keeps data across restarts and stops the server with itself', async () => {
    const first = await start({ EMBEDDED_MONGODB: 'ferretdb' });
    await first.waitForReadyz(200, 60_000);
    const stateFile = join(first.cwd, 'data/ferretdb/concierge-server.json');
    const { serverPid } = JSON.parse(readFileSync(stateFile, 'utf8')) as { serverPid: number };
    expect(await first.stop('SIGINT')).toBe(0);
    expect(existsSync(stateFile)).toBe(false);
    expect(() => process.kill(serverPid, 0)).toThrow();

    const second = await start({ EMBEDDED_MONGODB: 'ferretdb' }, first.cwd);
    await second.waitForReadyz(200, 60_000);
    expect(await second.stop()).toBe(0);
    const messages = logLines(second.output()).map((line) => line.msg);
    expect(messages).toContain('ready');
    expect(messages).not.toContain('seeding demo data');
  }, 240_000);
});

const go = findGo(process.env);

describe.skipIf(go === null)('the embedded default on a machine with Go but no FerretDB', () => {
  it('builds FerretDB once and starts on it', async () => {
    const goEnv = (name: string) =>
      execFileSync(go as string, ['env', name], { encoding: 'utf8' }).trim();
    const home = mkdtempSync(join(tmpdir(), 'concierge-home-'));
    const path = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => !existsSync(join(dir, 'ferretdb')))
      .join(delimiter);
    const app = await start({
      EMBEDDED_MONGODB: 'ferretdb',
      HOME: home,
      GOPATH: join(home, 'go'),
      // The module and build caches are shared so that the build takes seconds, not minutes.
      GOMODCACHE: goEnv('GOMODCACHE'),
      GOCACHE: goEnv('GOCACHE'),
      PATH: path,
    });
    await app.waitForReadyz(200, 240_000);
    expect(existsSync(join(home, 'go/bin/ferretdb'))).toBe(true);
    expect(await app.stop()).toBe(0);
    const messages = logLines(app.output()).map((line) => String(line.msg));
    expect(messages.some((m) => m.startsWith('ferretdb: built'))).toBe(true);
  }, 300_000);
});
