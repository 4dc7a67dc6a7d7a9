import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayTau2 } from '../../../src/eval/tau2/replay.js';
import { readTau2 } from '../../../src/eval/tau2/tau2-data.js';
import { createLogger } from '../../../src/logger.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('tau2');
const FIXTURE = join(import.meta.dirname, '../../fixtures/tau2');

describe('conformance with τ²-bench retail (a fixed subset; npm run eval:tau2 runs all 114)', () => {
  it('replays each kind of gold write to τ²’s end state and refuses what τ² refuses', async () => {
    const report = await replayTau2({
      store: t.store,
      data: readTau2(FIXTURE),
      logger: createLogger({ level: 'silent', format: 'json' }),
    });
    expect(report.mismatched_tasks).toEqual([]);
    expect(report.unexpected_refusals).toEqual([]);
    expect(report).toMatchObject({
      tasks: 11,
      tasks_expressible: 11,
      tasks_replayed: 11,
      end_state_match: 11,
      collateral_changes: 0,
      refusals_expected: 6,
      refused_as_gold: 6,
    });
  }, 600_000);
});
