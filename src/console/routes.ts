import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ConsoleFeed, FeedEvent } from '../conversation/console-feed.js';
import type { Handoff, HandoffResult } from '../conversation/handoff.js';
import { eventStreams } from '../server/event-stream.js';
import { RateLimiter } from '../server/rate-limit.js';
import { CHANNELS } from '../store/repositories/platform-identities.js';
import type { Store } from '../store/store.js';
import { registerConsoleAssets } from './assets.js';
import {
  cookieValue,
  newToken,
  requireStaff,
  SESSION_COOKIE,
  SESSION_HOURS,
  sessionCookie,
  staffOf,
} from './auth.js';
import { readMetrics, type TokenPrices } from './metrics.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
const LOGIN_WINDOW_MS = 15 * 60_000;
const staffText = z.object({
  text: z.string().trim().min(1, 'the message is empty').max(4000, 'the message is too long'),
});
const idParam = z.object({ id: z.string().min(1).max(128) });
const listQuery = z.object({
  mode: z.enum(['bot', 'queued', 'human', 'closed']).optional(),
  channel: z.enum(CHANNELS).optional(),
  q: z.string().trim().max(100, 'the search is too long').optional(),
});
const metricsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });
const ORDER_NUMBER = /^[a-z]{2}-\d{3,}$/i;

/** The customers a staff search names: by order number, or by part of a name or email. */
async function customersMatching(store: Store, q: string): Promise<string[]> {
  if (ORDER_NUMBER.test(q)) {
    const order = await store.orders.findByNumber(q.toUpperCase());
    return order ? [order.customerId] : [];
  }
  return (await store.customers.search(q, 50)).map((c) => c.customerId);
}

const STATUS: Record<string, number> = {
  not_found: 404,
  already_taken: 409,
  not_yours: 403,
  not_with_a_person: 409,
  already_closed: 409,
};

function answer(reply: FastifyReply, result: HandoffResult) {
  return result.ok
    ? { ok: true }
    : reply.code(STATUS[result.error] ?? 400).send({ error: result.error });
}

export interface ConsoleOptions {
  store: Store;
  handoff: Handoff;
  feed: ConsoleFeed;
  /** Secure cookies when the console is reached over https. */
  secureCookies: boolean;
  /** What the LLM costs, for the metrics page. */
  prices: TokenPrices;
  now?: () => Date;
  /** Failed sign-ins allowed per username and per address in 15 minutes. */
  loginAttempts?: number;
}

/**
 * The staff console's API: sign-in and sign-out, who am I, and the first staff-only reads.
 * Every route but sign-in needs a session; changes need the session's CSRF token too; the
 * audit log is for admins.
 */
