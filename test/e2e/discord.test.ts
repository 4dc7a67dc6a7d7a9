import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { Order } from '../../src/domain/retail.js';
import {
  DISCORD_BOT_ID,
  DISCORD_GUILD_CHANNEL_ID,
  discordUser,
  FakeDiscord,
} from '../fakes/discord.js';
import { eventually } from '../fakes/loopback.js';
import { orderPicker, startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const discord = new FakeDiscord();
const pickOrder = orderPicker(() => app);

beforeAll(async () => {
  await discord.start();
  app = await startTestApp('discord', {
    DISCORD_BOT_TOKEN: 'MTAw.fake-token-for-tests.0123456789',
    DISCORD_API_URL: discord.apiUrl,
  });
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await discord.stop();
});

async function reply(channelId: string, count: number) {
  const record = await eventually(
    () => discord.messagesIn(channelId)[count - 1],
    `reply ${count} in ${channelId}`,
  );
  return record;
}

describe('Discord over the gateway', () => {
  it('identifies with the intents it needs, message content included', () => {
    const intents = Number(discord.identified?.intents);
    expect(intents & (1 << 15)).toBeTruthy(); // MESSAGE_CONTENT
    expect(intents & (1 << 12)).toBeTruthy(); // DIRECT_MESSAGES
  });

  it('answers a DM once, shows typing, and never pings anyone', async () => {
    const user = discordUser('400000000000000001');
    const id = discord.message({
      channelId: '500000000000000001',
      author: user,
      content: 'Hello @everyone',
    });
    const first = await reply('500000000000000001', 1);
    expect(String(first.body?.content)).toMatch(/^Hello! I can help/);
    expect(first.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(discord.rest.some((r) => r.path === '/channels/500000000000000001/typing')).toBe(true);
    // The gateway replays the same message (a resume): it is one message.
    discord.message({
      channelId: '500000000000000001',
      author: user,
      content: 'Hello @everyone',
      id,
    });
    discord.message({ channelId: '500000000000000001', author: user, content: 'thanks!' });
    expect(String((await reply('500000000000000001', 2)).body?.content)).toMatch(/welcome/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.messagesIn('500000000000000001')).toHaveLength(2);
  });

  it('answers in a guild channel only when mentioned, and ignores bots', async () => {
    const user = discordUser('400000000000000002');
    discord.message({
      channelId: DISCORD_GUILD_CHANNEL_ID,
      author: user,
      content: 'hello all',
      guild: true,
    });
    discord.message({
      channelId: DISCORD_GUILD_CHANNEL_ID,
      author: { ...discordUser('400000000000000003'), bot: true } as ReturnType<typeof discordUser>,
      content: `<@${DISCORD_BOT_ID}> hello`,
      guild: true,
      mentionsBot: true,
    });
    discord.message({
      channelId: DISCORD_GUILD_CHANNEL_ID,
      author: user,
      content: `<@${DISCORD_BOT_ID}> hello`,
      guild: true,
      mentionsBot: true,
    });
    expect(String((await reply(DISCORD_GUILD_CHANNEL_ID, 1)).body?.content)).toMatch(/^Hello!/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.messagesIn(DISCORD_GUILD_CHANNEL_ID)).toHaveLength(1);
  });

  it('drops malformed messages with a log line, answers an oversized one from its start, and keeps serving', async () => {
    const user = discordUser('400000000000000004');
    discord.dispatch('MESSAGE_CREATE', { id: 'not-a-snowflake', content: 42 });
    discord.message({
      channelId: '500000000000000004',
      author: user,
      content: 'z'.repeat(1024 * 1024),
    });
    discord.message({ channelId: '500000000000000004', author: user, content: 'Hello' });
    expect(String((await reply('500000000000000004', 1)).body?.content)).toMatch(
      /^Your message was very long, so I read only its first 4,000 characters\./,
    );
    expect(String((await reply('500000000000000004', 2)).body?.content)).toMatch(/^Hello!/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.messagesIn('500000000000000004')).toHaveLength(2);
  });

  it('waits out a 429 from Discord and sends the reply once', async () => {
    discord.rateLimitMessages(1);
    const user = discordUser('400000000000000005');
    discord.message({ channelId: '500000000000000005', author: user, content: 'Hello' });
    expect(String((await reply('500000000000000005', 1)).body?.content)).toMatch(/^Hello!/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(discord.messagesIn('500000000000000005')).toHaveLength(1);
  });
});

describe('a customer journey on Discord', () => {
  it('verifies, shows an order and product embeds, and cancels with a button', async () => {
    const { order, customer } = await pickOrder({ status: 'pending' });
    const channelId = '500000000000000010';
    const user = discordUser('400000000000000010');
    const say = (content: string) => discord.message({ channelId, author: user, content });
    say(`Hi, I'm ${customer.email} and my order number is ${order.orderNumber}`);
    expect(String((await reply(channelId, 1)).body?.content)).toMatch(/verified/);
    say(`where is order ${order.orderNumber}?`);
    expect(String((await reply(channelId, 2)).body?.content)).toContain(order.orderNumber);
    say('do you have hiking boots?');
    const embeds = (await reply(channelId, 3)).body?.embeds as {
      title: string;
      fields: { name: string; value: string }[];
    }[];
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds[0]?.fields.map((f) => f.name)).toEqual(['Price', 'Stock']);
    say(`please cancel order ${order.orderNumber}`);
    const proposal = await reply(channelId, 4);
    const rows = (proposal.body?.components ?? []) as {
      components: { custom_id: string; label: string }[];
    }[];
    const row = rows[0];
    const yes = row?.components.find((c) => c.custom_id.startsWith('concierge:confirm:'));
    expect(yes).toBeDefined();
    const interactionId = discord.press({
      channelId,
      user,
      customId: String(yes?.custom_id),
      message: discord.asMessage(proposal, channelId),
    });
    expect(String((await reply(channelId, 5)).body?.content)).toMatch(/is cancelled/);
    const stored = await app.store.db
      .collection<Order>('orders')
      .findOne({ orderNumber: order.orderNumber });
    expect(stored?.status).toBe('cancelled');
    const callback = await eventually(
      () => discord.rest.find((r) => r.path.startsWith(`/interactions/${interactionId}/`)),
      'the interaction to be answered',
    );
    expect(callback.body).toMatchObject({ type: 7, data: { components: [] } });
    expect(JSON.stringify(callback.body)).toContain('Yes, go ahead');
  });
});

describe('satisfaction survey on Discord', () => {
  it('asks once with buttons when the customer thanks the bot, and takes the press', async () => {
    const channelId = '500000000000000090';
    const user = discordUser('400000000000000090');
    const say = (content: string) => discord.message({ channelId, author: user, content });
    say('what is your return policy?');
    await reply(channelId, 1);
    say('thanks, that helps');
    const thanks = await reply(channelId, 2);
    expect(String(thanks.body?.content)).toMatch(/rate this conversation/);
    const rows = (thanks.body?.components ?? []) as {
      components: { custom_id: string; label: string; style: number }[];
    }[];
    const buttons = rows[0]?.components ?? [];
    expect(buttons.map((b) => b.custom_id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `concierge:rate_${n}:${n}`),
    );
    discord.press({
      channelId,
      user,
      customId: String(buttons[1]?.custom_id),
      message: discord.asMessage(thanks, channelId),
    });
    expect(String((await reply(channelId, 3)).body?.content)).toMatch(/Thank you for rating/);
    const surveys = await app.store.db
      .collection('surveys')
      .find({ channel: 'discord', rating: { $ne: null } })
      .toArray();
    expect(surveys).toMatchObject([{ rating: 2 }]);
    say('bye, thanks');
    const again = await reply(channelId, 4);
    expect(again.body?.components ?? []).toEqual([]);
  });
});
