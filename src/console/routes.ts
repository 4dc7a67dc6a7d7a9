import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Handoff, HandoffResult } from '../conversation/handoff.js';
import { SIGN_IN_PER_ADDRESS, SIGN_IN_PER_USER_AND_ADDRESS } from '../domain/attempt-limit.js';
import type { Channel } from '../domain/channel.js';
import type { Retailer } from '../domain/retailer.js';
import type { StaffRole } from '../domain/staff.js';
import type { DescriptionDrafting } from '../merchandising/description-drafts.js';
import type { Feed, FeedEvent } from '../ports/feed.js';
import type { Ports } from '../ports/index.js';
import type { DataLifecycle } from '../ports/lifecycle.js';
import { eventStreams } from '../server/event-stream.js';
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
import { registerInsightsRoutes } from './insights-routes.js';
import { registerKnowledgeRoutes } from './knowledge-routes.js';
import type { TokenPrices } from './metrics.js';
import { idParam } from './params.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { registerPrivacyRoutes } from './privacy-routes.js';
import { registerProductRoutes } from './product-routes.js';
import { registerConsoleReads } from './read-routes.js';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
const staffText = z.object({
  text: z.string().trim().min(1, 'the message is empty').max(4000, 'the message is too long'),
});
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
  ports: Ports;
  retailer: Retailer;
  /** The channels of the platform registry, for the console's filter. */
  channels: readonly Channel[];
  handoff: Handoff;
  feed: Feed;
  /** Secure cookies when the console is reached over https. */
  secureCookies: boolean;
  /** What the LLM costs, for the metrics page. */
  prices: TokenPrices;
  /** Told when an article is published in the console. */
  onArticlePublished?: () => void;
  /** Product description drafts (admins only); the routes are absent without it. */
  drafting?: DescriptionDrafting;
  /** A customer's export and erasure (admins only); the routes are absent without it. */
  lifecycle?: DataLifecycle;
  now?: () => Date;
}

/**
 * The staff console's API: sign-in and sign-out, who am I, and the first staff-only reads.
 * Every route but sign-in needs a session; changes need the session's CSRF token too; the
 * audit log is for admins.
 */
export function registerConsole(app: FastifyInstance, options: ConsoleOptions): void {
  const { ports, secureCookies, handoff, feed } = options;
  const events = eventStreams(app);
  const now = options.now ?? (() => new Date());
  // Counts failures only, per (username, address) and per address: a wrong guess slows the
  // next one from there down, and never locks the account for its owner elsewhere.
  const signInKeys = (username: string, ip: string) => {
    const address = createHash('sha256').update(ip).digest('base64url');
    return [
      { key: `sign-in:${username}|${address}`, policy: SIGN_IN_PER_USER_AND_ADDRESS },
      { key: `sign-in:|${address}`, policy: SIGN_IN_PER_ADDRESS },
    ];
  };
  const anyStaff = requireStaff(ports, ['agent', 'admin'], now);
  const adminOnly = requireStaff(ports, ['admin'], now);

  // Sign-in and a reload answer alike, so the page sets itself up the same way after either.
  const sessionView = (username: string, role: StaffRole, csrfToken: string) => ({
    username,
    role,
    csrfToken,
    storeName: options.retailer.storeName,
    channels: options.channels,
  });

  registerConsoleAssets(app);
  registerConsoleReads(app, { ports, prices: options.prices, now, anyStaff, adminOnly });
  registerInsightsRoutes(app, { ports, anyStaff, now });
  if (options.drafting) registerProductRoutes(app, { drafting: options.drafting, adminOnly });
  if (options.lifecycle)
    registerPrivacyRoutes(app, { ports, lifecycle: options.lifecycle, now, adminOnly });
  registerKnowledgeRoutes(app, {
    ports,
    now,
    anyStaff,
    adminOnly,
    onPublished: options.onArticlePublished ?? (() => {}),
  });

  app.post('/api/console/login', async (request, reply) => {
    const body = loginBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_request' });
    const { username, password } = body.data;
    const keys = signInKeys(username, request.ip);
    const started = now();
    const waitUntil = await ports.attempts.waitUntil(keys, started);
    if (waitUntil) {
      const seconds = Math.max(1, Math.ceil((waitUntil.getTime() - started.getTime()) / 1000));
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .send({ error: 'too_many_attempts', retryAfterSeconds: seconds });
    }
    const user = await ports.staffUsers.findByUsername(username);
    // The same work whether or not the user exists, so timing tells nothing.
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || user.disabled) {
      await ports.attempts.take(keys, started);
      const delayed = await ports.attempts.waitUntil(keys, started);
      const delaySeconds = delayed ? Math.ceil((delayed.getTime() - started.getTime()) / 1000) : 0;
      request.log.warn({ username, ip: request.ip, delaySeconds }, 'staff sign-in failed');
      await ports.auditLog.append({
        at: started,
        actor: username,
        action: 'sign_in_failed',
        conversationId: null,
        details: { delaySeconds },
      });
      return reply.code(401).send({ error: 'wrong_username_or_password' });
    }
    const token = newToken();
    const csrfToken = newToken();
    const at = now();
    await ports.staffSessions.create(token, {
      username: user.username,
      role: user.role,
      csrfToken,
      createdAt: at,
      expiresAt: new Date(at.getTime() + SESSION_HOURS * 3_600_000),
    });
    await ports.auditLog.append({
      at,
      actor: user.username,
      action: 'sign_in',
      conversationId: null,
      details: {},
    });
    return reply
      .header('set-cookie', sessionCookie(token, secureCookies, SESSION_HOURS * 3600))
      .send(sessionView(user.username, user.role, csrfToken));
  });

  app.post('/api/console/logout', { preHandler: anyStaff }, async (request, reply) => {
    const token = cookieValue(request, SESSION_COOKIE);
    if (token) await ports.staffSessions.delete(token);
    await ports.auditLog.append({
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
    return sessionView(username, role, csrfToken);
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
}
