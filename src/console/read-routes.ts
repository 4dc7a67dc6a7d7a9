import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { CHANNELS } from '../domain/channel.js';
import { CONVERSATION_MODES } from '../domain/conversation.js';
import type { Ports } from '../ports/index.js';
import { readMetrics, type TokenPrices } from './metrics.js';
import { idParam } from './params.js';

const listQuery = z.object({
  mode: z.enum(CONVERSATION_MODES).optional(),
  channel: z.enum(CHANNELS).optional(),
  q: z
    .string()
    .trim()
    .max(100, 'the search is too long')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), 'the search has control characters')
    .optional(),
});
const metricsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });
const ORDER_NUMBER = /^[a-z]{2}-\d{3,}$/i;

/** The customers a staff search names: by order number, or by part of a name or email. */
async function customersMatching(ports: Ports, q: string): Promise<string[]> {
  if (ORDER_NUMBER.test(q)) {
    const owner = await ports.commerce.ownerOfOrder(q.toUpperCase());
    return owner ? [owner] : [];
  }
  return (await ports.commerce.searchCustomers(q, 50)).map((c) => c.customerId);
}

/** Customers by id, for the lists that show who each conversation is with. */
async function customersById(ports: Ports, ids: (string | null)[]) {
  const known = ids.filter((id): id is string => id !== null);
  return new Map((await ports.commerce.customersByIds(known)).map((c) => [c.customerId, c]));
}

export interface ConsoleReadOptions {
  ports: Ports;
  prices: TokenPrices;
  now: () => Date;
  anyStaff: preHandlerAsyncHookHandler;
  adminOnly: preHandlerAsyncHookHandler;
}

/** What staff read: the lists, a transcript, the metrics and (admins) the audit log. */
export function registerConsoleReads(app: FastifyInstance, options: ConsoleReadOptions): void {
  const { ports, now, anyStaff, adminOnly } = options;

  app.get('/api/console/conversations', { preHandler: anyStaff }, async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success)
      return reply
        .code(400)
        .send({ error: 'invalid_request', detail: query.error.issues[0]?.message });
    const { mode, channel, q } = query.data;
    const customerIds = q ? await customersMatching(ports, q) : undefined;
    const conversations = await ports.conversations.recentlyUpdated(50, {
      mode,
      channel,
      customerIds,
    });
    const customers = await customersById(
      ports,
      conversations.map((c) => c.customerId),
    );
    const at = now().getTime();
    return {
      conversations: conversations.map((c) => {
        const customer = c.customerId ? customers.get(c.customerId) : undefined;
        const last = [...(c.recent ?? [])].reverse().find((m) => m.role !== 'note');
        return {
          conversationId: c.conversationId,
          channel: c.channel,
          mode: c.mode,
          customerId: c.customerId,
          customerName: customer?.name ?? null,
          customerEmail: customer?.email ?? null,
          lastMessage: last ? { role: last.role, text: last.text.slice(0, 140) } : null,
          // How long the customer has waited for an answer, when the last word is theirs.
          waitingSeconds:
            last?.role === 'customer' ? Math.round((at - last.createdAt.getTime()) / 1000) : null,
          updatedAt: c.updatedAt.toISOString(),
        };
      }),
    };
  });

  app.get('/api/console/metrics', { preHandler: anyStaff }, async (request, reply) => {
    const query = metricsQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'invalid_request' });
    return readMetrics(ports, query.data.days, options.prices, now());
  });

  app.get('/api/console/escalations', { preHandler: anyStaff }, async () => {
    const at = now().getTime();
    const open = await ports.escalations.listOpen(100);
    const customers = await customersById(
      ports,
      open.map((e) => e.customerId),
    );
    return {
      escalations: open.map((e) => ({
        escalationId: e.escalationId,
        conversationId: e.conversationId,
        reason: e.reason,
        priority: e.priority,
        summary: e.summary,
        customerName: e.customerId ? (customers.get(e.customerId)?.name ?? null) : null,
        recentOrders: e.recentOrders,
        waitingSeconds: Math.round((at - e.createdAt.getTime()) / 1000),
      })),
    };
  });

  app.get('/api/console/conversations/:id', { preHandler: anyStaff }, async (request, reply) => {
    const params = idParam.safeParse(request.params);
    if (!params.success) return reply.code(400).send({ error: 'invalid_request' });
    const conversation = await ports.conversations.findById(params.data.id);
    if (!conversation) return reply.code(404).send({ error: 'not_found' });
    const customer = conversation.customerId
      ? await ports.commerce.customer(conversation.customerId)
      : null;
    return {
      conversation: {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        mode: conversation.mode,
        summary: conversation.summary,
      },
      customer: customer
        ? {
            customerId: customer.customerId,
            name: customer.name,
            email: customer.email,
            facts: await ports.profiles.facts(customer.customerId),
            orders: (await ports.commerce.ordersOf(customer.customerId, 5)).map((o) => ({
              orderNumber: o.orderNumber,
              status: o.status,
              placedAt: o.placedAt.toISOString(),
            })),
          }
        : null,
      escalation: await ports.escalations.findActive(conversation.conversationId),
      // How each episode ended, how often the customer came back, and what they rated.
      outcomes: (await ports.outcomes.of(conversation.conversationId)).map((o) => ({
        episode: o.episode,
        kind: o.kind,
        handoffReason: o.handoffReason,
        at: o.at.toISOString(),
      })),
      reopened: conversation.episode ?? 0,
      survey: await ports.surveys
        .find(conversation.conversationId)
        .then((s) =>
          s ? { rating: s.rating, comment: s.comment, askedAt: s.askedAt.toISOString() } : null,
        ),
      transcript: (await ports.messages.recent(conversation.conversationId, 200)).map((m) => ({
        role: m.role,
        text: m.text,
        at: m.createdAt.toISOString(),
        author: m.data?.author ?? null,
        toolCalls: (m.data && 'toolCalls' in m.data ? m.data.toolCalls : []).map((c) => ({
          name: c.name,
          error: c.error ?? null,
        })),
      })),
    };
  });

  app.get('/api/console/audit', { preHandler: adminOnly }, async () => ({
    entries: (await ports.auditLog.recent(200)).map((e) => ({ ...e, at: e.at.toISOString() })),
  }));
}
