import { describe, expect, it } from 'vitest';
import { isDuplicateKeyError } from '../../../src/store/repositories/duplicate-key.js';
import { COLLECTION_SPECS } from '../../../src/store/store.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('indexes');

describe('Store.ensureIndexes', () => {
  it('creates every declared index on every collection', async () => {
    // A collection read only by `_id` declares no index, and exists once written to.
    for (const spec of COLLECTION_SPECS.filter((s) => s.indexes.length > 0)) {
      const names = (await t.db.collection(spec.name).listIndexes().toArray()).map((i) => i.name);
      for (const index of spec.indexes) expect(names).toContain(index.name);
    }
  });

  it('is idempotent: running it again changes nothing and does not fail', async () => {
    const before = await t.db.collection('orders').listIndexes().toArray();
    await t.store.ensureIndexes();
    await t.store.ensureIndexes();
    const after = await t.db.collection('orders').listIndexes().toArray();
    expect(after.map((i) => i.name).sort()).toEqual(before.map((i) => i.name).sort());
  });

  it('enforces the unique keys the service relies on', async () => {
    const identity = {
      channel: 'slack',
      platformUserId: 'U1',
      customerId: 'C-1',
      linkedAt: new Date(),
    };
    await t.db.collection('platform_identities').insertOne({ ...identity });
    const error = await t.db
      .collection('platform_identities')
      .insertOne({ ...identity, customerId: 'C-2' })
      .catch((e: unknown) => e);
    expect(isDuplicateKeyError(error)).toBe(true);
  });
});
