import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArticles } from '../../../src/knowledge/import-articles.js';
import { useTestStore } from '../../helpers/test-store.js';

const t = useTestStore('import_articles');
const article = (id: string, body: string) =>
  `---\nid: ${id}\nlanguage: en\n---\n# ${id}\n\n${body}\n`;
const run = (dir: string, dryRun = false) =>
  importArticles(dir, t.store.articles, { now: new Date(), dryRun });

describe('importing a folder of help articles', () => {
  it('is idempotent, all or nothing, and removes articles whose files are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concierge-kb-'));
    writeFileSync(join(dir, 'a.md'), article('a', 'Article a says something useful.'));
    writeFileSync(join(dir, 'b.md'), article('b', 'Article b says something useful.'));
    expect((await run(dir, true)).written).toBeNull();
    expect(await t.store.articles.count()).toBe(0);
    expect((await run(dir)).written).toEqual({ inserted: 2, updated: 0, unchanged: 0, removed: 0 });
    expect((await run(dir)).written).toEqual({ inserted: 0, updated: 0, unchanged: 2, removed: 0 });

    // One bad file: nothing changes, and the file is named.
    writeFileSync(join(dir, 'a.md'), article('a', 'Article a, edited, says more than before.'));
    writeFileSync(
      join(dir, 'c.md'),
      '---\nid: C!\nlanguage: en\n---\n# C\n\nA body that is long enough.\n',
    );
    const refused = await run(dir);
    expect(refused.written).toBeNull();
    expect(refused.errors.map((e) => e.file)).toEqual(['c.md']);
    expect((await t.store.articles.published()).find((a) => a.articleId === 'a')?.body).toMatch(
      /^Article a says/,
    );

    rmSync(join(dir, 'c.md'));
    rmSync(join(dir, 'b.md'));
    expect((await run(dir)).written).toEqual({ inserted: 0, updated: 1, unchanged: 0, removed: 1 });
    expect((await t.store.articles.published()).map((a) => [a.articleId, a.body])).toEqual([
      ['a', 'Article a, edited, says more than before.'],
    ]);
  });
});
