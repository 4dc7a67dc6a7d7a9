import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { Order } from '../../src/domain/retail.js';
import { eventually } from '../fakes/loopback.js';
import { FakeTeamsConnector, teamsMessage } from '../fakes/teams.js';
import { orderPicker, startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const connector = new FakeTeamsConnector();
const pickOrder = orderPicker(() => app);
const TEAMS_ENV = { TEAMS_ENABLED: 'true' };

beforeAll(async () => {
  await connector.start();
  app = await startTestApp('teams', TEAMS_ENV);
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await connector.stop();
});

async function post(body: unknown, raw?: string) {
  return fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
}

function say(
  conversationId: string,
  text: string,
  extra: Partial<Parameters<typeof teamsMessage>[0]> = {},
) {
  return post(
    teamsMessage({
      serviceUrl: connector.serviceUrl,
      conversationId,
      userId: `aad-${conversationId}`,
      text,
      ...extra,
    }),
  );
}

async function reply(conversationId: string, count: number) {
  return eventually(
    () => connector.messages(conversationId)[count - 1],
    `reply ${count} in ${conversationId}`,
  );
}

describe('Teams through the Bot Framework', () => {
  it('answers a message with typing first, and once when the activity is sent again', async () => {
    const id = randomUUID();
    expect((await say('a:conv-1', 'Hello', { id })).status).toBe(200);
    const answer = await reply('a:conv-1', 1);
    expect(answer.activity.text).toMatch(/^Hello! I can help/);
    expect(
      connector.calls.some((c) => c.conversationId === 'a:conv-1' && c.activity.type === 'typing'),
    ).toBe(true);
    expect((await say('a:conv-1', 'Hello', { id })).status).toBe(200);
    await say('a:conv-1', 'thanks!');
    expect((await reply('a:conv-1', 2)).activity.text).toMatch(/welcome/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.messages('a:conv-1')).toHaveLength(2);
  });

  it('strips the bot mention in a channel', async () => {
    await say('19:channel@thread.tacv2;messageid=1', '<at>Concierge</at> hello');
    expect((await reply('19:channel@thread.tacv2;messageid=1', 1)).activity.text).toMatch(
      /^Hello!/,
    );
  });

  it('rejects malformed activities with a 4xx and keeps serving', async () => {
    expect((await post(null, '{oops')).status).toBe(400);
    expect((await post({ type: 'message', text: 'hi' })).status).toBe(400);
    expect(
      (
        await post({
          ...teamsMessage({
            serviceUrl: connector.serviceUrl,
            conversationId: 'a:bad',
            userId: 'u',
          }),
          conversation: 7,
        })
      ).status,
    ).toBe(400);
    expect((await say('a:bad', 'x'.repeat(1024 * 1024))).status).toBe(413);
    // Over 4,000 characters: answered from its start, saying so, rather than dropped.
    expect((await say('a:bad', 'y'.repeat(5000))).status).toBe(200);
    const clipped = await eventually(() => connector.messages('a:bad')[0], 'the clipped answer');
    expect(JSON.stringify(clipped)).toContain('Your message was very long');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.messages('a:bad')).toHaveLength(1);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('a customer journey on Teams', () => {
  it('verifies, shows an order and product cards, and cancels with a card button', async () => {
    const { order, customer } = await pickOrder({ status: 'pending' });
    const conversation = 'a:journey';
    await say(
      conversation,
      `Hi, I'm ${customer.email} and my order number is ${order.orderNumber}`,
    );
    expect((await reply(conversation, 1)).activity.text).toMatch(/verified/);
    await say(conversation, `where is order ${order.orderNumber}?`);
    expect((await reply(conversation, 2)).activity.text).toContain(order.orderNumber);
    await say(conversation, 'do you have hiking boots?');
    const products = (await reply(conversation, 3)).activity.attachments ?? [];
    expect(products.length).toBeGreaterThan(0);
    expect(products[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(products[0]?.content)).toMatch(/\$\d+\.\d\d/);
    await say(conversation, `please cancel order ${order.orderNumber}`);
    const proposal = await reply(conversation, 4);
    const actions = (proposal.activity.attachments?.at(-1)?.content.actions ?? []) as {
      title: string;
      data: Record<string, unknown>;
    }[];
    const yes = actions.find((a) => a.data.conciergeReply === 'confirm');
    expect(yes?.data).toEqual({ conciergeText: 'yes', conciergeReply: 'confirm' });
    await say(conversation, '', { value: yes?.data, replyToId: 'card-1' });
    expect((await reply(conversation, 5)).activity.text).toMatch(/is cancelled/);
    const stored = await app.store.db
      .collection<Order>('orders')
      .findOne({ orderNumber: order.orderNumber });
    expect(stored?.status).toBe('cancelled');
    // The same press again is the same event.
    await say(conversation, '', { value: yes?.data, replyToId: 'card-1' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.messages(conversation)).toHaveLength(5);
  });
});

describe('satisfaction survey on Teams', () => {
  it('asks once with an Adaptive Card when the customer thanks the bot, and takes the press', async () => {
    const conversation = 'a:survey';
    await say(conversation, 'what is your return policy?');
    await reply(conversation, 1);
    await say(conversation, 'thanks, that helps');
    const thanks = await reply(conversation, 2);
    expect(thanks.activity.text).toMatch(/rate this conversation/);
    const card = thanks.activity.attachments?.at(-1);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const actions = (card?.content.actions ?? []) as {
      type: string;
      data: Record<string, unknown>;
    }[];
    expect(actions.map((a) => [a.type, a.data.conciergeReply])).toEqual(
      [1, 2, 3, 4, 5].map((n) => ['Action.Submit', `rate_${n}`]),
    );
    await say(conversation, '', { value: actions[4]?.data, replyToId: 'card-survey' });
    expect((await reply(conversation, 3)).activity.text).toMatch(/Thank you for rating/);
    const surveys = await app.store.db
      .collection('surveys')
      .find({ channel: 'teams', rating: { $ne: null } })
      .toArray();
    expect(surveys).toMatchObject([{ rating: 5 }]);
    // The same press again is the same event: no second answer.
    await say(conversation, '', { value: actions[4]?.data, replyToId: 'card-survey' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.messages(conversation)).toHaveLength(3);
  });
});

describe('proactive delivery after a restart', () => {
  it('sends a reply stored before the restart from the stored conversation reference', async () => {
    connector.down = true;
    await say('a:restart', 'Hello');
    await eventually(
      async () =>
        (
          await app.store.db
            .collection('outbox')
            .findOne({ conversationKey: 'a:restart|aad-a:restart' })
        )?.lastError,
      'a failed delivery',
    );
    const dbName = app.store.db.databaseName;
    await app.stop();
    connector.down = false;
    expect(connector.messages('a:restart')).toHaveLength(0);
    app = await startTestApp('teams', TEAMS_ENV, dbName);
    const answer = await eventually(
      () => connector.messages('a:restart')[0],
      'the reply after the restart',
      20_000,
    );
    expect(answer.activity.text).toMatch(/^Hello!/);
  }, 60_000);
});

describe('Teams with an app id', () => {
  it('rejects activities without a valid Bot Framework token', async () => {
    const secured = await startTestApp('teams_secured', {
      MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000042',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    });
    try {
      const activity = teamsMessage({
        serviceUrl: connector.serviceUrl,
        conversationId: 'a:secured',
        userId: 'u',
        text: 'Hello',
      });
      const anonymous = await fetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(anonymous.status).toBe(401);
      const forged = await fetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
        body: JSON.stringify(activity),
      });
      expect(forged.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(connector.messages('a:secured')).toHaveLength(0);
    } finally {
      await secured.store.db.dropDatabase();
      await secured.stop();
    }
  }, 60_000);
});
