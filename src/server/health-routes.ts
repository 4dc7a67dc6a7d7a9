import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../store/readiness.js';
import { processFaults } from './process-faults.js';

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  /** Liveness: the process answers. Never touches MongoDB, so a database outage is no restart. */
  app.get('/healthz', async () => ({ status: 'ok', ...processFaults }));

  /** Readiness: MongoDB reachable, indexes in place, demo data (if any) loaded. */
  app.get('/readyz', async (_request, reply) => {
    const report = await readiness.check();
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? 'ready' : 'not_ready', ...report });
  });
}
