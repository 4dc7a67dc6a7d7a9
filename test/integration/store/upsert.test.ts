import { beforeAll, describe, expect, it } from 'vitest';
import { upsertByKey } from '../../../src/store/upsert.js';
import { useTestStore } from '../../helpers/test-store.js';

interface Item {
  code: string;
  site: string;
  qty: number;
  createdAt: Date;
  updatedAt: Date;
}

const t = useTestStore('upsert');
beforeAll(async () => {
  await t.db.collection('items').createIndex({ code: 1, site: 1 }, { unique: true });
});

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const item = (code: string, site: string, qty: number, d = 1): Item => ({
  code,
  site,
  qty,
  createdAt: day(d),
  updatedAt: day(d),
});

describe('upsertByKey', () => {
  it('inserts new keys, replaces changed ones and leaves identical ones alone', async () => {
    const items = t.db.collection<Item>('items');
    expect(
      await upsertByKey(
        items,
        [item('a', 'x', 1), item('a', 'y', 2), item('b', 'x', 3)],
        ['code', 'site'],
      ),
    ).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(
      await upsertByKey(
        items,
        [item('a', 'x', 1), item('a', 'y', 5), item('c', 'x', 1)],
        ['code', 'site'],
      ),
    ).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(await items.countDocuments()).toBe(4);
    expect((await items.findOne({ code: 'a', site: 'y' }))?.qty).toBe(5);
  });

  it('keeps stored fields and ignores volatile ones when told to', async () => {
    const items = t.db.collection<Item>('items');
    const options = {
      keepStored: ['createdAt'] as const,
      ignoreInComparison: ['updatedAt'] as const,
    };
    expect(
      await upsertByKey(items, [item('a', 'x', 1, 9)], ['code', 'site'], options),
    ).toMatchObject({ unchanged: 1 });
    expect(
      await upsertByKey(items, [item('a', 'x', 7, 9)], ['code', 'site'], options),
    ).toMatchObject({ updated: 1 });
    const stored = await items.findOne({ code: 'a', site: 'x' });
    expect(stored?.createdAt).toEqual(day(1));
    expect(stored?.updatedAt).toEqual(day(9));
    expect(stored?.qty).toBe(7);
  });

  it('ends with one copy when two writers insert the same keys at once', async () => {
    const items = t.db.collection<Item>('items');
    const batch = Array.from({ length: 50 }, (_, i) => item(`r${i}`, 'z', i));
    await Promise.all([
      upsertByKey(items, batch, ['code', 'site']),
      upsertByKey(items, batch, ['code', 'site']),
    ]);
    expect(await items.countDocuments({ site: 'z' })).toBe(50);
  });
});
