import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findFreePort } from '../../src/store/server/free-port.js';
import { waitForPort } from '../../src/store/server/wait-for-port.js';

const SCRIPT = join(import.meta.dirname, '../../scripts/mongo-java-server.sh');

/** mongo-java-server (in memory) on a free port, for a benchmark that compares servers. */
export async function startMongoJavaServer(): Promise<{ uri: string; stop(): Promise<void> }> {
  const port = await findFreePort();
  const child = spawn('bash', [SCRIPT, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The first start downloads it from Maven Central.
  if (!(await waitForPort(port, 300_000, () => child.exitCode === null)))
    throw new Error('mongo-java-server did not start (it needs Java 17 and Maven)');
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
