import type { Collection } from 'mongodb';
import { gapKey, type KnowledgeGap } from '../../domain/article.js';
import type { Language } from '../../language/detect.js';
import type { KnowledgeGaps } from '../../ports/knowledge.js';
import type { CollectionSpec } from '../collection-spec.js';

type GapDoc = KnowledgeGap & { _id: string };

export const knowledgeGapsSpec: CollectionSpec = {
  name: 'knowledge_gaps',
  indexes: [{ key: { count: -1 }, name: 'most_asked' }],
};

/** One counter per question (by `gapKey`), so the console's list is one sorted read. */
export class KnowledgeGapsRepository implements KnowledgeGaps {
  constructor(private readonly collection: Collection<GapDoc>) {}

  async record(question: string, language: Language, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: gapKey(question, language) },
      {
        $inc: { count: 1 },
        $set: { question: question.slice(0, 500), language, lastAt: at },
        $setOnInsert: { firstAt: at },
      },
      { upsert: true },
    );
  }

  top(limit: number): Promise<KnowledgeGap[]> {
    return this.collection
      .find({}, { projection: { _id: 0 } })
      .sort({ count: -1, lastAt: -1 })
      .limit(limit)
      .toArray();
  }

  async resolve(question: string, language: Language): Promise<void> {
    await this.collection.deleteOne({ _id: gapKey(question, language) });
  }
}
