import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../../conversation/inbound.js';
import type { ConversationPipeline } from '../../conversation/pipeline.js';
import type { Retailer } from '../../domain/retailer.js';
import type { Logger } from '../../logger.js';
import { eventStreams } from '../../server/event-stream.js';
import { RateLimiter } from '../../server/rate-limit.js';
import type { AdapterPorts } from '../adapter.js';
import type { WebChatConfig } from './env.js';
import type { ChatEvent, ChatHub } from './hub.js';
import { registerChatPage } from './page.js';
import { productImageSvg } from './product-image.js';

const sessionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,64}$/, 'expected the sessionId from POST /api/chat/sessions');
const messageBody = z.object({
  sessionId,
  text: z
    .string()
    .trim()
    .min(1, 'the message is empty')
    .max(MAX_MESSAGE_CHARS, 'the message is longer than 4,000 characters'),
  clientMessageId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a client message id (letters, digits, - or _)'),
});
const sessionQuery = z.object({ sessionId });
const productImageParams = z.object({ file: z.string().min(1).max(300) });

/**
 * The conversation key of a session: a hash of the session id, so what is stored and logged
 * (conversation keys, event keys) cannot be used to read the conversation back. Client
 * addresses are kept hashed the same way.
 */
export function sessionKey(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

function badRequest(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({
    error: 'invalid_request',
    details: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
  });
}

export interface WebChatOptions {
  pipeline: ConversationPipeline;
  ports: Pick<AdapterPorts, 'conversations' | 'messages' | 'commerce' | 'rateCounters'>;
  retailer: Retailer;
  hub: ChatHub;
  limits: WebChatConfig;
  logger: Logger;
}

/**
 * The web chat: the customer page at `/`, a JSON API, and server-sent events for replies and
 * the typing indicator. A session id is a random bearer secret: it is the web visitor's
 * identity, so it is never derived from anything guessable.
 */
export function registerWebChat(
  app: FastifyInstance,
  { pipeline, ports, retailer, hub, limits, logger }: WebChatOptions,
): void {
  const events = eventStreams(app);
  // A person types far slower than these limits; a script flooding the agent does not.
  const perSession = new RateLimiter(
    ports.rateCounters,
    limits.perSessionPerMinute,
    60_000,
    logger,
  );
  const perAddress = new RateLimiter(
    ports.rateCounters,
    limits.perAddressPerMinute,
    60_000,
    logger,
  );

  registerChatPage(app, retailer);

  app.post('/api/chat/sessions', async (_request, reply) =>
    reply.code(201).send({ sessionId: randomBytes(24).toString('base64url') }),
  );

  app.post('/api/chat/messages', async (request, reply) => {
    const body = messageBody.safeParse(request.body);
    if (!body.success) return badRequest(reply, body.error);
    const { text, clientMessageId } = body.data;
    const session = sessionKey(body.data.sessionId);
    const waits = await Promise.all([perSession.take(session), perAddress.take(request.ip)]);
    const waitMs = Math.max(...waits);
    if (waitMs > 0) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(waitMs / 1000)))
        .send({ error: 'too_many_messages', retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
    const received = await pipeline.receive({
      channel: 'webchat',
      conversationKey: session,
      platformUserId: session,
      text,
      // A browser retrying the same send reuses its id, so it is answered once.
      eventKey: `webchat:${session}:${clientMessageId}`,
      // Sessions are free to make, so limits that must hold across them key on the address.
      clientKey: `ip:${sessionKey(request.ip)}`,
      receivedAt: new Date(),
    });
    if (received.status === 'rejected')
      return reply.code(400).send({ error: 'invalid_request', details: received.reasons });
    return reply.code(202).send({ status: received.status });
  });

  app.get('/api/chat/messages', async (request, reply) => {
    const query = sessionQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const conversation = await ports.conversations.findByKey(
      'webchat',
      sessionKey(query.data.sessionId),
    );
    const messages = conversation
      ? await ports.messages.recent(conversation.conversationId, 100)
      : [];
    return {
      messages: messages
        .filter((m) => m.role === 'customer' || m.role === 'bot' || m.role === 'staff')
        .map((m) => ({
          role: m.role,
          text: m.text,
          cards: m.data && 'cards' in m.data ? m.data.cards : [],
          // The page shows the last message's buttons (a survey asked while the visitor was away).
          quickReplies: m.data && 'quickReplies' in m.data ? m.data.quickReplies : [],
          at: m.createdAt.toISOString(),
        })),
    };
  });

  app.get('/api/chat/events', async (request, reply) => {
    const query = sessionQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    events.open<ChatEvent>(request, reply, (send) =>
      hub.subscribe(sessionKey(query.data.sessionId), send),
    );
  });

  app.get('/images/products/:file', async (request, reply) => {
    const params = productImageParams.safeParse(request.params);
    if (!params.success) return reply.code(404).send({ error: 'not_found' });
    const product = await ports.commerce.catalog.byId(params.data.file.replace(/\.svg$/, ''));
    if (!product) return reply.code(404).send({ error: 'not_found' });
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(productImageSvg(product.productId, product.name));
  });
}
