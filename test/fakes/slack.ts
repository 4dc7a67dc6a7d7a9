import { createHmac, randomUUID } from 'node:crypto';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Loopback, sendJson, startLoopback } from './loopback.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** The message timestamp the fake gave a posted message. */
  ts?: string;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

/** Form fields as Slack's client sends them: objects and arrays travel as JSON strings. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return JSON.parse(body || '{}');
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A fake Slack Web API on 127.0.0.1: records every call, answers `auth.test` as bot UBOT,
 * gives each posted message a timestamp, and answers HTTP 429 with Retry-After when told to.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  private loopback: Loopback | undefined;
  private readonly limited = new Map<string, { times: number; retryAfterSeconds: number }>();
  private clock = 1_700_000_000_000;
  private socketServer: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly watchers: { match: (call: SlackCall) => boolean; resolve: () => void }[] = [];
  /** Envelope ids the Socket Mode client acknowledged. */
  readonly acks: string[] = [];
  /** Called as each Socket Mode acknowledgement arrives, with its envelope id. */
  onAck: ((envelopeId: string) => void) | undefined;

  /** The base address for SLACK_API_URL. */
  get apiUrl(): string {
    if (!this.loopback) throw new Error('the fake Slack is not started');
    return `${this.loopback.origin}/api/`;
  }

  async start(): Promise<this> {
    this.loopback = await startLoopback((request, body, response) => {
      const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const limit = this.limited.get(method);
      if (limit && limit.times > 0) {
        limit.times--;
        return sendJson(
          response,
          429,
          { ok: false, error: 'ratelimited' },
          {
            'retry-after': String(limit.retryAfterSeconds),
          },
        );
      }
      const args = parseArgs(body, request.headers['content-type']);
      const call: SlackCall = { method, args, at: Date.now() };
      this.calls.push(call);
      for (const watcher of this.watchers.filter((w) => w.match(call))) {
        this.watchers.splice(this.watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
      if (method === 'apps.connections.open')
        return sendJson(response, 200, {
          ok: true,
          url: `${this.loopback?.origin.replace('http', 'ws')}/socket`,
        });
      if (method === 'auth.test')
        return sendJson(response, 200, {
          ok: true,
          user_id: 'UBOT',
          bot_id: 'BBOT',
          team_id: 'T1',
        });
      if (method === 'chat.postMessage') {
        const ts = `${Math.floor(++this.clock / 1000)}.${String(this.clock % 1000).padStart(6, '0')}`;
        call.ts = ts;
        return sendJson(response, 200, {
          ok: true,
          channel: args.channel,
          ts,
          message: { ...args, ts },
        });
      }
      sendJson(response, 200, { ok: true });
    });
    // Socket Mode: the client opens this after apps.connections.open; hello, then envelopes.
    this.socketServer = new WebSocketServer({ server: this.loopback.server, path: '/socket' });
    this.socketServer.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const { envelope_id: envelopeId } = JSON.parse(String(data)) as { envelope_id?: string };
        if (!envelopeId) return;
        this.acks.push(envelopeId);
        this.onAck?.(envelopeId);
      });
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }),
      );
    });
    return this;
  }

  get socketConnected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Sends an Events API body over the Socket Mode connection; returns its envelope id. */
  pushEvent(body: Record<string, unknown>, type = 'events_api'): string {
    const envelopeId = randomUUID();
    this.socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload: body,
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return envelopeId;
  }

  /** The next `times` calls of `method` get HTTP 429. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void {
    this.limited.set(method, { times, retryAfterSeconds });
  }

  /** Resolves when a call matching `match` arrives (one made earlier does not count). */
  arrival(match: (call: SlackCall) => boolean): Promise<void> {
    return new Promise((resolve) => this.watchers.push({ match, resolve }));
  }

  posts(channel?: string): SlackCall[] {
    return this.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' && (channel === undefined || c.args.channel === channel),
    );
  }

  async stop(): Promise<void> {
    for (const client of this.socketServer?.clients ?? []) client.terminate();
    this.socketServer?.close();
    await this.loopback?.close();
  }
}

export const SLACK_SIGNING_SECRET = '8f742231b10e8888abcd99a0b1c285a5';

/** Headers of a request signed as Slack signs it: v0=HMAC-SHA256(secret, "v0:ts:body"). */
export function slackSignature(
  body: string,
  secret = SLACK_SIGNING_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** Posts an Events API callback carrying `event` to the app's /slack/events, signed. */
export function sendSlackEvent(
  appUrl: string,
  event: Record<string, unknown>,
  eventId = `Ev${randomUUID()}`,
): Promise<Response> {
  const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: eventId, event });
  return fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...slackSignature(body) },
    body,
  });
}
