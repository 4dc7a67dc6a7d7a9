import { setTimeout as sleep } from 'node:timers/promises';
import { FakeOpenAI } from '../src/eval/scripted-openai.js';
import {
  type FaultRig,
  type FaultRigOptions,
  type FaultTally,
  ferretdbBinary,
  flakyLlm,
  startFaultRig,
} from '../test/faults/fault-rig.js';
import type { Benchmark } from './run.js';

const CONVERSATIONS = 10;
const PER_CONVERSATION = 10;

interface Scenario {
  name: string;
  options?: () => Promise<FaultRigOptions>;
  /** Runs the load and the fault; resolves when the load is sent. */
  act(rig: FaultRig): Promise<void>;
}

/** The load spread over `spanMs`, so it runs before, during and after the fault. */
const spread = (rig: FaultRig, spanMs: number) =>
  rig.load(CONVERSATIONS, PER_CONVERSATION, spanMs / PER_CONVERSATION);

function outage(name: string, outageMs: number): Scenario {
  return {
    name,
    async act(rig) {
      const load = spread(rig, outageMs + 6000);
      await sleep(2000);
      await rig.stopDatabase();
      await sleep(outageMs);
      await rig.restoreDatabase();
      await load;
    },
  };
}

const llm = new FakeOpenAI();

const SCENARIOS: Scenario[] = [
  {
    name: 'kill9',
    async act(rig) {
      const load = spread(rig, 8000);
      await sleep(3000);
      await rig.killAndRestart();
      await rig.app.waitForReadyz(200, 60_000);
      await load;
    },
  },
  outage('db_down_10s', 10_000),
  outage('db_down_60s', 60_000),
  {
    name: 'start_db_down_30s',
    options: async () => ({ databaseDown: true }),
    async act(rig) {
      const load = spread(rig, 36_000);
      await sleep(30_000);
      await rig.restoreDatabase();
      await load;
    },
  },
  {
    name: 'llm_failing',
    options: async () => ({ env: await flakyLlm(llm) }),
    act: (rig) => spread(rig, 5000),
  },
];

const SUMMED = [
  'messages',
  'lost',
  'duplicated',
  'out_of_order',
  'process_exits',
  'acks_before_durable',
] as const;

const faults: Benchmark = {
  name: 'faults',
  async run() {
    if (!ferretdbBinary)
      throw new Error('the faults benchmark needs FerretDB (scripts/install-ferretdb.sh)');
    const tallies: [string, FaultTally][] = [];
    for (const scenario of SCENARIOS) {
      console.log(`  ${scenario.name} ...`);
      const rig = await startFaultRig(scenario.options ? await scenario.options() : {});
      try {
        await scenario.act(rig);
        tallies.push([scenario.name, await rig.tally(180_000)]);
      } finally {
        await rig.stop();
        if (scenario.name === 'llm_failing') await llm.stop();
      }
    }
    const metrics: Record<string, number> = {};
    for (const key of SUMMED)
      metrics[key] = tallies.reduce((sum, [, tally]) => sum + tally[key], 0);
    metrics.ready_after_db_back_s = Math.max(
      ...tallies.map(([, tally]) => tally.ready_after_db_back_s ?? 0),
    );
    metrics.max_reply_delay_s = Math.max(...tallies.map(([, tally]) => tally.max_reply_delay_s));
    metrics.ack_max_ms = Math.max(...tallies.map(([, tally]) => tally.ack_max_ms));
    metrics.slack_resends = tallies.reduce((sum, [, tally]) => sum + tally.retries, 0);
    for (const [name, tally] of tallies)
      for (const [key, value] of Object.entries(tally))
        if (typeof value === 'number') metrics[`${name}_${key}`] = value;
    return {
      mongo: 'FerretDB v1.24.2 (SQLite), stopped and started by the benchmark',
      metrics,
      notes:
        `Five runs, each a fresh app process (as npm start runs it, offline model unless said) on a FerretDB the benchmark stops and starts, ${CONVERSATIONS} Slack DMs of ${PER_CONVERSATION} messages each, sent in order per DM and spread over the fault: kill9 (kill -9 at 3 s, started again on the same spool), db_down_10s and db_down_60s (database stopped 2 s into the load), start_db_down_30s (app started with no database, which comes up 30 s later), llm_failing (an OpenAI-compatible fake that answers 500, hangs, then answers, in turn; 1.5 s timeout). ` +
        'Slack is played as it behaves: signed Events API requests, sent again with x-slack-retry-num when there is no 200 within 3 s. Replies are counted at the fake Slack by the outbox id each post carries. lost: never answered; duplicated: answered twice; out_of_order: a reply arriving after the reply to a later message of the same DM; acks_before_durable: answered 200 and then never answered (an acknowledged event that was not kept); process_exits: exits the benchmark did not cause; ready_after_db_back_s: from the database starting to /readyz 200; max_reply_delay_s: first send to reply; slack_resends: requests without a 200 within 3 s (in kill9, while no process listened).',
    };
  },
};

export default faults;
