import type { Article } from '../domain/article.js';

/** The help centre's articles as the store keeps them. */
export interface HelpArticles {
  /** Every published article, in every language. */
  published(): Promise<Article[]>;
  /**
   * Makes the imported articles exactly `articles` (staff drafts are left alone); says how
   * many were inserted, updated, unchanged and removed.
   */
  replaceImported(
    articles: readonly Article[],
  ): Promise<{ inserted: number; updated: number; unchanged: number; removed: number }>;
}
