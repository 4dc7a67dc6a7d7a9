import type { Collection } from 'mongodb';
import type { Article } from '../../domain/article.js';
import type { HelpArticles } from '../../ports/knowledge.js';
import type { CollectionSpec } from '../collection-spec.js';
import { type UpsertCounts, upsertByKey } from '../upsert.js';

export const articlesSpec: CollectionSpec = {
  name: 'articles',
  indexes: [{ key: { articleId: 1, language: 1 }, name: 'article_language_unique', unique: true }],
};

export class ArticlesRepository implements HelpArticles {
  constructor(private readonly collection: Collection<Article>) {}

  published(): Promise<Article[]> {
    return this.collection.find({ status: 'published' }, { projection: { _id: 0 } }).toArray();
  }

  /**
   * Makes the imported articles exactly `articles`: new and changed ones written (the date
   * alone is no change), imported ones no longer given removed. Staff drafts are left alone.
   */
  async replaceImported(articles: readonly Article[]): Promise<UpsertCounts & { removed: number }> {
    const counts = await upsertByKey(this.collection, articles, ['articleId', 'language'], {
      ignoreInComparison: ['updatedAt'],
    });
    const kept = new Set(articles.map((a) => `${a.articleId}/${a.language}`));
    const stale = (
      await this.collection
        .find({ source: 'import' }, { projection: { _id: 0, articleId: 1, language: 1 } })
        .toArray()
    ).filter((a) => !kept.has(`${a.articleId}/${a.language}`));
    for (const a of stale)
      await this.collection.deleteOne({
        articleId: a.articleId,
        language: a.language,
        source: 'import',
      });
    return { ...counts, removed: stale.length };
  }

  async saveDraft(article: Article): Promise<void> {
    await this.collection.replaceOne(
      { articleId: article.articleId, language: article.language },
      { ...article, status: 'draft' },
      { upsert: true },
    );
  }

  drafts(): Promise<Article[]> {
    return this.collection
      .find({ status: 'draft' }, { projection: { _id: 0 } })
      .sort({ updatedAt: -1 })
      .toArray();
  }

  async publish(articleId: string, language: Article['language'], at: Date): Promise<boolean> {
    const result = await this.collection.updateOne(
      { articleId, language, status: 'draft' },
      { $set: { status: 'published', updatedAt: at } },
    );
    return result.modifiedCount === 1;
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
