import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The folder with the public recommender data: `--data DIR`, else RECSYS_DATA_DIR, else
 * ../shared/data/recsys. Prints `usage` and exits for --help or an unknown option.
 */
export function recsysDataDir(usage: string): string {
  try {
    const { values } = parseArgs({
      options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (values.data) return resolve(values.data);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(1);
  }
  return process.env.RECSYS_DATA_DIR ?? resolve('..', 'shared', 'data', 'recsys');
}
