import type { IncomingMessage } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Loopback, sendJson, startLoopback } from './loopback.js';

export const DISCORD_BOT_ID = '100000000000000001';
export const DISCORD_GUILD_ID = '200000000000000001';
export const DISCORD_GUILD_CHANNEL_ID = '200000000000000002';
const APPLICATION_ID = '100000000000000002';
const bot = {
  id: DISCORD_BOT_ID,
  username: 'concierge',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

export interface RecordedRest {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  /** The id the fake gave a created message. */
  id?: string;
}

let snowflake = 300_000_000_000_000_000n;
const nextId = () => String(++snowflake);

/** The fields every message object carries, as the API and the gateway send them. */
function messageObject(author: Record<string, unknown>, content: string) {
  return {
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}

export function discordUser(id: string, name = `customer${id.slice(-3)}`) {
  return { id, username: name, discriminator: '0', global_name: name, avatar: null };
}

/**
 * A fake Discord on 127.0.0.1: the REST API (gateway address, messages, typing, interaction
 * callbacks) and a gateway speaking JSON frames: HELLO, heartbeat ACKs, READY after IDENTIFY,
 * GUILD_CREATE for one guild, then whatever dispatches the test sends.
 */
export class FakeDiscord {
  readonly rest: RecordedRest[] = [];
  private loopback: Loopback | undefined;
  private gateway: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private sequence = 0;
  private limited = 0;
  identified: Record<string, unknown> | undefined;

  get apiUrl(): string {
    if (!this.loopback) throw new Error('the fake Discord is not started');
    return `${this.loopback.origin}/api`;
  }

  async start(): Promise<this> {
    this.loopback = await startLoopback((request, body, response) =>
      this.handleRest(request, body, response),
    );
    this.gateway = new WebSocketServer({ server: this.loopback.server });
    this.gateway.on('connection', (socket) => this.handleGateway(socket));
    return this;
  }

  /** The next `times` message creations get HTTP 429 with a one-second retry-after. */
  rateLimitMessages(times: number): void {
    this.limited = times;
  }

  private handleRest(
    request: IncomingMessage,
    raw: string,
    response: Parameters<typeof sendJson>[0],
  ) {
    const path = (request.url ?? '').replace(/^\/api\/v\d+/, '').split('?')[0] ?? '';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    if (path === '/gateway/bot')
      return sendJson(response, 200, {
        url: this.loopback?.origin.replace('http', 'ws'),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    const message = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (message && request.method === 'POST' && this.limited > 0) {
      this.limited--;
      return sendJson(
        response,
        429,
        { message: 'You are being rate limited.', retry_after: 1, global: false },
        { 'retry-after': '1', 'x-ratelimit-scope': 'user' },
      );
    }
    const record: RecordedRest = { method: request.method ?? 'GET', path, body };
    this.rest.push(record);
    if (message && request.method === 'POST') {
      record.id = nextId();
      return sendJson(response, 200, this.asMessage(record, message[1] ?? ''));
    }
    response.writeHead(204).end();
  }

  private send(frame: Record<string, unknown>): void {
    this.socket?.send(JSON.stringify(frame));
  }

  dispatch(event: string, data: Record<string, unknown>): void {
    this.send({ op: 0, t: event, s: ++this.sequence, d: data });
  }

  private handleGateway(socket: WebSocket): void {
    this.socket = socket;
    this.send({ op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      if (frame.op === 1) this.send({ op: 11 });
      if (frame.op === 2) {
        this.identified = frame.d;
        this.dispatch('READY', {
          v: 10,
          user: bot,
          guilds: [{ id: DISCORD_GUILD_ID, unavailable: true }],
          session_id: 'session-1',
          resume_gateway_url: this.loopback?.origin.replace('http', 'ws'),
          application: { id: APPLICATION_ID, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', {
          id: DISCORD_GUILD_ID,
          name: 'Shop support',
          owner_id: '1',
          unavailable: false,
          member_count: 2,
          large: false,
          joined_at: new Date().toISOString(),
          features: [],
          roles: [],
          emojis: [],
          stickers: [],
          members: [],
          presences: [],
          voice_states: [],
          threads: [],
          stage_instances: [],
          guild_scheduled_events: [],
          channels: [
            {
              id: DISCORD_GUILD_CHANNEL_ID,
              type: 0,
              name: 'support',
              position: 0,
              permission_overwrites: [],
            },
          ],
        });
      }
      if (frame.op === 6) this.dispatch('RESUMED', {});
    });
  }

  /** A customer's message, in a DM (no guild) or in the guild channel. */
  message(options: {
    channelId: string;
    author: ReturnType<typeof discordUser>;
    content: string;
    guild?: boolean;
    mentionsBot?: boolean;
    id?: string;
  }) {
    const id = options.id ?? nextId();
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: options.channelId,
      channel_type: options.guild ? 0 : 1,
      ...(options.guild
        ? {
            guild_id: DISCORD_GUILD_ID,
            member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false },
          }
        : {}),
      ...messageObject(options.author, options.content),
      mentions: options.mentionsBot ? [bot] : [],
    });
    return id;
  }

  /** A press of a button on one of the bot's messages. */
  press(options: {
    channelId: string;
    user: ReturnType<typeof discordUser>;
    customId: string;
    message: Record<string, unknown>;
  }) {
    const id = nextId();
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: APPLICATION_ID,
      type: 3,
      token: `token-${id}`,
      version: 1,
      channel_id: options.channelId,
      channel: { id: options.channelId, type: 1 },
      user: options.user,
      data: { custom_id: options.customId, component_type: 2 },
      message: options.message,
      locale: 'en-US',
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 1,
    });
    return id;
  }

  /** A message the bot created, as the gateway would show it inside an interaction. */
  asMessage(record: RecordedRest, channelId: string): Record<string, unknown> {
    return {
      id: record.id,
      channel_id: channelId,
      ...messageObject(bot, String(record.body?.content ?? '')),
      components: record.body?.components ?? [],
      embeds: record.body?.embeds ?? [],
    };
  }

  messagesIn(channelId: string): RecordedRest[] {
    return this.rest.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
    );
  }

  async stop(): Promise<void> {
    for (const client of this.gateway?.clients ?? []) client.terminate();
    this.gateway?.close();
    await this.loopback?.close();
  }
}
