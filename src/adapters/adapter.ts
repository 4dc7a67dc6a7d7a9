import type { FastifyInstance } from 'fastify';
import type { ConsoleFeed } from '../conversation/console-feed.js';
import type { Handoff } from '../conversation/handoff.js';
import type { InboundMessage } from '../conversation/inbound.js';
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
  /** Staff work: a platform with a staff channel posts escalations there and relays replies. */
  staff?: { handoff: Handoff; feed: ConsoleFeed; slackChannel: string | null };
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

/** The longest message the agent takes; longer ones are dropped with a log line. */
const MAX_TEXT = 4000;

/**
 * Hands a platform message to the pipeline. Empty and over-long messages are dropped with a
 * log line; resolves to whether this was a new message (false for a platform's repeat).
 */
export async function receiveFromPlatform(
  context: Pick<AdapterContext, 'pipeline'>,
  logger: Logger,
  message: Omit<InboundMessage, 'receivedAt'>,
): Promise<boolean> {
  if (!message.text) return false;
  if (message.text.length > MAX_TEXT) {
    logger.warn(
      { eventKey: message.eventKey, length: message.text.length },
      `dropped a ${message.channel} message longer than ${MAX_TEXT} characters`,
    );
    return false;
  }
  const { status } = await context.pipeline.receive({ ...message, receivedAt: new Date() });
  return status === 'accepted';
}
