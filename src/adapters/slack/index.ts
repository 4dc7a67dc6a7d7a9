import { App, isValidSlackRequest, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConciergeError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { type AdapterContext, type PlatformAdapter, receiveFromPlatform } from '../adapter.js';
import { afterPress, BUTTON_ACTION_PREFIX } from './blocks.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackConfig } from './env.js';
import {
  buttonConversationKey,
  customerMessage,
  slackButtonSchema,
  slackMessageEventSchema,
} from './inbound.js';
import { SlackSender } from './sender.js';
import { DurableSocketModeReceiver } from './socket-receiver.js';
import { StaffChannel } from './staff-channel.js';

const MAX_BODY_BYTES = 1024 * 1024;
const slackBody = z.record(z.string(), z.unknown());
const REJECTED_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
]);

/** Bolt hands events to us instead of running a server of its own: they arrive through Fastify. */
class FastifyReceiver implements Receiver {
  app: App | undefined;
  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    const json = contentType?.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(raw).get('payload')
      : raw;
    const body = slackBody.safeParse(json === null ? null : JSON.parse(json));
    return body.success ? body.data : null;
  } catch {
    return null;
  }
}

/** Slack signs a timestamp; a request further from now than this, either way, is a replay. */
const MAX_CLOCK_SKEW_S = 5 * 60;
/** An Events API envelope as the listeners expect it: its id is the dedupe key of its message. */
const eventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1).max(200),
  event: z.looseObject({ type: z.string() }),
});
/** Interactive payloads with a listener here: the buttons under a reply. */
const HANDLED_INTERACTIONS = new Set(['block_actions']);

/**
 * What to do with a verified body: hand it to Bolt, refuse it (400: an envelope Slack would
 * never send), or acknowledge and ignore it (a kind of payload this app has no use for).
 */
function triage(body: Record<string, unknown>): 'process' | 'malformed' | 'ignored' {
  if (body.type === 'event_callback')
    return eventCallback.safeParse(body).success ? 'process' : 'malformed';
  return typeof body.type === 'string' && HANDLED_INTERACTIONS.has(body.type)
    ? 'process'
    : 'ignored';
}

