import { parseArgs } from 'node:util';
import type { FileReport } from '../importer/import-file.js';
import { type ImportPlan, importFiles } from '../importer/import-files.js';
import { type ArticleImportReport, importArticles } from '../knowledge/import-articles.js';
import { withStore } from './with-store.js';

const USAGE = `Usage: npm run import -- [--products FILE] [--customers FILE] [--inventory FILE] [--orders FILE] [--articles DIR] [--dry-run]

Imports the retailer's own data from JSON (an array of records) or CSV (a header row), in the
shapes described in docs/import.md. Files are imported in the order products, customers,
inventory, orders. Every row is checked first; a file with any bad row is reported (file, row,
reason) and nothing from it is written. Re-importing a file is idempotent: records are matched
by the retailer's own ids. --articles imports a folder of help articles (markdown, HTML or
JSON; all or nothing, articles whose files are gone are removed). --dry-run checks without
writing. Exit code 1 when any file failed.`;

const MAX_ERRORS_SHOWN = 50;

function parsePlan(): { plan: ImportPlan; articles: string | undefined; dryRun: boolean } {
  const { values } = parseArgs({
    options: {
      products: { type: 'string' },
      customers: { type: 'string' },
      inventory: { type: 'string' },
      orders: { type: 'string' },
      articles: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const plan: ImportPlan = {};
  for (const entity of ['products', 'customers', 'inventory', 'orders'] as const) {
    if (values[entity]) plan[entity] = values[entity];
  }
  if (Object.keys(plan).length === 0 && !values.articles)
    throw new Error('name at least one file or folder');
  return { plan, articles: values.articles, dryRun: values['dry-run'] === true };
}

function print(report: FileReport, dryRun: boolean): void {
  if (report.errors.length > 0) {
    console.error(
      `${report.file}: ${report.errors.length} problem(s); nothing from this file was written`,
    );
    for (const error of report.errors.slice(0, MAX_ERRORS_SHOWN)) {
      console.error(`  ${report.file}${error.row > 0 ? `:${error.row}` : ''}: ${error.reason}`);
    }
    if (report.errors.length > MAX_ERRORS_SHOWN)
      console.error(`  ... and ${report.errors.length - MAX_ERRORS_SHOWN} more`);
    return;
  }
  if (dryRun || !report.written) {
    console.log(
      `${report.file}: ${report.records} ${report.entity} valid (dry run, nothing written)`,
    );
    return;
  }
  const { inserted, updated, unchanged, keptNewer } = report.written;
  console.log(
    `${report.file}: ${report.records} ${report.entity}: ${inserted} new, ${updated} updated, ${unchanged} unchanged` +
      (keptNewer
        ? `, ${keptNewer} kept as changed in Concierge since the file's latest date for them`
        : ''),
  );
}

let args: ReturnType<typeof parsePlan>;
try {
  args = parsePlan();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
}

function printArticles(report: ArticleImportReport, dryRun: boolean): void {
  if (report.errors.length > 0) {
    console.error(`${report.dir}: ${report.errors.length} problem(s); no article was written`);
    for (const error of report.errors.slice(0, MAX_ERRORS_SHOWN))
      console.error(`  ${error.file}: ${error.reason}`);
    return;
  }
  if (dryRun || !report.written) {
    console.log(`${report.dir}: ${report.articles} articles valid (dry run, nothing written)`);
    return;
  }
  const { inserted, updated, unchanged, removed } = report.written;
  console.log(
    `${report.dir}: ${report.articles} articles: ${inserted} new, ${updated} updated, ${unchanged} unchanged, ${removed} removed`,
  );
}

await withStore(async (store) => {
  const now = new Date();
  const reports = await importFiles(args.plan, store, { now, dryRun: args.dryRun });
  for (const report of reports) print(report, args.dryRun);
  let failed = reports.some((report) => report.errors.length > 0);
  if (args.articles) {
    const report = await importArticles(args.articles, store.articles, {
      now,
      dryRun: args.dryRun,
    });
    printArticles(report, args.dryRun);
    failed ||= report.errors.length > 0;
  }
  return failed ? 1 : 0;
});
