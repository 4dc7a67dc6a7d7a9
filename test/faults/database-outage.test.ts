import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACTLY_ONCE_IN_ORDER, FaultRig, ferretdbBinary } from './fault-rig.js';

let rig: FaultRig;
beforeAll(async () => {
  rig = await FaultRig.start();
}, 120_000);
afterAll(async () => {
  await rig?.stop();
});

/**
 * Load on 6 DMs, 6 messages each spread over the outage and a while after it, while the
 * database is stopped for `outageMs`, then brought back.
 */
async function outageUnderLoad(outageMs: number) {
  const load = rig.load(6, 6, (outageMs + 4000) / 6);
  await sleep(1500);
  await rig.stopDatabase();
  await sleep(outageMs);
  await rig.restoreDatabase();
  await load;
  return rig.tally();
}

// The rig stops and starts its own FerretDB (CI builds the binary).
describe.skipIf(ferretdbBinary === null)('a database outage under load', () => {
  it('stopped for 10 s: every message answered once, in order, and the process lives', async () => {
    const tally = await outageUnderLoad(10_000);
    expect(tally, rig.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(36);
    // Slack was answered 200 within its 3 s throughout, database or not: nothing sent again.
    expect(tally.retries).toBe(0);
    expect(rig.alive).toBe(true);
  }, 240_000);

  it('stopped for 60 s: the same, with events kept in the spool until it is back', async () => {
    const tally = await outageUnderLoad(60_000);
    expect(tally, rig.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(72);
    expect(tally.retries).toBe(0);
    expect(rig.alive).toBe(true);
  }, 300_000);
});
