import { describe, expect, it } from 'vitest';
import { groupLines } from '../../../src/importer/group-lines.js';

const spec = {
  idField: 'orderNumber',
  field: 'items',
  columns: { sku: 'sku', quantity: 'quantity' },
};

describe('groupLines', () => {
  it('joins the lines of one record and keeps each line row', () => {
    const { records, errors } = groupLines(
      [
        { rows: [2], values: { orderNumber: 'A', status: 'pending', sku: 'S1', quantity: '1' } },
        { rows: [3], values: { orderNumber: 'B', status: 'pending', sku: 'S2', quantity: '2' } },
        { rows: [4], values: { orderNumber: 'A', sku: 'S3', quantity: '3' } },
      ],
      spec,
    );
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        rows: [2, 4],
        values: {
          orderNumber: 'A',
          status: 'pending',
          items: [
            { sku: 'S1', quantity: '1' },
            { sku: 'S3', quantity: '3' },
          ],
        },
      },
      {
        rows: [3],
        values: { orderNumber: 'B', status: 'pending', items: [{ sku: 'S2', quantity: '2' }] },
      },
    ]);
  });

  it('reports a line whose record columns disagree with the first line', () => {
    const { errors } = groupLines(
      [
        { rows: [2], values: { orderNumber: 'A', status: 'pending', sku: 'S1' } },
        { rows: [7], values: { orderNumber: 'A', status: 'shipped', sku: 'S2' } },
      ],
      spec,
    );
    expect(errors).toEqual([{ row: 7, reason: 'status differs from row 2 for orderNumber A' }]);
  });
});
