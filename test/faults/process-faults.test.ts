import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EXACTLY_ONCE_IN_ORDER,
  type FaultRig,
  ferretdbBinary,
  startFaultRig,
} from './fault-rig.js';

let rig: FaultRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe.skipIf(ferretdbBinary === null)('the process under faults', () => {
  it('killed with -9 mid-load and started again: every message answered once, in order', async () => {
    const running = await startFaultRig();
    rig = running;
    const load = running.load(6, 8, 500);
    await sleep(2000);
    await running.killAndRestart();
    await running.app.waitForReadyz(200, 60_000);
    await load;
    const tally = await running.tally();
    expect(tally, running.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(48);
    expect(running.alive).toBe(true);
  }, 240_000);

  it('started with the database down, ready 30 s later when it comes up, nothing lost', async () => {
    const running = await startFaultRig({ databaseDown: true });
    rig = running;
    // Slack events arrive while the database has never been reachable: kept in the spool.
    const load = running.load(4, 4, 6000);
    await sleep(30_000);
    expect(running.alive).toBe(true);
    const readyAfter = await running.restoreDatabase();
    await load;
    const tally = await running.tally();
    expect(tally, running.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(16);
    expect(tally.retries).toBe(0);
    expect(readyAfter).toBeLessThan(60);
  }, 240_000);
});
