import { once } from 'node:events';
import {
  type ButtonInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Partials,
  RateLimitError,
  Routes,
} from 'discord.js';
import {
  type ChannelSender,
  isPermanentStatus,
  PermanentDeliveryError,
  RetryLaterError,
} from '../../conversation/senders.js';
import type { OutboundMessage } from '../../domain/outbound.js';
import { type AdapterContext, type PlatformAdapter, receiveFromPlatform } from '../adapter.js';
import { channelOfKey, discordConversationKey, plainDiscordText } from './conversation-key.js';
import type { DiscordConfig } from './env.js';
import { renderDiscordReply, textOfButton } from './render.js';

const READY_TIMEOUT_MS = 30_000;

/** Sends replies through Discord's REST API; the gateway connection is only for receiving. */
class DiscordSender implements ChannelSender {
  constructor(
    private readonly client: Client,
    private readonly publicUrl: string | null,
  ) {}

  async typing(conversationKey: string): Promise<void> {
    await this.client.rest.post(Routes.channelTyping(channelOfKey(conversationKey)));
  }

  async deliver(message: OutboundMessage): Promise<void> {
    const channel = channelOfKey(message.conversationKey);
    try {
      for (const body of renderDiscordReply(message, this.publicUrl)) {
        await this.client.rest.post(Routes.channelMessages(channel), { body });
      }
    } catch (error) {
      if (error instanceof RateLimitError)
        throw new RetryLaterError('Discord rate limited the reply', error.retryAfter);
      // Missing access, an unknown channel: sending again cannot succeed.
      if (error instanceof DiscordAPIError && isPermanentStatus(error.status))
        throw new PermanentDeliveryError(
          `Discord refused the reply: ${error.message}`,
          error.status,
        );
      throw error;
    }
  }
}

/** The Discord adapter: DMs and mentions in guild channels, over the gateway. */
export async function startDiscord(
  config: DiscordConfig,
  context: AdapterContext,
): Promise<PlatformAdapter> {
  const { senders, publicUrl } = context;
  const logger = context.logger.child({ channel: 'discord' });
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    // Without the partial channel, discord.js never emits DMs from uncached channels.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      // A rate limit goes back to the outbox, which waits it out, instead of queueing forever.
      rejectOnRateLimit: () => true,
      retries: 2,
      timeout: 15_000,
    },
  });
  senders.register('discord', new DiscordSender(client, publicUrl));

  const receive = (conversationKey: string, user: string, text: string, eventKey: string) =>
    receiveFromPlatform(context, logger, {
      channel: 'discord',
      conversationKey,
      platformUserId: user,
      text,
      eventKey,
    });

  async function onMessage(message: Message): Promise<void> {
    const botId = client.user?.id;
    if (message.author.bot || message.system || !botId) return;
    if (message.guildId && !message.mentions.users.has(botId)) return;
    await receive(
      discordConversationKey(message.channelId, message.author.id),
      message.author.id,
      plainDiscordText(message.content),
      `discord:${message.id}`,
    );
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const text = textOfButton(interaction.customId);
    if (!text) return;
    const accepted = await receive(
      discordConversationKey(interaction.channelId, interaction.user.id),
      interaction.user.id,
      text,
      // One answer per message of buttons and person: a double click is one message.
      `discord:button:${interaction.message.id}:${interaction.user.id}`,
    );
    const chosen = ('label' in interaction.component && interaction.component.label) || text;
    await interaction.update({
      content: accepted
        ? `${interaction.message.content}\n\n✅ ${chosen}`.slice(0, 2000)
        : interaction.message.content,
      components: [],
      allowedMentions: { parse: [], repliedUser: false },
    });
  }

  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) =>
      logger.error({ err: error, messageId: message.id }, 'could not take a Discord message'),
    );
  });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isButton()) return;
    onButton(interaction).catch((error: unknown) =>
      logger.error({ err: error }, 'could not take a Discord button press'),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));

  return {
    name: 'discord',
    async connect() {
      const ready = once(client, Events.ClientReady, {
        signal: AbortSignal.timeout(READY_TIMEOUT_MS),
      });
      await client.login(config.botToken);
      await ready;
      logger.info({ botUserId: client.user?.id }, 'Discord adapter connected');
    },
    async stop() {
      await client.destroy();
    },
  };
}
