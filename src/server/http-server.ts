import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { ErrorCode, isConciergeError } from '../errors.js';
import { type Logger, redactUrl } from '../logger.js';
import type { Readiness } from '../store/readiness.js';
import { isDatabaseUnavailable } from '../store/unavailable.js';
import { registerHealthRoutes } from './health-routes.js';

/** What a client is told to wait before trying again while the database is away. */
const RETRY_AFTER_S = 5;

export interface HttpServerOptions {
  logger: Logger;
  readiness: Readiness;
}

/** The one HTTP server: health now; webhooks, web chat and the staff console register here. */
export function buildHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    // Typed as Fastify's base logger so routes and plugins keep the default instance type.
    loggerInstance: options.logger as FastifyBaseLogger,
    // One line per request, written by the onResponse hook below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Platform payloads are small; anything near this is abuse, not a message.
    bodyLimit: 1_048_576,
    // Lets in-flight requests finish on close, while refusing new ones.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Unique across restarts, so a request id a user reports finds one log line.
    genReqId: () => randomUUID(),
  });
  // What went wrong stays in the log: a client learns the kind of failure and the request id,
  // never a driver's message or a stack.
  app.setErrorHandler((error, request, reply) => {
    const requestId = request.id;
    const status =
      typeof error === 'object' && error !== null && 'statusCode' in error
        ? Number(error.statusCode)
        : 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error, requestId, status }, 'request refused');
      return reply.code(status).send({ error: 'invalid_request', requestId });
    }
    if (isDatabaseUnavailable(error) || isConciergeError(error, ErrorCode.Unavailable)) {
      request.log.warn({ err: error, requestId }, 'a dependency is unavailable; answered 503');
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_S))
        .send({ error: 'unavailable', requestId });
    }
    request.log.error({ err: error, requestId }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', requestId });
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.url !== '/healthz' && request.url !== '/readyz') {
      request.log.info(
        {
          method: request.method,
          url: redactUrl(request.url),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    }
    done();
  });
  registerHealthRoutes(app, options.readiness);
  return app;
}
