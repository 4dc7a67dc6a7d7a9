import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, SourceFileError } from '../../../src/importer/source.js';

const dir = mkdtempSync(join(tmpdir(), 'concierge-source-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readSource', () => {
  it('reads CSV with camelCased, nested headers and the file line of each row', () => {
    const path = file(
      'c.csv',
      'customer_id,name,address.postal_code,notes\nC-1,"Jo, Jr.",98101,\n\nC-2,"Multi\nline",,x\n',
    );
    const { format, records } = readSource(path);
    expect(format).toBe('csv');
    expect(records).toEqual([
      {
        rows: [2],
        values: { customerId: 'C-1', name: 'Jo, Jr.', address: { postalCode: '98101' } },
      },
      { rows: [5], values: { customerId: 'C-2', name: 'Multi\nline', notes: 'x' } },
    ]);
  });

  it('reads a JSON array, numbering records from 1', () => {
    const { records } = readSource(file('a.json', '[{"a":1},{"b":2}]'));
    expect(records.map((r) => r.rows[0])).toEqual([1, 2]);
    expect(records[1]?.values).toEqual({ b: 2 });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => readSource(file('bad.json', '{"a":'))).toThrow(/not valid JSON/);
    expect(() => readSource(file('obj.json', '{"a":1}'))).toThrow(/expected a JSON array/);
    expect(() => readSource(file('bad.csv', 'a,b\n1,2,3\n'))).toThrow(SourceFileError);
    expect(() => readSource(file('x.xml', '<a/>'))).toThrow(/use .json or .csv/);
    expect(() => readSource(join(dir, 'missing.csv'))).toThrow(/cannot read the file: ENOENT/);
  });
});
