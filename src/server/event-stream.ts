import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events: `open` turns a request into a stream of `{ type, ... }` events, with a
 * heartbeat comment every 15 s so proxies keep it open; streams end when the server closes.
 */
export function eventStreams(app: FastifyInstance) {
  const streams = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.raw.end();
  });
  return {
    open<E extends { type: string }>(
      request: FastifyRequest,
      reply: FastifyReply,
      subscribe: (send: (event: E) => void) => () => void,
    ): void {
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      reply.raw.write(': connected\n\n');
      const unsubscribe = subscribe((event) =>
        reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      );
      const heartbeat = setInterval(() => reply.raw.write(': ping\n\n'), HEARTBEAT_MS);
      streams.add(reply);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(reply);
      });
    },
  };
}
