import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import type { SpooledEvent } from '../../../src/ports/spool.js';
import { FileSpool } from '../../../src/spool/file-spool.js';

const logger = createLogger({ level: 'silent', format: 'json' });
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spool-test-'));
  path = join(dir, 'spool', 'inbound.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function event(n: number, text = `message ${n}`): SpooledEvent {
  return {
    eventKey: `slack:Ev${n}`,
    channel: 'slack',
    conversationKey: 'D1',
    platformUserId: 'U1',
    text,
    receivedAt: new Date(Date.UTC(2026, 11, 2, 10, 0, n)),
  };
}

const open = (maxBytes = 1024 * 1024) => FileSpool.open({ path, maxBytes, logger });

describe('the inbound spool file', () => {
  it('keeps events in order across a restart, each once, with their dates', async () => {
    const spool = await open();
    const results = await Promise.all([1, 2, 3].map((n) => spool.append(event(n))));
    expect(results).toEqual(['spooled', 'spooled', 'spooled']);
    expect(await spool.append(event(2))).toBe('duplicate');
    // Not closed: as after kill -9, what was acknowledged is in the file already.
    const again = await FileSpool.open({ path: `${path}`, maxBytes: 1024 * 1024, logger }).catch(
      (error: Error) => error,
    );
    expect(again).toBeInstanceOf(Error);
    await spool.close();
    const reopened = await open();
    expect(reopened.size).toBe(3);
    expect(reopened.pending()[0]).toEqual(event(1));
    await reopened.remove('slack:Ev1');
    expect(reopened.pending()[0]?.eventKey).toBe('slack:Ev2');
    expect(await reopened.append(event(1))).toBe('spooled');
    await reopened.close();
  });

  it('drops a half-written last line and a corrupt one, and keeps the rest', async () => {
    const spool = await open();
    await spool.append(event(1));
    await spool.append(event(2));
    await spool.close();
    const whole = await readFile(path, 'utf8');
    await writeFile(path, `${whole}not json\n${JSON.stringify(event(3)).slice(0, 20)}`);
    const reopened = await open();
    expect(reopened.size).toBe(2);
    expect(await reopened.append(event(4))).toBe('spooled');
    await reopened.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).eventKey)).toEqual([
      'slack:Ev1',
      'slack:Ev2',
      'slack:Ev4',
    ]);
  });

  it('empties the file once every event has moved', async () => {
    const spool = await open();
    await spool.append(event(1));
    await spool.append(event(2));
    expect((await stat(path)).size).toBeGreaterThan(0);
    await spool.remove('slack:Ev2');
    expect((await stat(path)).size).toBeGreaterThan(0);
    await spool.remove('slack:Ev1');
    expect(spool.size).toBe(0);
    expect((await stat(path)).size).toBe(0);
    await spool.close();
  });

  it('refuses events past its bound, and makes room from what has moved', async () => {
    const line = Buffer.byteLength(`${JSON.stringify(event(1))}\n`);
    const spool = await open(line * 3 + 10);
    for (const n of [1, 2, 3]) expect(await spool.append(event(n))).toBe('spooled');
    expect(await spool.append(event(4))).toBe('full');
    await spool.remove('slack:Ev1');
    expect(await spool.append(event(4))).toBe('spooled');
    expect(spool.size).toBe(3);
    await spool.close();
    const reopened = await open(line * 3 + 10);
    expect(reopened.pending().map((e) => e.eventKey)).toEqual([
      'slack:Ev2',
      'slack:Ev3',
      'slack:Ev4',
    ]);
    await reopened.close();
  });

  it('is refused while another live process holds it, and taken over from one that died', async () => {
    await mkdir(dirname(path), { recursive: true });
    // The test runner's parent is alive and is not this process.
    await writeFile(`${path}.lock`, String(process.ppid));
    const refused = await open().catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(String(refused)).toMatch(`in use by process ${process.ppid}`);
    // A process id no process has: the owner was killed hard.
    await writeFile(`${path}.lock`, '2147483646');
    const spool = await open();
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await spool.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
