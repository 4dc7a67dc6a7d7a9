import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { addStaff, STAFF_PASSWORD } from '../helpers/app-clients.js';
import { startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const PASSWORD = STAFF_PASSWORD;

beforeAll(async () => {
  app = await startTestApp('console_auth', { SEED_ON_EMPTY: 'false' });
  await addStaff(app, [
    ['ada', 'admin'],
    ['bob', 'agent'],
    ['eve', 'agent'],
  ]);
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
});

async function signIn(username: string, password = PASSWORD) {
  const response = await fetch(`${app.url}/api/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as { csrfToken?: string; role?: string; error?: string };
  return { status: response.status, cookie, session: cookie.split(';')[0] ?? '', body };
}

const get = (path: string, session?: string) =>
  fetch(`${app.url}${path}`, { headers: session ? { cookie: session } : {} });

describe('staff console sign-in and permissions', () => {
  it('answers 401 without a session on every console route, and 403 to a change without the CSRF token', async () => {
    const routes = [
      ['GET', '/api/console/me'],
      ['GET', '/api/console/conversations'],
      ['GET', '/api/console/conversations?q=NW-100001'],
      ['GET', '/api/console/conversations/x'],
      ['GET', '/api/console/escalations'],
      ['GET', '/api/console/events'],
      ['GET', '/api/console/metrics'],
      ['GET', '/api/console/audit'],
      ['POST', '/api/console/logout'],
      ['POST', '/api/console/escalations/x/take'],
      ['POST', '/api/console/conversations/x/reply'],
      ['POST', '/api/console/conversations/x/notes'],
      ['POST', '/api/console/conversations/x/hand-back'],
      ['POST', '/api/console/conversations/x/close'],
    ] as const;
    const bob = await signIn('bob');
    for (const [method, path] of routes) {
      expect((await fetch(`${app.url}${path}`, { method })).status, path).toBe(401);
      const forged = await fetch(`${app.url}${path}`, {
        method,
        headers: { cookie: 'concierge_staff=forged-token' },
      });
      expect(forged.status, path).toBe(401);
      if (method === 'POST')
        expect(
          (await fetch(`${app.url}${path}`, { method, headers: { cookie: bob.session } })).status,
          path,
        ).toBe(403);
    }
  });

  it('signs in with a session cookie that scripts cannot read, and says who is signed in', async () => {
    const { status, cookie, session, body } = await signIn('bob');
    expect(status).toBe(200);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(body.role).toBe('agent');
    const me = await get('/api/console/me', session);
    const view = (await me.json()) as { channels: string[] };
    expect(view).toMatchObject({ username: 'bob', role: 'agent', storeName: expect.any(String) });
    expect(view.channels).toContain('webchat');
    // The page sets itself up from either answer: signing in must say all a reload says.
    expect(body).toEqual(view);
    expect((await get('/api/console/conversations', session)).status).toBe(200);
  });

  it('keeps the audit log for admins: 403 for an agent', async () => {
    const agent = await signIn('bob');
    expect((await get('/api/console/audit', agent.session)).status).toBe(403);
    const admin = await signIn('ada');
    const audit = await get('/api/console/audit', admin.session);
    expect(audit.status).toBe(200);
    const { entries } = (await audit.json()) as { entries: { actor: string; action: string }[] };
    expect(entries.some((e) => e.actor === 'bob' && e.action === 'sign_in')).toBe(true);
  });

  it("refuses a change without the session's CSRF token", async () => {
    const { session, body } = await signIn('bob');
    const withoutToken = await fetch(`${app.url}/api/console/logout`, {
      method: 'POST',
      headers: { cookie: session },
    });
    expect(withoutToken.status).toBe(403);
    const wrongToken = await fetch(`${app.url}/api/console/logout`, {
      method: 'POST',
      headers: { cookie: session, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrongToken.status).toBe(403);
    expect((await get('/api/console/me', session)).status).toBe(200);
    const right = await fetch(`${app.url}/api/console/logout`, {
      method: 'POST',
      headers: { cookie: session, 'x-csrf-token': String(body.csrfToken) },
    });
    expect(right.status).toBe(200);
    expect((await get('/api/console/me', session)).status).toBe(401);
  });

  it('says the same for a wrong password and an unknown user, and slows down guessing', async () => {
    const unknown = await signIn('mallory', 'whatever password');
    const wrong = await signIn('eve', 'not the password');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
    for (let i = 0; i < 4; i++) await signIn('eve', `guess ${i}`);
    const blocked = await signIn('eve', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.cookie).toBe('');
    expect((await signIn('bob')).status).toBe(200);
    // Slowed down, not locked: after the wait it names, the right password works.
    const wait = (blocked.body as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 200));
    expect((await signIn('eve', PASSWORD)).status).toBe(200);
    const admin = await signIn('ada');
    const audit = (await (await get('/api/console/audit', admin.session)).json()) as {
      entries: { actor: string; action: string }[];
    };
    expect(
      audit.entries.filter((e) => e.actor === 'eve' && e.action === 'sign_in_failed'),
    ).toHaveLength(5);
  });

  it('rejects malformed sign-in requests with 400', async () => {
    const response = await fetch(`${app.url}/api/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 42 }),
    });
    expect(response.status).toBe(400);
  });
});
