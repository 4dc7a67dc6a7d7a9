import { type Passage, passagesOf } from '../domain/article.js';
import type { Language } from '../language/detect.js';
import type { HelpArticles } from '../ports/knowledge.js';
import { Bm25Index } from '../recommender/bm25.js';
import { contentTokens } from '../recommender/tokens.js';

const REFRESH_MS = 60_000;
/**
 * Words that frame a question rather than say what it is about ("your policy on ...", "你们的
 * 政策"): alone they would match whichever article mentions a policy.
 */
const FRAMING = new Set(['polici', 'policy', 'policies', 'rule', '政策', '规定']);

export interface PassageHit extends Passage {
  score: number;
}

interface Indexed {
  passages: Passage[];
  /** Each article's title and keywords, once per article (keyed by its first passage). */
  about: Bm25Index;
  /** Which passage opens each `about` document, and how many passages the article has. */
  articleRuns: { first: number; count: number }[];
  /** Each passage's heading and text. */
  text: Bm25Index;
  /** The languages each article exists in. */
  languages: Map<string, Set<Language>>;
}

/**
 * The retailer's help centre, searchable: every section of every published article, indexed
 * in memory with BM25 over English and Chinese tokens (the recommender's), rebuilt from the
 * store once a minute so new and changed articles are found.
 */
export class HelpCenter {
  private loaded: { at: number; indexed: Indexed } | null = null;
  private loading: Promise<Indexed> | null = null;

  constructor(
    private readonly source: Pick<HelpArticles, 'published'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The best passages for a question, best first. With `language`, a passage of an article
   * that exists in that language is taken from that language's version.
   */
  async search(query: string, limit = 3, language?: Language): Promise<PassageHit[]> {
    const { passages, about, articleRuns, text, languages } = await this.indexed();
    const words = contentTokens(query).filter((w) => !FRAMING.has(w));
    // A passage scores what its article is about plus what its own text says: sections an
    // article's title and keywords alone match tie, and the earliest (its opening) wins.
    const scores = new Map<number, number>();
    for (const hit of about.search(words, limit * 2)) {
      const run = articleRuns[hit.doc];
      if (!run) continue;
      for (let doc = run.first; doc < run.first + run.count; doc++) scores.set(doc, hit.score);
    }
    for (const hit of text.search(words, limit * 4))
      scores.set(hit.doc, (scores.get(hit.doc) ?? 0) + hit.score);
    const hits = [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    const results: PassageHit[] = [];
    const taken = new Set<string>();
    for (const hit of hits) {
      const passage = passages[hit.doc];
      if (!passage) continue;
      // A translation exists: answer from it rather than from the other language.
      if (
        language &&
        passage.language !== language &&
        languages.get(passage.articleId)?.has(language)
      )
        continue;
      const key = `${passage.articleId}/${passage.language}/${passage.section}`;
      if (taken.has(key)) continue;
      taken.add(key);
      results.push({ ...passage, score: hit.score });
      if (results.length === limit) break;
    }
    return results;
  }

  /** Forgets the index, so the next search reads the articles again (after an import). */
  invalidate(): void {
    this.loaded = null;
  }

  private async indexed(): Promise<Indexed> {
    if (this.loaded && this.now() - this.loaded.at < REFRESH_MS) return this.loaded.indexed;
    this.loading ??= this.build().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async build(): Promise<Indexed> {
    const articles = await this.source.published();
    const passages = articles.flatMap(passagesOf);
    const languages = new Map<string, Set<Language>>();
    for (const a of articles) {
      const set = languages.get(a.articleId) ?? new Set<Language>();
      set.add(a.language);
      languages.set(a.articleId, set);
    }
    const articleRuns: Indexed['articleRuns'] = [];
    const aboutDocs: string[][] = [];
    for (const [i, p] of passages.entries()) {
      const previous = passages[i - 1];
      if (previous && previous.articleId === p.articleId && previous.language === p.language) {
        const run = articleRuns.at(-1);
        if (run) run.count++;
        continue;
      }
      articleRuns.push({ first: i, count: 1 });
      aboutDocs.push(contentTokens(`${p.title} ${p.keywords.join(' ')}`));
    }
    const about = new Bm25Index(aboutDocs);
    // An article's opening summarises it: it carries the keywords too, so a general question
    // ("your return policy?") is answered from it rather than from a narrower section.
    const openings = new Set(articleRuns.map((r) => r.first));
    const text = new Bm25Index(
      passages.map((p, i) =>
        contentTokens(`${p.section} ${openings.has(i) ? p.keywords.join(' ') : ''} ${p.text}`),
      ),
    );
    const indexed = { passages, about, articleRuns, text, languages };
    this.loaded = { at: this.now(), indexed };
    return indexed;
  }
}
