import type { FastifyInstance } from 'fastify';
import { readAsset, registerStaticPage } from '../server/static-page.js';

const FOLDER = new URL('./assets/', import.meta.url);

/** The console's page and its files: plain HTML, CSS and ES modules, under the page CSP. */
export function registerConsoleAssets(app: FastifyInstance): void {
  registerStaticPage(app, {
    path: '/console',
    html: readAsset(FOLDER, 'index.html'),
    folder: FOLDER,
    assetsPath: '/console/assets',
    files: ['console.js', 'charts.js', 'console.css'],
  });
}
