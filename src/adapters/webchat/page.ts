import type { FastifyInstance } from 'fastify';
import type { Retailer } from '../../domain/retailer.js';
import { readAsset, registerStaticPage } from '../../server/static-page.js';

const FOLDER = new URL('./assets/', import.meta.url);

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * The customer's chat page at `/`: plain HTML, CSS and a script file, nothing from a CDN,
 * under the same CSP as the console. Replies arrive over server-sent events; the history is
 * loaded on every (re)connect.
 */
export function registerChatPage(app: FastifyInstance, retailer: Retailer): void {
  registerStaticPage(app, {
    path: '/',
    html: readAsset(FOLDER, 'chat.html').replaceAll(
      '{{storeName}}',
      escapeHtml(retailer.storeName),
    ),
    folder: FOLDER,
    assetsPath: '/chat/assets',
    files: ['chat.js', 'chat.css'],
  });
}
