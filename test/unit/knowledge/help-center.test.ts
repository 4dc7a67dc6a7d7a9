import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.js';
import { type Article, passagesOf } from '../../../src/domain/article.js';
import { readArticleFolder } from '../../../src/knowledge/article-files.js';
import { HelpCenter } from '../../../src/knowledge/help-center.js';

const at = new Date('2026-12-01T00:00:00Z');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'concierge-articles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const over = (articles: Article[]) => new HelpCenter({ published: async () => articles });

describe('reading a folder of help articles', () => {
  it('reads markdown with front matter, HTML and JSON, in subfolders', () => {
    const dir = folder({
      'en/returns.md':
        '---\nid: returns\nlanguage: en\nkeywords: money back, send back\nurl: https://help.example/returns\n---\n# Returns\n\nWithin 30 days of delivery.\n\n## Labels\nWe email a prepaid label.\n',
      'zh/returns.html':
        '<html lang="zh"><head><meta name="article-id" content="returns"><link rel="canonical" href="https://help.example/zh/returns"><title>x</title></head><body><h1>退货</h1><p>签收后30天内可以退货。</p><h2>运单</h2><p>我们会发送预付运单 &amp; 说明。</p></body></html>',
      'gift-cards.json': JSON.stringify({
        id: 'gift-cards',
        language: 'en',
        title: 'Gift cards',
        body: 'Gift cards never expire.\n\n## Balance\nAsk in chat for the balance.',
      }),
      'notes.txt': 'not an article',
    });
    const { articles, errors } = readArticleFolder(dir, at);
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.articleId, a.language, a.title, a.url])).toEqual([
      ['returns', 'en', 'Returns', 'https://help.example/returns'],
      ['gift-cards', 'en', 'Gift cards', null],
      ['returns', 'zh', '退货', 'https://help.example/zh/returns'],
    ]);
    expect(articles[0]?.keywords).toEqual(['money back', 'send back']);
    const zh = articles[2];
    if (!zh) throw new Error('no zh article');
    expect(passagesOf(zh).map((p) => [p.section, p.text])).toEqual([
      ['退货', '签收后30天内可以退货。'],
      ['运单', '我们会发送预付运单 & 说明。'],
    ]);
  });

  it('names every bad file and why: missing fields, an unknown language, a duplicate, broken JSON', () => {
    const dir = folder({
      'a.md': '---\nid: a\nlanguage: en\n---\n# A\n\nLong enough to answer something useful.\n',
      'b.md':
        '---\nid: a\nlanguage: en\n---\n# A again\n\nLong enough to answer something useful.\n',
      'c.md': '---\nid: c\nlanguage: fr\n---\n# C\n\nLong enough to answer something useful.\n',
      'd.md': '# No front matter\n\nLong enough to answer something useful.\n',
      'e.json': '{ "id": "e", ',
    });
    const { errors } = readArticleFolder(dir, at);
    expect(errors.map((e) => e.file)).toEqual(['b.md', 'c.md', 'd.md', 'e.json']);
    expect(errors[0]?.reason).toMatch(/also in a\.md/);
    expect(errors[1]?.reason).toMatch(/language is en or zh/);
    expect(errors[2]?.reason).toMatch(/id/);
  });

  it('ships a demo help centre of 25+ articles, each in English and Chinese', () => {
    const { articles, errors } = readArticleFolder(DEFAULT_KNOWLEDGE_DIR, at);
    expect(errors).toEqual([]);
    const ids = (language: string) =>
      articles
        .filter((a) => a.language === language)
        .map((a) => a.articleId)
        .sort();
    expect(ids('en').length).toBeGreaterThanOrEqual(25);
    expect(ids('zh')).toEqual(ids('en'));
  });
});

describe('searching the help centre', () => {
  const { articles } = readArticleFolder(DEFAULT_KNOWLEDGE_DIR, at);
  const help = over(articles);

  it.each([
    ['is there a fee for cancelling an order?', 'cancel-order'],
    ['how do I get an invoice with my company name', 'invoices'],
    ['do you ship to Canada', 'international-shipping'],
    ['what time does the Denver store open', 'stores'],
    ['I forgot my password', 'password-reset'],
    ['how long until my refund shows up', 'refunds'],
  ])('finds "%s" in %s', async (question, id) => {
    const [best] = await help.search(question, 1, 'en');
    expect(best?.articleId).toBe(id);
    expect(best?.language).toBe('en');
  });

  it('answers a Chinese question from the Chinese version of the article', async () => {
    const [best] = await help.search('怎么注销账户', 1, 'zh');
    expect(best).toMatchObject({ articleId: 'delete-account', language: 'zh', title: '注销账户' });
    expect(best?.url).toBe('https://help.northwind.example/zh/delete-account');
  });

  it('scores what it does not cover low, and a policy question by its subject, not the word "policy"', async () => {
    const [joke] = await help.search('tell me a joke', 1, 'en');
    const [space] = await help.search('你们有关于太空旅行的政策吗', 1, 'zh');
    const [returns] = await help.search('what is your returns policy', 1, 'en');
    expect(joke?.score ?? 0).toBeLessThan(6);
    expect(space?.score ?? 0).toBeLessThan(6);
    expect(returns?.articleId).toBe('returns');
    expect(returns?.score).toBeGreaterThan(6);
  });

  it('finds articles added later, once the index is refreshed', async () => {
    const more = [...articles];
    const help2 = over(more);
    expect((await help2.search('loyalty points programme', 1, 'en'))[0]?.articleId).not.toBe(
      'loyalty',
    );
    more.push({
      articleId: 'loyalty',
      language: 'en',
      title: 'Loyalty points',
      url: null,
      keywords: ['loyalty', 'points'],
      body: 'Every dollar earns one loyalty point; 100 points are a $5 voucher.',
      source: 'import',
      status: 'published',
      updatedAt: at,
    });
    help2.invalidate();
    expect((await help2.search('loyalty points programme', 1, 'en'))[0]?.articleId).toBe('loyalty');
  });
});
