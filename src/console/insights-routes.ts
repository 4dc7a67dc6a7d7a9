import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { dayOf } from '../domain/insights.js';
import { insightsCsv, summarizeInsights } from '../insights/summary.js';
import type { Ports } from '../ports/index.js';

const DAY_MS = 86_400_000;
/** The longest period one request adds up. */
const MAX_DAYS = 366;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a day of the calendar');

const periodQuery = z
  .object({ from: isoDay.optional(), to: isoDay.optional(), today: isoDay })
  .transform((q, ctx) => {
    const to = q.to ?? q.today;
    const from = q.from ?? dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', message: '`from` is after `to`' });
    if (days > MAX_DAYS)
      ctx.addIssue({ code: 'custom', message: `a period is at most ${MAX_DAYS} days` });
    return { from, to };
  });

export interface InsightsRouteOptions {
  ports: Pick<Ports, 'insights'>;
  anyStaff: preHandlerAsyncHookHandler;
  now: () => Date;
}

/**
 * The Insights view's figures for a period (default: the last 30 days), as JSON or as CSV:
 * added up from the daily counters, never from the messages.
 */
export function registerInsightsRoutes(app: FastifyInstance, options: InsightsRouteOptions): void {
  const { ports, anyStaff, now } = options;
  const read = async (query: unknown) => {
    const period = periodQuery.safeParse({
      ...(typeof query === 'object' ? query : {}),
      today: dayOf(now()),
    });
    if (!period.success) return { error: period.error.issues[0]?.message ?? 'invalid period' };
    const { from, to } = period.data;
    return summarizeInsights(await ports.insights.period(from, to), from, to);
  };

  app.get('/api/console/insights', { preHandler: anyStaff }, async (request, reply) => {
    const summary = await read(request.query);
    if ('error' in summary)
      return reply.code(400).send({ error: 'invalid_request', detail: summary.error });
    return summary;
  });

  app.get('/api/console/insights.csv', { preHandler: anyStaff }, async (request, reply) => {
    const summary = await read(request.query);
    if ('error' in summary)
      return reply.code(400).send({ error: 'invalid_request', detail: summary.error });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="concierge-insights-${summary.from}-${summary.to}.csv"`,
      )
      .send(insightsCsv(summary));
  });
}
