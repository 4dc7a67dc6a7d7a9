import type { Collection } from 'mongodb';
import type { DescriptionDraft } from '../../domain/description-draft.js';
import type { DescriptionDrafts } from '../../ports/insights.js';
import type { CollectionSpec } from '../collection-spec.js';

type DraftDoc = DescriptionDraft & { _id: string };

export const descriptionDraftsSpec: CollectionSpec = {
  name: 'description_drafts',
  indexes: [{ key: { status: 1, updatedAt: -1 }, name: 'open' }],
};

export class DescriptionDraftsRepository implements DescriptionDrafts {
  constructor(private readonly collection: Collection<DraftDoc>) {}

  async save(draft: DescriptionDraft): Promise<void> {
    await this.collection.replaceOne({ _id: draft.draftId }, draft, { upsert: true });
  }

  findById(draftId: string): Promise<DescriptionDraft | null> {
    return this.collection.findOne({ _id: draftId }, { projection: { _id: 0 } });
  }

  open(limit: number): Promise<DescriptionDraft[]> {
    return this.collection
      .find({ status: 'draft' }, { projection: { _id: 0 } })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .toArray();
  }

  async finish(
    draftId: string,
    to: { status: 'approved' | 'discarded'; text: string; by: string; at: Date },
  ): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: draftId, status: 'draft' },
      {
        $set: {
          status: to.status,
          text: to.text,
          updatedAt: to.at,
          ...(to.status === 'approved' ? { approvedBy: to.by, approvedAt: to.at } : {}),
        },
      },
    );
    return result.modifiedCount === 1;
  }
}
