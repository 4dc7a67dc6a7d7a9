import { describe, expect, it } from 'vitest';
import { Periodic } from '../../../src/background/periodic.js';
import { createLogger } from '../../../src/logger.js';

function recordingLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'warn',
    format: 'json',
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, lines };
}

describe('a periodic background pass', () => {
  it('logs a failed pass and runs the next one, without rejecting', async () => {
    const { logger, lines } = recordingLogger();
    let calls = 0;
    const periodic = new Periodic(
      'do the work',
      async () => {
        calls++;
        if (calls === 1) throw new Error('connection refused');
      },
      logger,
    );
    await expect(periodic.run()).resolves.toBeUndefined();
    await periodic.run();
    expect(calls).toBe(2);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'could not do the work' });
  });

  it('shares one pass between calls made while it runs', async () => {
    const { logger } = recordingLogger();
    let calls = 0;
    let release = () => {};
    const periodic = new Periodic(
      'wait',
      () => {
        calls++;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      logger,
    );
    const first = periodic.run();
    const second = periodic.run();
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
  });
});
