import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole, StaffSession } from '../domain/staff.js';
import type { Ports } from '../ports/index.js';

export const SESSION_COOKIE = 'concierge_staff';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_HOURS = 12;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function cookieValue(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

/** HttpOnly, SameSite=Strict, and Secure whenever the console is served over https. */
export function sessionCookie(token: string, secure: boolean, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A preHandler that lets through only a signed-in staff member with one of `roles` (401
 * without a session, 403 for another role), and, for changes, only with the session's CSRF
 * token in the `x-csrf-token` header (403 otherwise).
 */
/** The session of each request that passed `requireStaff`, for the route it guards. */
const staffSessions = new WeakMap<FastifyRequest, StaffSession>();

export function requireStaff(ports: Ports, roles: readonly StaffRole[], now: () => Date) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = cookieValue(request, SESSION_COOKIE);
    const session = token ? await ports.staffSessions.find(token, now()) : null;
    if (!session) return reply.code(401).send({ error: 'not_signed_in' });
    if (!roles.includes(session.role)) return reply.code(403).send({ error: 'forbidden' });
    if (UNSAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken)
      return reply.code(403).send({ error: 'csrf_token_missing_or_wrong' });
    staffSessions.set(request, session);
  };
}

export function staffOf(request: FastifyRequest): StaffSession {
  const staff = staffSessions.get(request);
  if (!staff) throw new Error('route is missing requireStaff');
  return staff;
}