function registerEventsRoute(
  http: FastifyInstance,
  receiver: FastifyReceiver,
  signingSecret: string,
  logger: Logger,
): void {
  http.register(async (scope) => {
    // The signature covers the exact bytes Slack sent, so the body is kept as text.
    scope.addContentTypeParser(
      ['application/json', 'application/x-www-form-urlencoded'],
      { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post('/slack/events', async (request: FastifyRequest, reply: FastifyReply) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = header(request, 'x-slack-signature');
      const timestamp = Number(header(request, 'x-slack-request-timestamp'));
      const valid =
        signature !== undefined &&
        Number.isFinite(timestamp) &&
        Math.abs(Date.now() / 1000 - timestamp) <= MAX_CLOCK_SKEW_S &&
        isValidSlackRequest({
          signingSecret,
          body: raw,
          headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        });
      if (!valid) {
        logger.warn({ ip: request.ip }, 'Slack request with a bad signature or timestamp');
        return reply.code(401).send({ error: 'invalid_signature' });
      }
      const body = parseBody(raw, header(request, 'content-type'));
      if (!body) return reply.code(400).send({ error: 'invalid_body' });
      if (body.type === 'url_verification') return { challenge: String(body.challenge ?? '') };
      if (body.type === 'ssl_check') return reply.code(200).send();
      const triaged = triage(body);
      if (triaged === 'malformed') {
        logger.warn('refused a signed Slack event envelope without an event id or event');
        return reply.code(400).send({ error: 'invalid_body' });
      }
      if (triaged === 'ignored') {
        logger.info(
          { type: String(body.type).slice(0, 40) },
          'ignored a Slack payload of a kind this app does not use',
        );
        return reply.code(200).send();
      }
      const retryNum = Number(header(request, 'x-slack-retry-num'));
      let response: unknown;
      const event: ReceiverEvent = {
        body,
        ...(Number.isFinite(retryNum) ? { retryNum } : {}),
        retryReason: header(request, 'x-slack-retry-reason'),
        ack: async (value: unknown) => {
          response = value;
        },
      };
      // Listeners store the inbound event (the turn runs later) before this answers: nothing
      // is acknowledged unkept. When storing fails the error handler answers 5xx, and Slack
      // sends the event again.
      await receiver.app?.processEvent(event);
      return reply.code(200).send(response ?? '');
    });
  });
}

/** The Slack adapter: Events API at /slack/events, or Socket Mode with an app-level token. */
export async function startSlack(
  config: SlackConfig,
  context: AdapterContext,
): Promise<PlatformAdapter> {
  const { senders, logger: parentLogger, publicUrl } = context;
  const logger = parentLogger.child({ channel: 'slack' });
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // Rate limits come back to the outbox as "retry later" instead of stalling the client.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
  };
  const socketMode = Boolean(config.appToken);
  const receiver = new FastifyReceiver();
  const sdkLogger = boltLogger(logger);
  const app = new App({
    token: config.botToken,
    logger: sdkLogger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
    receiver: config.appToken
      ? new DurableSocketModeReceiver(
          { appToken: config.appToken, boltLogger: sdkLogger, clientOptions },
          logger,
        )
      : receiver,
  });
  await app.init();
  const identity = await app.client.auth.test().catch((error: { data?: { error?: string } }) => {
    const code = error.data?.error;
    if (code && REJECTED_TOKEN_ERRORS.has(code))
      throw new ConciergeError(
        ErrorCode.InvalidConfig,
        `SLACK_BOT_TOKEN was rejected by Slack (${code})`,
      );
    logger.warn({ err: error }, 'could not reach Slack to check the bot token; will retry on use');
    return null;
  });
  const botUserId = identity?.user_id;
  const sender = new SlackSender(app.client, publicUrl, logger);
  senders.register('slack', sender);

  const staffChannel =
    context.staff?.slackChannel &&
    new StaffChannel(app, context.staff.slackChannel, context.ports, context.staff.handoff, logger);
  if (staffChannel) staffChannel.register();
  const unsubscribe =
    staffChannel && context.staff ? staffChannel.listen(context.staff.feed) : null;

  app.event(/^(message|app_mention)$/, async ({ event, body }) => {
    if (staffChannel && 'channel' in event && staffChannel.owns(String(event.channel))) {
      // Slack retries what it thinks was missed: a staff reply is relayed once.
      const eventId = typeof body.event_id === 'string' ? body.event_id : null;
      if (
        !eventId ||
        (await context.ports.claims.claim(`slack-staff:${eventId}`, 'slack', new Date()))
      )
        await staffChannel.onMessage(event);
      return;
    }
    const parsed = slackMessageEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.info(
        { issues: parsed.error.issues.length },
        'ignored a Slack event of an unexpected shape',
      );
      return;
    }
    const message = customerMessage(parsed.data, botUserId);
    if (!message) return;
    if (!message.text) return;
    // The event id is the dedupe key: a message's ts is unique only within its channel.
    if (typeof body.event_id !== 'string' || body.event_id === '') {
      logger.warn('ignored a Slack message event without an event id');
      return;
    }
    const eventId = body.event_id;
    await receive(
      message.conversationKey,
      parsed.data.user,
      message.text,
      `slack:${eventId}`,
      parsed.data.ts,
    );
  });

  app.action(new RegExp(`^${BUTTON_ACTION_PREFIX}`), async ({ ack, body, client }) => {
    await ack();
    const parsed = slackButtonSchema.safeParse(body);
    if (!parsed.success) {
      logger.info('ignored a Slack button press of an unexpected shape');
      return;
    }
    const press = parsed.data;
    const [action] = press.actions;
    if (!action) return;
    // One answer per message of buttons and person: a double click is one message.
    const eventKey = `slack:button:${press.channel.id}:${press.message.ts}:${press.user.id}`;
    const received = await receive(
      buttonConversationKey(press),
      press.user.id,
      action.value,
      eventKey,
    );
    if (!received || !press.message.blocks) return;
    void client.chat
      .update({
        channel: press.channel.id,
        ts: press.message.ts,
        text: press.message.text ?? action.value,
        blocks: afterPress(press.message.blocks, action.text?.text ?? action.value),
      })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'could not update the pressed buttons'),
      );
  });

  const receive = (
    conversationKey: string,
    user: string,
    text: string,
    eventKey: string,
    ts?: string,
  ) =>
    receiveFromPlatform(context, logger, {
      channel: 'slack',
      conversationKey,
      platformUserId: user,
      text,
      eventKey,
      ...(ts ? { platformMessageId: ts } : {}),
    });

  if (!socketMode) {
    if (!config.signingSecret)
      throw new ConciergeError(ErrorCode.InvalidConfig, 'SLACK_SIGNING_SECRET is not set');
    registerEventsRoute(context.http, receiver, config.signingSecret, logger);
  }
  logger.info(
    { mode: socketMode ? 'socket' : 'events-api', botUserId, staffChannel: Boolean(staffChannel) },
    'Slack adapter ready',
  );
  return {
    name: 'slack',
    async connect() {
      if (socketMode) await app.start();
    },
    async stop() {
      unsubscribe?.();
      if (socketMode) await app.stop();
    },
  };
}
