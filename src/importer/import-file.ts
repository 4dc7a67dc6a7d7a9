import type { Store } from '../store/store.js';
import type { UpsertCounts } from '../store/upsert.js';
import type { EarlierFiles, EntityImporter, EntityName, Parsed } from './entity.js';
import { groupLines } from './group-lines.js';
import { type RowError, readSource, SourceFileError, type SourceRecord } from './source.js';

export interface FileReport {
  entity: EntityName;
  file: string;
  /** Records read (a CSV product or order may span several lines). */
  records: number;
  /** Sorted by row; row 0 means the file as a whole. */
  errors: RowError[];
  /** What was written; null when nothing was (errors, or a dry run). */
  written: UpsertCounts | null;
}

export interface ImportOptions {
  now: Date;
  /** Validate and check references, write nothing. */
  dryRun: boolean;
}

/** The row a validation issue belongs to: the line of a grouped CSV record where it has one. */
function rowOf(
  record: SourceRecord,
  path: readonly PropertyKey[],
  lineField: string | undefined,
): number {
  const [field, index] = path;
  if (lineField !== undefined && field === lineField && typeof index === 'number') {
    return record.rows[index] ?? record.rows[0] ?? 0;
  }
  return record.rows[0] ?? 0;
}

function validate<I, D>(
  importer: EntityImporter<I, D>,
  records: readonly SourceRecord[],
  errors: RowError[],
): Parsed<I>[] {
  const parsed: Parsed<I>[] = [];
  const firstRow = new Map<string, number>();
  for (const record of records) {
    const result = importer.schema.safeParse(record.values);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const where = issue.path.length > 0 ? issue.path.join('.') : 'record';
        errors.push({
          row: rowOf(record, issue.path, importer.csvLines?.field),
          reason: `${where}: ${issue.message}`,
        });
      }
      continue;
    }
    const key = importer.keyOf(result.data);
    const row = record.rows[0] ?? 0;
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push({ row, reason: `duplicate ${importer.keyName} ${key} (first at row ${first})` });
      continue;
    }
    firstRow.set(key, row);
    parsed.push({ input: result.data, record });
  }
  return parsed;
}

/**
 * Imports one file all-or-nothing: every record is validated and its references checked
 * first (against the store and `earlier`), and a single bad row means nothing from the file
 * is written. Resolves to the report and, when the file is good, the documents it built.
 */
export async function importFile<I, D>(
  importer: EntityImporter<I, D>,
  file: string,
  store: Store,
  options: ImportOptions,
  earlier: EarlierFiles,
): Promise<{ report: FileReport; docs: D[] }> {
  const report: FileReport = {
    entity: importer.entity,
    file,
    records: 0,
    errors: [],
    written: null,
  };
  let records: SourceRecord[];
  try {
    const source = readSource(file);
    records = source.records;
    if (source.format === 'csv' && importer.csvLines) {
      const grouped = groupLines(records, importer.csvLines);
      records = grouped.records;
      report.errors.push(...grouped.errors);
    }
  } catch (error) {
    if (!(error instanceof SourceFileError)) throw error;
    report.errors.push({ row: 0, reason: error.message });
    return { report, docs: [] };
  }
  report.records = records.length;
  if (records.length === 0) report.errors.push({ row: 0, reason: 'the file has no records' });
  const parsed = validate(importer, records, report.errors);
  const built = await importer.build(parsed, store, options.now, earlier);
  report.errors.push(...built.errors);
  report.errors.sort((a, b) => a.row - b.row);
  if (report.errors.length === 0 && !options.dryRun)
    report.written = await importer.write(built.docs, store);
  return { report, docs: report.errors.length === 0 ? built.docs : [] };
}
