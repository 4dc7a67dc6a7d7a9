import type { FastifyInstance } from 'fastify';
import type { ConversationPipeline } from '../conversation/pipeline.js';
import type { Senders } from '../conversation/senders.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

/** What a platform adapter is given: the HTTP server to add its routes to, and the pipeline. */
export interface AdapterContext {
  http: FastifyInstance;
  pipeline: ConversationPipeline;
  senders: Senders;
  store: Store;
  logger: Logger;
  /** Where the platform can fetch product images; null when this server is not public. */
  publicUrl: string | null;
}

/**
 * A platform adapter after its routes are registered. `connect` runs once the database is
 * ready (gateway and socket connections deliver events as soon as they open); `stop` closes
 * connections.
 */
export interface PlatformAdapter {
  name: string;
  connect(): Promise<void>;
  stop(): Promise<void>;
}

/** The absolute address of a product image, or null when platforms could not fetch it. */
export function absoluteImageUrl(publicUrl: string | null, imageUrl: string): string | null {
  if (/^https?:\/\//.test(imageUrl)) return imageUrl;
  return publicUrl ? `${publicUrl}${imageUrl}` : null;
}
