import { isDeepStrictEqual } from 'node:util';
import type { RowError, SourceRecord } from './source.js';

export interface LineSpec {
  /** The record's id column; lines with the same id form one record. */
  idField: string;
  /** The record field the lines go into, e.g. `variants`. */
  field: string;
  /** CSV column -> line field, e.g. `variantPrice` -> `price`. */
  columns: Record<string, string>;
}

/**
 * Joins the CSV lines that share `idField` into one record: the line columns of each line go
 * into `spec.field`, the other columns must agree across the lines.
 */
export function groupLines(
  records: readonly SourceRecord[],
  spec: LineSpec,
): { records: SourceRecord[]; errors: RowError[] } {
  const { idField } = spec;
  const groups = new Map<string, SourceRecord>();
  const result: SourceRecord[] = [];
  const errors: RowError[] = [];
  for (const record of records) {
    const header: Record<string, unknown> = {};
    const line: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(record.values)) {
      const lineField = spec.columns[column];
      if (lineField) line[lineField] = value;
      else header[column] = value;
    }
    const row = record.rows[0] ?? 0;
    const id = header[idField];
    const group = typeof id === 'string' ? groups.get(id) : undefined;
    if (!group) {
      const created: SourceRecord = { rows: [row], values: { ...header, [spec.field]: [line] } };
      if (typeof id === 'string') groups.set(id, created);
      result.push(created);
      continue;
    }
    for (const [column, value] of Object.entries(header)) {
      if (!isDeepStrictEqual(group.values[column], value)) {
        errors.push({
          row,
          reason: `${column} differs from row ${group.rows[0]} for ${idField} ${id}`,
        });
      }
    }
    group.rows.push(row);
    (group.values[spec.field] as unknown[]).push(line);
  }
  return { records: result, errors };
}
