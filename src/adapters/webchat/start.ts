import type { AdapterContext, PlatformAdapter } from '../adapter.js';
import type { WebChatConfig } from './env.js';
import { ChatHub } from './hub.js';
import { registerWebChat } from './routes.js';
import { WebChatSender } from './sender.js';

/** The built-in web chat: the customer page, its JSON API and its event streams. */
export async function startWebChat(
  limits: WebChatConfig,
  context: AdapterContext,
): Promise<PlatformAdapter> {
  const hub = new ChatHub(context.relay);
  context.senders.register('webchat', new WebChatSender(hub));
  registerWebChat(context.http, {
    pipeline: context.pipeline,
    ports: context.ports,
    retailer: context.retailer,
    hub,
    limits,
    logger: context.logger,
  });
  return { name: 'webchat', async connect() {}, async stop() {} };
}
