import type { FastifyInstance } from 'fastify';
import type { Relay } from '../background/relay.js';
import type { Handoff } from '../conversation/handoff.js';
import { clipToLimit, type InboundMessage } from '../conversation/inbound.js';
import type { ConversationPipeline } from '../conversation/pipeline.js';
import type { Senders } from '../conversation/senders.js';
import type { Retailer } from '../domain/retailer.js';
import type { Logger } from '../logger.js';
import type { Feed } from '../ports/feed.js';
import type { Ports } from '../ports/index.js';

/** What adapters keep and read besides the pipeline. */
export type AdapterPorts = Pick<
  Ports,
  | 'conversations'
  | 'messages'
  | 'deliveryAddresses'
  | 'claims'
  | 'escalations'
  | 'staffUsers'
  | 'commerce'
  | 'rateCounters'
>;

/** What a platform adapter is given: the HTTP server to add its routes to, and the pipeline. */
export interface AdapterContext {
  http: FastifyInstance;
  pipeline: ConversationPipeline;
  senders: Senders;
  /** Fans live events (a web chat's replies) out to every process. */
  relay: Relay;
  ports: AdapterPorts;
  logger: Logger;
  retailer: Retailer;
  /** Where the platform can fetch product images; null when this server is not public. */
  publicUrl: string | null;
  /** Staff work: a platform with a staff channel posts escalations there and relays replies. */
  staff?: { handoff: Handoff; feed: Feed; slackChannel: string | null };
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

/**
 * Hands a platform message to the pipeline. A message longer than the pipeline takes is cut
 * to its start (the reply says so); one it rejects (empty, keys out of bounds) is dropped with
 * a log line. Resolves to whether this was a new message (false for a platform's repeat).
 */
export async function receiveFromPlatform(
  context: Pick<AdapterContext, 'pipeline'>,
  logger: Logger,
  message: Omit<InboundMessage, 'receivedAt' | 'clipped'>,
): Promise<boolean> {
  if (!message.text) return false;
  const { text, clipped } = clipToLimit(message.text);
  if (clipped)
    logger.info(
      { eventKey: message.eventKey, length: message.text.length },
      `a ${message.channel} message over the limit was cut to its start`,
    );
  const received = await context.pipeline.receive({
    ...message,
    text,
    ...(clipped ? { clipped } : {}),
    receivedAt: new Date(),
  });
  if (received.status === 'rejected')
    logger.warn(
      { eventKey: message.eventKey, length: message.text.length, reasons: received.reasons },
      `dropped a ${message.channel} message the pipeline does not take`,
    );
  return received.status === 'accepted';
}
