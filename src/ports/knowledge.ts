import type { Article, KnowledgeGap } from '../domain/article.js';
import type { Language } from '../language/detect.js';

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
  /** Keeps a staff-written article as a draft; it answers nobody until published. */
  saveDraft(article: Article): Promise<void>;
  drafts(): Promise<Article[]>;
  /** Publishes a draft; false when there is no such draft. */
  publish(articleId: string, language: Language, at: Date): Promise<boolean>;
}

/** Questions the help centre could not answer, counted, for staff to write articles for. */
export interface KnowledgeGaps {
  record(question: string, language: Language, at: Date): Promise<void>;
  /** The most asked, most asked first. */
  top(limit: number): Promise<KnowledgeGap[]>;
  /** Forgets a question an article now answers. */
  resolve(question: string, language: Language): Promise<void>;
}
