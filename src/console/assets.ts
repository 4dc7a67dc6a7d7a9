import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const FILES = {
  'console.js': 'text/javascript; charset=utf-8',
  'charts.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
} as const;

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/**
 * The console's page and its few static files: plain HTML, CSS and ES modules, no build step
 * and nothing from a CDN. Only these files are served, under a CSP that allows scripts and
 * styles from this origin alone, so injected markup could not run anything.
 */
export function registerConsoleAssets(app: FastifyInstance): void {
  const page = read('index.html');
  const assets = new Map(
    Object.entries(FILES).map(([name, type]) => [name, { type, body: read(name) }]),
  );
  const secure = {
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
  app.get('/console', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .headers({ ...secure, 'cache-control': 'no-store' })
      .send(page),
  );
  app.get<{ Params: { file: string } }>('/console/assets/:file', async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset) return reply.code(404).send({ error: 'not_found' });
    return reply
      .type(asset.type)
      .headers({ ...secure, 'cache-control': 'no-cache' })
      .send(asset.body);
  });
}
