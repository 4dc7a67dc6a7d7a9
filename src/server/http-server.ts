import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '../logger.js';
import type { Readiness } from '../store/readiness.js';
import { registerHealthRoutes } from './health-routes.js';

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
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.url !== '/healthz' && request.url !== '/readyz') {
      request.log.info(
        {
          method: request.method,
          url: request.url,
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
