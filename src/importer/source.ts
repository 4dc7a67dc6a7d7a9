import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * One record of an import file. `rows` are the file positions it came from: the line numbers
 * of a CSV file (the header is line 1), or the 1-based position in a JSON array. A CSV record
 * grouped from several lines (a product's variants, an order's items) has one row per line.
 */
export interface SourceRecord {
  rows: number[];
  values: Record<string, unknown>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RowError {
  row: number;
  reason: string;
}

export class SourceFileError extends Error {}

export type SourceFormat = 'json' | 'csv';

export function formatOf(path: string): SourceFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new SourceFileError(`unknown file type "${ext || '(none)'}": use .json or .csv`);
}

function readJson(text: string): SourceRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SourceFileError(`not valid JSON: ${messageOf(error)}`);
  }
  if (!Array.isArray(data)) throw new SourceFileError('expected a JSON array of records');
  return data.map((values, index) => {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      return { rows: [index + 1], values: { __notAnObject: true } };
    }
    return { rows: [index + 1], values: values as Record<string, unknown> };
  });
}

/** CSV headers are snake_case; records use the camelCase names of the JSON format. */
function camelCase(header: string): string {
  return header.trim().replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `address.postal_code` -> `{ address: { postalCode } }`: CSV's way to write a nested value. */
function unflatten(flat: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [header, value] of Object.entries(flat)) {
    // An empty cell means "not given", as a missing key does in JSON.
    if (value === '') continue;
    const path = header.split('.').map(camelCase);
    let target = values;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      target[segment] = typeof next === 'object' && next !== null ? next : {};
      target = target[segment] as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = value;
  }
  return values;
}

function readCsv(text: string): SourceRecord[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    throw new SourceFileError(`not valid CSV: ${messageOf(error)}`);
  }
  return rows.map(({ record, info }) => ({ rows: [info.lines], values: unflatten(record) }));
}

export function readSource(path: string): { format: SourceFormat; records: SourceRecord[] } {
  const format = formatOf(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SourceFileError(
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  return { format, records: format === 'json' ? readJson(text) : readCsv(text) };
}