export function registerConsole(app: FastifyInstance, options: ConsoleOptions): void {
  const { store, secureCookies, handoff, feed } = options;
  const events = eventStreams(app);
  const now = options.now ?? (() => new Date());
  const attempts = options.loginAttempts ?? 5;
  // Counts failures only: a staff member who signs in right is never slowed down.
  const failuresPerUser = new RateLimiter(attempts, LOGIN_WINDOW_MS);
  const failuresPerAddress = new RateLimiter(attempts * 4, LOGIN_WINDOW_MS);
  const anyStaff = requireStaff(store, ['agent', 'admin'], now);
  const adminOnly = requireStaff(store, ['admin'], now);

  registerConsoleAssets(app);

  app.post('/api/console/login', async (request, reply) => {
    const body = loginBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_request' });
    const { username, password } = body.data;
    const blocked = Math.max(failuresPerUser.peek(username), failuresPerAddress.peek(request.ip));
    if (blocked > 0)
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(blocked / 1000)))
        .send({ error: 'too_many_attempts' });
    const user = await store.staffUsers.findByUsername(username);
    // The same work whether or not the user exists, so timing tells nothing.
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || user.disabled) {
      failuresPerUser.take(username);
      failuresPerAddress.take(request.ip);
      request.log.warn({ username, ip: request.ip }, 'staff sign-in failed');
      return reply.code(401).send({ error: 'wrong_username_or_password' });
    }
    const token = newToken();
    const csrfToken = newToken();
    const at = now();
    await store.staffSessions.create(token, {
      username: user.username,
      role: user.role,
      csrfToken,
      createdAt: at,
      expiresAt: new Date(at.getTime() + SESSION_HOURS * 3_600_000),
    });
    await store.auditLog.append({
      at,
      actor: user.username,
      action: 'sign_in',
      conversationId: null,
      details: {},
    });
    return reply
      .header('set-cookie', sessionCookie(token, secureCookies, SESSION_HOURS * 3600))
      .send({ username: user.username, displayName: user.displayName, role: user.role, csrfToken });
  });

  app.post('/api/console/logout', { preHandler: anyStaff }, async (request, reply) => {
    const token = cookieValue(request, SESSION_COOKIE);
    if (token) await store.staffSessions.delete(token);
    await store.auditLog.append({
      at: now(),
      actor: staffOf(request).username,
      action: 'sign_out',
      conversationId: null,
      details: {},
    });
    return reply.header('set-cookie', sessionCookie('', secureCookies, 0)).send({ ok: true });
  });

  app.get('/api/console/me', { preHandler: anyStaff }, async (request) => {
    const { username, role, csrfToken } = staffOf(request);
    return { username, role, csrfToken };
  });

  app.get('/api/console/conversations', { preHandler: anyStaff }, async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success)
      return reply
        .code(400)
        .send({ error: 'invalid_request', detail: query.error.issues[0]?.message });
    const { mode, channel, q } = query.data;
    const customerIds = q ? await customersMatching(store, q) : undefined;
    const conversations = await store.conversations.recentlyUpdated(50, {
      mode,
      channel,
      customerIds,
    });
    const customers = new Map(
      (
        await store.customers.findByIds(
          conversations.flatMap((c) => (c.customerId ? [c.customerId] : [])),
        )
      ).map((c) => [c.customerId, c]),
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
    return readMetrics(store, query.data.days, options.prices, now());
  });

  app.get('/api/console/escalations', { preHandler: anyStaff }, async () => {
    const at = now().getTime();
    const open = await store.escalations.listOpen(100);
    const names = new Map(
      (
        await store.customers.findByIds(open.flatMap((e) => (e.customerId ? [e.customerId] : [])))
      ).map((c) => [c.customerId, c.name]),
    );
    return {
      escalations: open.map((e) => ({
        escalationId: e.escalationId,
        conversationId: e.conversationId,
        reason: e.reason,
        priority: e.priority,
        summary: e.summary,
        customerName: e.customerId ? (names.get(e.customerId) ?? null) : null,
        recentOrders: e.recentOrders,
        waitingSeconds: Math.round((at - e.createdAt.getTime()) / 1000),
      })),
    };
  });

  app.get('/api/console/conversations/:id', { preHandler: anyStaff }, async (request, reply) => {
    const params = idParam.safeParse(request.params);
    if (!params.success) return reply.code(400).send({ error: 'invalid_request' });
    const conversation = await store.conversations.findById(params.data.id);
    if (!conversation) return reply.code(404).send({ error: 'not_found' });
    const customer = conversation.customerId
      ? await store.customers.findById(conversation.customerId)
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
            facts: await store.profiles.facts(customer.customerId),
            orders: (await store.orders.listForCustomer(customer.customerId, 5)).map((o) => ({
              orderNumber: o.orderNumber,
              status: o.status,
              placedAt: o.placedAt.toISOString(),
            })),
          }
        : null,
      escalation: await store.escalations.findActive(conversation.conversationId),
      transcript: (await store.messages.recent(conversation.conversationId, 200)).map((m) => ({
        role: m.role,
        text: m.text,
        at: m.createdAt.toISOString(),
        author: m.data?.author ?? null,
        toolCalls: (
          (m.data?.toolCalls as { name: string; error?: string }[] | undefined) ?? []
        ).map((c) => ({ name: c.name, error: c.error ?? null })),
      })),
    };
  });

  app.post(
    '/api/console/escalations/:id/take',
    { preHandler: anyStaff },
    async (request, reply) => {
      const params = idParam.safeParse(request.params);
      if (!params.success) return reply.code(400).send({ error: 'invalid_request' });
      return answer(reply, await handoff.take(params.data.id, staffOf(request)));
    },
  );

  for (const kind of ['reply', 'notes'] as const) {
    app.post(
      `/api/console/conversations/:id/${kind}`,
      { preHandler: anyStaff },
      async (request, reply) => {
        const params = idParam.safeParse(request.params);
        const body = staffText.safeParse(request.body);
        if (!params.success || !body.success)
          return reply.code(400).send({ error: 'invalid_request' });
        const act = kind === 'reply' ? handoff.reply.bind(handoff) : handoff.note.bind(handoff);
        return answer(reply, await act(params.data.id, staffOf(request), body.data.text));
      },
    );
  }

  for (const [path, act] of [
    ['hand-back', handoff.handBack.bind(handoff)],
    ['close', handoff.close.bind(handoff)],
  ] as const) {
    app.post(
      `/api/console/conversations/:id/${path}`,
      { preHandler: anyStaff },
      async (request, reply) => {
        const params = idParam.safeParse(request.params);
        if (!params.success) return reply.code(400).send({ error: 'invalid_request' });
        return answer(reply, await act(params.data.id, staffOf(request)));
      },
    );
  }

  /** Server-sent events: every message (notes included) and mode change, as it happens. */
  app.get('/api/console/events', { preHandler: anyStaff }, async (request, reply) => {
    events.open<FeedEvent>(request, reply, (send) => feed.subscribe(send));
  });

  app.get('/api/console/audit', { preHandler: adminOnly }, async () => ({
    entries: (await store.auditLog.recent(200)).map((e) => ({ ...e, at: e.at.toISOString() })),
  }));
}
