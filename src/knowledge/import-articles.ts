import type { Article } from '../domain/article.js';
import type { HelpArticles } from '../ports/knowledge.js';
import { type ArticleFileError, readArticleFolder } from './article-files.js';

export interface ArticleImportReport {
  dir: string;
  articles: number;
  errors: ArticleFileError[];
  /** What was written; null when nothing was (errors, or a dry run). */
  written: Awaited<ReturnType<HelpArticles['replaceImported']>> | null;
}

/**
 * Imports a folder of help articles, all or nothing: with any bad file nothing changes, so
 * a half-read folder never replaces a whole one. Running it again with the same folder
 * writes nothing; an article whose file is gone is removed.
 */
export async function importArticles(
  dir: string,
  articles: Pick<HelpArticles, 'replaceImported'>,
  options: { now: Date; dryRun: boolean; alongside?: readonly Article[] },
): Promise<ArticleImportReport> {
  let read: ReturnType<typeof readArticleFolder>;
  try {
    read = readArticleFolder(dir, options.now);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { dir, articles: 0, errors: [{ file: '.', reason }], written: null };
  }
  const report = { dir, articles: read.articles.length, errors: read.errors };
  if (read.errors.length > 0 || options.dryRun) return { ...report, written: null };
  if (read.articles.length === 0)
    return {
      ...report,
      errors: [{ file: '.', reason: 'no article files (.md, .html, .json)' }],
      written: null,
    };
  // Articles from elsewhere (the shop's own policies) are imported with the folder's, as one set.
  const all = [...read.articles, ...(options.alongside ?? [])];
  return { ...report, articles: all.length, written: await articles.replaceImported(all) };
}
