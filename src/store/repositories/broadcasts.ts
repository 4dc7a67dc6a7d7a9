import { type Collection, ObjectId } from 'mongodb';
import type { BroadcastRecord, Broadcasts } from '../../ports/broadcasts.js';
import type { CollectionSpec } from '../collection-spec.js';

type BroadcastDoc = Omit<BroadcastRecord, 'id'> & { _id: ObjectId };

export const broadcastsSpec: CollectionSpec = {
  name: 'broadcasts',
  indexes: [{ key: { at: 1 }, name: 'at' }],
};

export class BroadcastsRepository implements Broadcasts {
  constructor(private readonly collection: Collection<BroadcastDoc>) {}

  async append(records: readonly Omit<BroadcastRecord, 'id'>[]): Promise<void> {
    if (records.length === 0) return;
    await this.collection.insertMany(records.map((record) => ({ ...record, _id: new ObjectId() })));
  }

  async since(after: Date, limit: number): Promise<BroadcastRecord[]> {
    const docs = await this.collection
      .find({ at: { $gt: after } })
      .sort({ at: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ ...rest, id: _id.toHexString() }));
  }

  async prune(before: Date): Promise<number> {
    return (await this.collection.deleteMany({ at: { $lt: before } })).deletedCount;
  }
}
