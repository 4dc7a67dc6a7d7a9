import { randomUUID } from 'node:crypto';
import { type Loopback, sendJson, startLoopback } from './loopback.js';

export interface ConnectorCall {
  conversationId: string;
  replyToId: string | undefined;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
}

/**
 * A fake Bot Framework connector on 127.0.0.1: records the activities a bot sends to
 * POST /v3/conversations/{id}/activities[/{replyToId}] and gives each an id. While `down`
 * it answers 503, as a connector in an outage does.
 */
export class FakeTeamsConnector {
  readonly calls: ConnectorCall[] = [];
  down = false;
  private loopback: Loopback | undefined;

  /** The serviceUrl activities carry. */
  get serviceUrl(): string {
    if (!this.loopback) throw new Error('the fake connector is not started');
    return `${this.loopback.origin}/`;
  }

  async start(): Promise<this> {
    this.loopback = await startLoopback((request, body, response) => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(
        request.url ?? '',
      );
      if (!match || request.method !== 'POST')
        return sendJson(response, 404, { error: { code: 'NotFound' } });
      if (this.down) return sendJson(response, 503, { error: { code: 'ServiceUnavailable' } });
      this.calls.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
        activity: JSON.parse(body),
      });
      sendJson(response, 200, { id: randomUUID() });
    });
    return this;
  }

  messages(conversationId: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.conversationId === conversationId && c.activity.type === 'message',
    );
  }

  async stop(): Promise<void> {
    await this.loopback?.close();
  }
}

/** A message activity as Teams posts it to a bot's /api/messages. */
export function teamsMessage(options: {
  serviceUrl: string;
  conversationId: string;
  userId: string;
  text?: string;
  value?: Record<string, unknown>;
  replyToId?: string;
  id?: string;
}) {
  return {
    type: 'message',
    id: options.id ?? randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${options.userId}`, name: 'Customer', aadObjectId: options.userId },
    conversation: { id: options.conversationId, conversationType: 'personal', tenantId: 't1' },
    recipient: { id: '28:bot', name: 'Concierge' },
    textFormat: 'plain',
    locale: 'en-US',
    ...(options.text !== undefined ? { text: options.text } : {}),
    ...(options.value ? { value: options.value } : {}),
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    channelData: { tenant: { id: 't1' } },
  };
}
