import type { Language } from '../language/detect.js';

/** A help-centre article in one language, as the retailer wrote it (markdown body). */
export interface Article {
  /** The retailer's id; the same id in another language is that article's translation. */
  articleId: string;
  language: Language;
  title: string;
  url: string | null;
  /** Words customers use for what it covers ("money back", "退款"), searched with the title. */
  keywords: string[];
  /** Markdown: `## ` headings split it into sections. */
  body: string;
  /** Where it came from: a folder import, or a staff reply saved as a draft. */
  source: 'import' | 'staff';
  /** Only published articles answer customers; drafts wait for an admin. */
  status: 'published' | 'draft';
  updatedAt: Date;
}

/** One section of an article: what a search returns and an answer quotes. */
export interface Passage {
  articleId: string;
  language: Language;
  title: string;
  /** The section heading; the title again for the text before the first heading. */
  section: string;
  url: string | null;
  keywords: string[];
  text: string;
}

/** The article's sections, split at `## ` headings; empty sections are left out. */
export function passagesOf(article: Article): Passage[] {
  const passages: Passage[] = [];
  const parts = article.body.split(/^##\s+/m);
  const [intro = '', ...sections] = parts;
  const push = (section: string, text: string) => {
    const clean = text.trim();
    if (clean)
      passages.push({
        articleId: article.articleId,
        language: article.language,
        title: article.title,
        section,
        url: article.url,
        keywords: article.keywords,
        text: clean,
      });
  };
  push(article.title, intro.replace(/^#\s+.*$/m, ''));
  for (const part of sections) {
    const [heading = '', ...rest] = part.split('\n');
    push(heading.trim(), rest.join('\n'));
  }
  return passages;
}

/** A question the help centre had no answer for, with how often it was asked. */
export interface KnowledgeGap {
  question: string;
  language: Language;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/** Questions that differ only in case, spacing and punctuation are one gap. */
export function gapKey(question: string, language: Language): string {
  const words = question
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${language}:${words}`;
}
