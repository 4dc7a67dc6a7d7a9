import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { eventually } from '../fakes/loopback.js';
import { spoolFileFor } from '../helpers/spool-file.js';
import { testDbName } from '../helpers/test-store.js';

let app: RunningApp;
beforeAll(async () => {
  const dbName = testDbName('webchat');
  const config = parseConfig({
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: dbName,
    PORT: '0',
    SPOOL_FILE: spoolFileFor(dbName),
  });
  app = await startApp({
    config,
    env: {},
    logger: createLogger({ level: 'silent', format: 'json' }),
  });
  await app.prepared;
}, 120_000);
afterAll(async () => {
  await app.store.db.dropDatabase();
  await app.stop();
});

/** Reads server-sent events from the chat stream until `until` says stop. */
async function readEvents(
  sessionId: string,
  until: (events: { event: string; data: unknown }[]) => boolean,
) {
  const response = await fetch(`${app.url}/api/chat/events?sessionId=${sessionId}`);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body?.getReader();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  const done = (async () => {
    while (reader && !until(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += new TextDecoder().decode(value);
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    await reader?.cancel();
    return events;
  })();
  return done;
}

async function post(path: string, body?: unknown) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('web chat over HTTP', () => {
  it('serves the customer page without any external resource, under a strict CSP', async () => {
    const response = await fetch(`${app.url}/`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<form id="form">');
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline/);
    // Nothing inline for the CSP to forbid: the script and styles are files of this origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=/i);
    for (const asset of html.matchAll(/(?:src|href)="(\/chat\/assets\/[^"]+)"/g)) {
      const file = await fetch(`${app.url}${asset[1]}`);
      expect(file.status, asset[1]).toBe(200);
      expect(file.headers.get('content-security-policy')).toBe(csp);
    }
    expect((await fetch(`${app.url}/chat/assets/../../config.ts`)).status).toBe(404);
  });

  it('stores a hash of the session id, never the bearer id itself', async () => {
    const { sessionId } = (await (await post('/api/chat/sessions')).json()) as {
      sessionId: string;
    };
    const sent = await post('/api/chat/messages', {
      sessionId,
      text: 'hello',
      clientMessageId: 'hash-1',
    });
    expect(sent.status).toBe(202);
    // Read back with the bearer id itself, once the turn has stored the messages.
    const history = await eventually(async () => {
      const read = (await (
        await fetch(`${app.url}/api/chat/messages?sessionId=${sessionId}`)
      ).json()) as { messages: { role: string }[] };
      return read.messages.length >= 2 ? read.messages : null;
    }, 'the stored conversation');
    expect(history.map((m) => m.role)).toEqual(['customer', 'bot']);
    for (const name of ['inbound_events', 'conversations', 'messages', 'outbox']) {
      const stored = await app.store.db.collection(name).find({}).toArray();
      expect(JSON.stringify(stored), name).not.toContain(sessionId);
    }
  });

  it('answers a message over server-sent events, with typing first and product cards', async () => {
    const { sessionId } = (await (await post('/api/chat/sessions')).json()) as {
      sessionId: string;
    };
    const events = readEvents(sessionId, (list) => list.some((e) => e.event === 'message'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = await post('/api/chat/messages', {
      sessionId,
      text: 'waterproof hiking boots under $150',
      clientMessageId: 'm-1',
    });
    expect(sent.status).toBe(202);
    const received = await events;
    expect(received[0]?.event).toBe('typing');
    const message = received.find((e) => e.event === 'message')?.data as {
      text: string;
      cards: { imageUrl: string }[];
    };
    expect(message.text).toMatch(/Here's what I found/);
    expect(message.cards.length).toBeGreaterThan(0);
    const image = await fetch(`${app.url}${message.cards[0]?.imageUrl}`);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');

    const history = (await (
      await fetch(`${app.url}/api/chat/messages?sessionId=${sessionId}`)
    ).json()) as { messages: { role: string }[] };
    expect(history.messages.map((m) => m.role)).toEqual(['customer', 'bot']);
  });

  it('answers a resent message (same client message id) once', async () => {
    const { sessionId } = (await (await post('/api/chat/sessions')).json()) as {
      sessionId: string;
    };
    const body = { sessionId, text: 'hello', clientMessageId: 'same' };
    expect(await (await post('/api/chat/messages', body)).json()).toEqual({ status: 'accepted' });
    expect(await (await post('/api/chat/messages', body)).json()).toEqual({ status: 'duplicate' });
    const deadline = Date.now() + 10_000;
    let roles: string[] = [];
    while (Date.now() < deadline && roles.length < 2) {
      const history = (await (
        await fetch(`${app.url}/api/chat/messages?sessionId=${sessionId}`)
      ).json()) as { messages: { role: string }[] };
      roles = history.messages.map((m) => m.role);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(roles).toEqual(['customer', 'bot']);
  });

  it('slows down a session that sends faster than a person types', async () => {
    const { sessionId } = (await (await post('/api/chat/sessions')).json()) as {
      sessionId: string;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await post('/api/chat/messages', {
        sessionId,
        text: 'thanks',
        clientMessageId: `flood-${i}`,
      });
      statuses.push(response.status);
      if (response.status === 429)
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('rejects malformed requests with 400 and a reason', async () => {
    const bad = await post('/api/chat/messages', {
      sessionId: 'short',
      text: '',
      clientMessageId: '../x',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { details: string[] };
    expect(body.details.join(' ')).toMatch(/sessionId: expected the sessionId/);
    expect(
      (
        await post('/api/chat/messages', {
          sessionId: 'a'.repeat(32),
          text: 'x'.repeat(4001),
          clientMessageId: 'm',
        })
      ).status,
    ).toBe(400);
    const invalidJson = await fetch(`${app.url}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(invalidJson.status).toBe(400);
    expect((await fetch(`${app.url}/api/chat/events?sessionId=nope`)).status).toBe(400);
  });
});
