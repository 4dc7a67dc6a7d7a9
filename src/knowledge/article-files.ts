import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { z } from 'zod';
import type { Article } from '../domain/article.js';

/** An article file that cannot be read as one, with why. */
export interface ArticleFileError {
  file: string;
  reason: string;
}

const idSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'an id is lower-case letters, digits and "-"');

const fieldsSchema = z.strictObject({
  id: idSchema,
  language: z.enum(['en', 'zh'], { error: 'language is en or zh' }),
  title: z.string().trim().min(1, 'needs a title'),
  url: z.url({ error: 'url must be an absolute address' }).nullable().default(null),
  /** A list, or comma-separated text in front matter and HTML's `<meta name="keywords">`. */
  keywords: z
    .union([z.array(z.string()), z.string()])
    .default([])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(/[,，]/)).map((k) => k.trim()).filter(Boolean),
    ),
  body: z.string().trim().min(20, 'the body is too short to answer anything'),
});

/** Front matter (`key: value` lines between `---`), then a `# Title`, then the body. */
function fromMarkdown(text: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
  const meta: Record<string, string> = {};
  for (const line of (match?.[1] ?? '').split('\n')) {
    const pair = /^([a-z]+):\s*(.*)$/.exec(line.trim());
    if (pair?.[1]) meta[pair[1]] = pair[2] ?? '';
  }
  const rest = match ? (match[2] ?? '') : text;
  const title = /^#\s+(.+)$/m.exec(rest)?.[1];
  return { ...meta, title: meta.title ?? title, body: rest.replace(/^#\s+.+$/m, '').trim() };
}

const decode = (html: string) =>
  html
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** HTML as the markdown articles are kept in: `<h2>` headings start sections. */
export function htmlToMarkdown(html: string): string {
  return decode(
    html
      .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
      .replace(/<h1[^>]*>[\s\S]*?<\/h1>/i, '')
      .replace(/<h2[^>]*>([\s\S]*?)<\/h2>/gi, '\n\n## $1\n')
      .replace(/<li[^>]*>/gi, '\n- ')
      .replace(/<(p|br|div|ul|ol)[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*\n+/g, '\n\n')
    .trim();
}

/** `<html lang>`, `<meta name="article-id">` and `<link rel="canonical">`; `<h1>`, `<h2>` sections. */
function fromHtml(html: string): unknown {
  const attr = (pattern: RegExp) => pattern.exec(html)?.[1];
  const body = htmlToMarkdown(html);
  return {
    id: attr(/<meta\s+name="article-id"\s+content="([^"]*)"/i),
    language: attr(/<html[^>]*\slang="([a-z]{2})/i),
    title: decode(
      attr(/<h1[^>]*>([\s\S]*?)<\/h1>/i)
        ?.replace(/<[^>]+>/g, '')
        .trim() ?? '',
    ),
    url: attr(/<link\s+rel="canonical"\s+href="([^"]*)"/i) ?? null,
    keywords: attr(/<meta\s+name="keywords"\s+content="([^"]*)"/i),
    body,
  };
}

const READERS: Record<string, (text: string) => unknown> = {
  '.md': fromMarkdown,
  '.markdown': fromMarkdown,
  '.html': fromHtml,
  '.htm': fromHtml,
  '.json': (text) => JSON.parse(text),
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/**
 * Every article in a folder (and its subfolders): markdown with front matter, HTML, or JSON
 * (`{ id, language, title, url, body }`). Files of other kinds are skipped; a file that is not
 * a valid article, or a second file with the same id and language, is an error naming it.
 */
export function readArticleFolder(
  dir: string,
  at: Date,
): { articles: Article[]; errors: ArticleFileError[] } {
  const articles: Article[] = [];
  const errors: ArticleFileError[] = [];
  const seen = new Map<string, string>();
  for (const path of filesUnder(dir)) {
    const read = READERS[extname(path).toLowerCase()];
    if (!read) continue;
    const file = relative(dir, path);
    let raw: unknown;
    try {
      raw = read(readFileSync(path, 'utf8'));
    } catch (error) {
      errors.push({ file, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const parsed = fieldsSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({
        file,
        reason: parsed.error.issues
          .map((i) => `${i.path.join('.') || 'file'}: ${i.message}`)
          .join('; '),
      });
      continue;
    }
    const { id, language, title, url, keywords, body } = parsed.data;
    const key = `${id}/${language}`;
    const earlier = seen.get(key);
    if (earlier) {
      errors.push({ file, reason: `article ${id} (${language}) is also in ${earlier}` });
      continue;
    }
    seen.set(key, file);
    articles.push({
      articleId: id,
      language,
      title,
      url,
      keywords,
      body,
      source: 'import',
      status: 'published',
      updatedAt: at,
    });
  }
  return { articles, errors };
}
