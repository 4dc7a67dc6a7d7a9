import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { Readiness } from '../../../src/store/readiness.js';

const logger = createLogger({ level: 'silent', format: 'json' });

/** A database whose pings answer as the test says: at once, slower than the timeout, or not. */
function probe() {
  const state = { mode: 'fast' as 'fast' | 'slow' | 'down', indexRuns: 0 };
  return {
    state,
    probe: {
      ping: () =>
        state.mode === 'fast'
          ? Promise.resolve()
          : state.mode === 'slow'
            ? new Promise((resolve) => setTimeout(resolve, 200))
            : Promise.reject(new Error('connection refused')),
      ensureIndexes: async () => {
        state.indexRuns++;
      },
    },
  };
}

function readyOn(p: ReturnType<typeof probe>['probe']) {
  const readiness = new Readiness(p, logger, 50);
  readiness.markIndexesReady();
  readiness.setSeedState('done');
  return readiness;
}

describe('readiness', () => {
  it('stays ready through one slow ping, and says down after two failures in a row', async () => {
    const { state, probe: p } = probe();
    const readiness = readyOn(p);
    expect((await readiness.check()).ready).toBe(true);
    state.mode = 'slow';
    expect((await readiness.check()).ready).toBe(true);
    state.mode = 'fast';
    expect((await readiness.check()).ready).toBe(true);
    expect(state.indexRuns).toBe(0);
    state.mode = 'down';
    expect((await readiness.check()).ready).toBe(true);
    expect(await readiness.check()).toMatchObject({ ready: false, mongo: 'down' });
    state.mode = 'fast';
    expect(await readiness.check()).toMatchObject({ ready: true, indexes: 'ready' });
    expect(state.indexRuns).toBe(1);
  });

  it('is not ready before the database ever answered', async () => {
    const { state, probe: p } = probe();
    state.mode = 'down';
    const readiness = new Readiness(p, logger, 50);
    expect(await readiness.check()).toMatchObject({ ready: false, mongo: 'down' });
  });
});
