import type { RunningApp } from '../../src/app.js';
import { hashPassword } from '../../src/console/passwords.js';
import type { StaffRole } from '../../src/domain/staff.js';

// Clients of a running app for tests and benchmarks (no test-runner imports here).

export const STAFF_PASSWORD = 'a long enough password';

/** Staff users who sign in with STAFF_PASSWORD. */
export async function addStaff(app: RunningApp, users: readonly (readonly [string, StaffRole])[]) {
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  for (const [username, role] of users) {
    await app.store.staffUsers.create({
      username,
      displayName: username,
      passwordHash,
      role,
      createdAt: new Date(),
      disabled: false,
    });
  }
}

/** A signed-in staff member: their session cookie, and a fetch that sends it and the CSRF token. */
export async function staffSession(app: RunningApp, username: string) {
  const response = await fetch(`${app.url}/api/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: STAFF_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`${username} could not sign in: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { cookie, csrfToken, call };
}

/** A web chat visitor of the running app: says things through the customer API. */
export async function webVisitor(app: RunningApp) {
  const { sessionId } = (await (
    await fetch(`${app.url}/api/chat/sessions`, { method: 'POST' })
  ).json()) as { sessionId: string };
  let sent = 0;
  return {
    sessionId,
    async say(text: string) {
      const response = await fetch(`${app.url}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId, text, clientMessageId: `m${++sent}` }),
      });
      if (response.status !== 202) throw new Error(`web chat answered ${response.status}`);
    },
  };
}
