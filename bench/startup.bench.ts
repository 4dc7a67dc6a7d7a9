import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AppProcess, logLines, startAppProcess } from '../test/helpers/app-process.js';
import type { Benchmark } from './run.js';

const RUNS = 3;
const IDLE_MS = 5_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

async function timeToReady(cwd: string): Promise<{ app: AppProcess; seconds: number }> {
  const started = performance.now();
  const app = await startAppProcess({ EMBEDDED_MONGODB: 'ferretdb', LOG_LEVEL: 'info' }, cwd);
  await app.waitForReadyz(200, 120_000);
  return { app, seconds: (performance.now() - started) / 1000 };
}

const startup: Benchmark = {
  name: 'startup',
  async run() {
    const cold: number[] = [];
    const warm: number[] = [];
    const seed: number[] = [];
    const idleRss: number[] = [];
    const serverRss: number[] = [];
    let mongo = 'unknown';
    for (let run = 0; run < RUNS; run++) {
      const cwd = mkdtempSync(join(tmpdir(), 'concierge-bench-startup-'));
      const first = await timeToReady(cwd);
      cold.push(first.seconds);
      const lines = logLines(first.app.output());
      seed.push(Number(lines.find((l) => l.msg === 'demo data seeded')?.durationMs) / 1000);
      mongo = String(lines.find((l) => l.msg === 'connected to MongoDB')?.server ?? mongo);
      await first.app.stop();

      const second = await timeToReady(cwd);
      warm.push(second.seconds);
      await sleep(IDLE_MS);
      idleRss.push(rssMb(second.app.child.pid ?? 0));
      const state = JSON.parse(
        readFileSync(join(cwd, 'data/ferretdb/concierge-server.json'), 'utf8'),
      );
      serverRss.push(rssMb(state.serverPid));
      await second.app.stop();
      rmSync(cwd, { recursive: true, force: true });
      console.log(
        `  run ${run + 1}: cold ${first.seconds.toFixed(2)} s, warm ${second.seconds.toFixed(2)} s`,
      );
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      mongo,
      metrics: {
        ready_cold_s: round(median(cold)),
        ready_warm_s: round(median(warm)),
        seed_s: round(median(seed)),
        idle_rss_mb: median(idleRss),
        embedded_server_rss_mb: median(serverRss),
      },
      notes:
        `Median of ${RUNS} runs. Each run starts node --import tsx src/main.ts (what npm start runs, ` +
        'without npm itself) in a fresh folder with the embedded FerretDB: ready_cold_s is spawn to ' +
        'the first /readyz 200, including FerretDB start, indexes and seeding the demo data; seed_s ' +
        'is the seed alone, from the service log; ready_warm_s is a second start on the same data. ' +
        `idle_rss_mb is the Node process's VmRSS after ${IDLE_MS / 1000} s idle on the warm start; ` +
        'embedded_server_rss_mb is the FerretDB process.',
    };
  },
};

export default startup;
