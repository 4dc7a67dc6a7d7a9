import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** What a benchmark module exports as its default. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

export interface BenchResult {
  /** Server and version the figures were measured against. */
  mongo: string;
  /** snake_case names that carry their unit: `p99_ms`, `wall_s`, `rss_mb`. */
  metrics: Record<string, number>;
  notes: string;
}

const BENCH_DIR = import.meta.dirname;
const RESULTS_DIR = join(BENCH_DIR, 'results');

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const files = readdirSync(BENCH_DIR).filter((file) => file.endsWith('.bench.ts'));
const benches: Benchmark[] = [];
for (const file of files) {
  benches.push((await import(join(BENCH_DIR, file))).default as Benchmark);
}
const selected = values.only ? benches.filter((bench) => bench.name === values.only) : benches;
if (selected.length === 0) {
  console.error(
    `No benchmark named "${values.only}". Known: ${benches.map((b) => b.name).join(', ')}`,
  );
  process.exit(1);
}

mkdirSync(RESULTS_DIR, { recursive: true });
for (const bench of selected) {
  console.log(`\n== ${bench.name}`);
  const result = await bench.run();
  const record = {
    bench: bench.name,
    at: new Date().toISOString(),
    node: process.version,
    mongo: result.mongo,
    metrics: result.metrics,
    notes: result.notes,
  };
  writeFileSync(join(RESULTS_DIR, `${bench.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  for (const [metric, value] of Object.entries(result.metrics))
    console.log(`  ${metric.padEnd(24)} ${value}`);
  console.log(`  -> bench/results/${bench.name}.json`);
}
