import {
  type Activity,
  type Request as BotRequest,
  type Response as BotResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import {
  type ChannelSender,
  isPermanentStatus,
  PermanentDeliveryError,
  RetryLaterError,
} from '../../conversation/senders.js';
import type { OutboundMessage } from '../../domain/outbound.js';
import type { AdapterPorts } from '../adapter.js';
import { type AdapterContext, type PlatformAdapter, receiveFromPlatform } from '../adapter.js';
import { renderTeamsReply } from './cards.js';
import type { TeamsConfig } from './env.js';
import {
  type TeamsActivity,
  teamsActivitySchema,
  teamsConversationKey,
  teamsCustomerText,
} from './inbound.js';

/** What botbuilder writes to its response, kept to be sent through Fastify afterwards. */
class CapturedResponse implements BotResponse {
  socket = null;
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown) {
    this.headers[name] = String(value);
    return this;
  }
  send(body?: unknown) {
    this.body = body;
    return this;
  }
  end() {
    return this;
  }
}

const failedCall = z.object({ statusCode: z.number().int() });

function statusOf(error: unknown): number | null {
  const parsed = failedCall.safeParse(error);
  return parsed.success ? parsed.data.statusCode : null;
}

function retryAfterMs(error: unknown): number | null {
  if (statusOf(error) !== 429) return null;
  const header = (
    error as { response?: { headers?: { get(name: string): string | undefined } } }
  ).response?.headers?.get('retry-after');
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5000;
}

/**
 * Replies to Teams are always proactive: from the conversation reference stored when the
 * customer wrote, so an answer after a restart, or a person's reply hours later, still arrives.
 */
class TeamsSender implements ChannelSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly ports: Pick<AdapterPorts, 'deliveryAddresses'>,
    private readonly publicUrl: string | null,
  ) {}

  private async send(conversationKey: string, activities: Partial<Activity>[]): Promise<void> {
    const reference = await this.ports.deliveryAddresses.find('teams', conversationKey);
    if (!reference) throw new Error('no stored Teams conversation reference');
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          for (const activity of activities) await context.sendActivity(activity);
        },
      );
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait !== null) throw new RetryLaterError('Teams rate limited the reply', wait);
      const status = statusOf(error);
      // The bot was removed, the conversation is gone, or its credentials are refused.
      if (status !== null && isPermanentStatus(status))
        throw new PermanentDeliveryError(`Teams refused the reply (HTTP ${status})`, status);
      throw error;
    }
  }

  typing(conversationKey: string): Promise<void> {
    return this.send(conversationKey, [{ type: 'typing' }]);
  }

  deliver(message: OutboundMessage): Promise<void> {
    return this.send(message.conversationKey, renderTeamsReply(message, this.publicUrl));
  }
}

/** The Teams adapter: Bot Framework activities at /api/messages through botbuilder's CloudAdapter. */
export async function startTeams(
  config: TeamsConfig,
  context: AdapterContext,
): Promise<PlatformAdapter> {
  const { http, senders, ports, publicUrl } = context;
  const logger = context.logger.child({ channel: 'teams' });
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppTenantId: config.tenantId ?? '',
    MicrosoftAppType: config.appType,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_turn, error) => {
    logger.error({ err: error }, 'Teams turn failed');
    throw error;
  };
  if (!config.appId)
    logger.warn(
      'Teams runs WITHOUT authentication (no MICROSOFT_APP_ID): anyone who can reach /api/messages can write as any user and make the bot send replies to any address. Use this only with the Bot Framework Emulator on your own machine.',
    );
  senders.register('teams', new TeamsSender(adapter, config.appId ?? '', ports, publicUrl));

  async function onActivity(turn: TurnContext, activity: TeamsActivity): Promise<void> {
    if (activity.type !== 'message') return;
    const conversationKey = teamsConversationKey(activity);
    const { text, button } = teamsCustomerText(activity);
    if (!text) return;
    const eventKey = button
      ? // One answer per card of buttons and person: a double click is one message.
        `teams:button:${activity.replyToId ?? activity.id}:${activity.from.id}`
      : `teams:${activity.conversation.id}:${activity.id}`;
    await ports.deliveryAddresses.save(
      'teams',
      conversationKey,
      TurnContext.getConversationReference(turn.activity) as Record<string, unknown>,
      new Date(),
    );
    await receiveFromPlatform(context, logger, {
      channel: 'teams',
      conversationKey,
      platformUserId: activity.from.aadObjectId ?? activity.from.id,
      text,
      eventKey,
    });
  }

  http.post('/api/messages', { bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const parsed = teamsActivitySchema.safeParse(request.body);
    if (!parsed.success) {
      logger.warn(
        { issues: parsed.error.issues.map((i) => i.path.join('.')) },
        'rejected a malformed Teams activity',
      );
      return reply.code(400).send({ error: 'invalid_activity' });
    }
    const botRequest: BotRequest = {
      body: request.body as Record<string, unknown>,
      headers: request.headers as BotRequest['headers'],
      method: request.method,
    };
    const response = new CapturedResponse();
    // The turn only stores the message, so Teams gets its 200 quickly; the reply goes out
    // proactively once the agent has answered.
    await adapter.process(botRequest, response, (turn) => onActivity(turn, parsed.data));
    return reply
      .code(response.statusCode)
      .headers(response.headers)
      .send(response.body ?? '');
  });

  logger.info({ authenticated: Boolean(config.appId) }, 'Teams adapter ready at /api/messages');
  return { name: 'teams', async connect() {}, async stop() {} };
}
