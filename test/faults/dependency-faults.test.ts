import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../../src/eval/scripted-openai.js';
import { eventually } from '../fakes/loopback.js';
import {
  EXACTLY_ONCE_IN_ORDER,
  type FaultRig,
  ferretdbBinary,
  flakyLlm,
  startFaultRig,
} from './fault-rig.js';

let rig: FaultRig | undefined;
const llm = new FakeOpenAI();
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
  await llm.stop();
});

describe.skipIf(ferretdbBinary === null)('dependencies failing', () => {
  it('an LLM failing or hanging on two calls in three: every message answered once, in order', async () => {
    const running = await startFaultRig({ env: await flakyLlm(llm) });
    rig = running;
    await running.load(4, 5, 200);
    const tally = await running.tally();
    expect(tally, running.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(20);
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(running.alive).toBe(true);
  }, 240_000);

  it("Slack's retries of events kept during an outage are answered once", async () => {
    const running = await startFaultRig();
    rig = running;
    await running.stopDatabase();
    for (let m = 0; m < 3; m++) {
      await Promise.all(
        [0, 1, 2, 3].map(async (c) => {
          await running.send(running.channel(c), m);
          // Slack's retries overlap: the same event twice more, each answered 200 and ignored.
          expect(await running.resend(running.channel(c), m, 1)).toBe(200);
          expect(await running.resend(running.channel(c), m, 2)).toBe(200);
        }),
      );
    }
    await sleep(2000);
    await running.restoreDatabase();
    // And once more after the outage, when the events are in MongoDB.
    expect(await running.resend(running.channel(0), 0, 3)).toBe(200);
    const tally = await running.tally();
    expect(tally, running.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(12);
    expect(tally.retries).toBe(0);
  }, 240_000);

  it('Socket Mode acknowledges an envelope only once its event is in the spool', async () => {
    const running = await startFaultRig({ env: { SLACK_APP_TOKEN: 'xapp-1-faults' } });
    rig = running;
    await eventually(() => running.slack.socketConnected, 'the Socket Mode connection', 30_000);
    await running.stopDatabase();
    const pushed = new Map<string, { channel: string; index: number; at: number }>();
    const acked: { envelopeId: string; spooled: boolean; at: number }[] = [];
    running.slack.onAck = (envelopeId) => {
      const event = pushed.get(envelopeId);
      if (!event) return;
      const spool = existsSync(running.spoolFile) ? readFileSync(running.spoolFile, 'utf8') : '';
      const eventId = String(running.eventBody(event.channel, event.index).event_id);
      acked.push({ envelopeId, spooled: spool.includes(eventId), at: Date.now() });
    };
    for (let m = 0; m < 3; m++)
      for (const c of [0, 1]) {
        const envelopeId = running.slack.pushEvent(running.eventBody(running.channel(c), m));
        pushed.set(envelopeId, { channel: running.channel(c), index: m, at: Date.now() });
        await sleep(200);
      }
    await eventually(() => acked.length === 6, 'six acknowledgements', 60_000);
    expect(acked.filter((a) => !a.spooled)).toEqual([]);
    for (const [envelopeId, event] of pushed)
      running.expect(
        event.channel,
        event.index,
        event.at,
        acked.find((a) => a.envelopeId === envelopeId)?.at ?? null,
      );
    await running.restoreDatabase();
    const tally = await running.tally();
    expect(tally, running.output()).toMatchObject(EXACTLY_ONCE_IN_ORDER);
    expect(tally.messages).toBe(6);
  }, 240_000);
});
