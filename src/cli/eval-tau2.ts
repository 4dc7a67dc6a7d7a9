import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replayTau2 } from '../eval/tau2/replay.js';
import { readTau2 } from '../eval/tau2/tau2-data.js';
import { withStore } from './with-store.js';

const USAGE = `Usage: npm run eval:tau2 [-- --data DIR] [--tasks 0,1,2] [--out FILE]

Conformance with τ²-bench's retail domain: imports its database through the importer into a
scratch database (on the MongoDB the service uses), replays every task's gold actions through
Concierge's own tools and confirmation turn, and compares the orders and users they touch with
τ²'s gold end state, field by field. No LLM decides anything: this measures the action space
and its semantics, not an agent's choices.

  --data DIR    τ²'s retail folder (default ../shared/data/tau2-retail, or TAU2_DATA_DIR)
  --tasks IDS   only these task ids, comma-separated
  --out FILE    where the figures go (default bench/results/tau2.json)`;

let dataDir = process.env.TAU2_DATA_DIR ?? resolve('..', 'shared', 'data', 'tau2-retail');
let out = resolve('bench', 'results', 'tau2.json');
let only: string[] | undefined;
try {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      tasks: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.data) dataDir = resolve(values.data);
  if (values.out) out = resolve(values.out);
  if (values.tasks) only = values.tasks.split(',').map((id) => id.trim());
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
}

await withStore(
  async (store, logger) => {
    const data = readTau2(dataDir);
    const report = await replayTau2({
      store,
      data,
      logger: logger.child({ module: 'tau2' }, { level: 'warn' }),
      only,
      onTask: (_task, done, of) => {
        if (done % 10 === 0 || done === of) logger.info(`replayed ${done} of ${of} tasks`);
      },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        `tasks                ${report.tasks}`,
        `tasks_expressible    ${report.tasks_expressible}`,
        `tasks_replayed       ${report.tasks_replayed}`,
        `end_state_match      ${report.end_state_match}`,
        `collateral_changes   ${report.collateral_changes}`,
        `refused_as_gold      ${report.refused_as_gold} of ${report.refusals_expected}`,
        `unexpected_refusals  ${report.unexpected_refusals.length}`,
        `field_mismatches     ${JSON.stringify(report.field_mismatches)}`,
        `written to ${out} (${report.seconds} s)`,
      ].join('\n'),
    );
    return 0;
  },
  { scratchDatabase: `concierge_tau2_${process.pid}` },
);
