import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * Scripts, styles and connections from this origin alone, no inline script, no framing: a
 * page that only ever sets customer text as text cannot be made to run anything.
 */
export const PAGE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
} as const;

const TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
} as const;

export interface StaticPage {
  /** Where the page is served, e.g. `/console`. */
  path: string;
  /** The page's HTML, already filled in. */
  html: string;
  /** The folder its files are read from, once, at start. */
  folder: URL;
  /** The URL prefix its files are served under, e.g. `/console/assets`. */
  assetsPath: string;
  /** The file names served, and nothing else (`.js` or `.css`). */
  files: readonly `${string}.${keyof typeof TYPES}`[];
}

/** Reads one of a page's files. */
export function readAsset(folder: URL, name: string): string {
  return readFileSync(new URL(name, folder), 'utf8');
}

/** Serves a page and its few static files (no build step, nothing from a CDN) under the CSP. */
export function registerStaticPage(app: FastifyInstance, page: StaticPage): void {
  const assets = new Map<string, { type: string; body: string }>(
    page.files.map((name) => {
      const type = TYPES[name.slice(name.lastIndexOf('.') + 1) as keyof typeof TYPES];
      return [name, { type, body: readAsset(page.folder, name) }];
    }),
  );
  app.get(page.path, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .headers({ ...PAGE_SECURITY_HEADERS, 'cache-control': 'no-store' })
      .send(page.html),
  );
  app.get<{ Params: { file: string } }>(`${page.assetsPath}/:file`, async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset) return reply.code(404).send({ error: 'not_found' });
    return reply
      .type(asset.type)
      .headers({ ...PAGE_SECURITY_HEADERS, 'cache-control': 'no-cache' })
      .send(asset.body);
  });
}
