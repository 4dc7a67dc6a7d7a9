import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { Order } from '../../src/domain/retail.js';
import { eventually } from '../fakes/loopback.js';
import { FakeSlack, SLACK_SIGNING_SECRET, slackSignature } from '../fakes/slack.js';
import { orderPicker, startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const slack = new FakeSlack();
const pickOrder = orderPicker(() => app);

beforeAll(async () => {
  await slack.start();
  app = await startTestApp('slack', {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await slack.stop();
});

let clock = 1_700_000_000;
const nextTs = () => `${++clock}.000100`;

async function postSigned(body: string, contentType: string, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignature(body), ...headers },
    body,
  });
}

function eventBody(event: Record<string, unknown>, eventId = `Ev${randomUUID()}`) {
  return JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: eventId,
    event_time: clock,
    event,
  });
}

/** A DM from `user` in `channel`; resolves with the HTTP status Slack would see. */
async function dm(channel: string, user: string, text: string, eventId?: string, retry?: number) {
  const ts = nextTs();
  const body = eventBody(
    { type: 'message', channel, channel_type: 'im', user, text, ts, event_ts: ts },
    eventId,
  );
  const response = await postSigned(
    body,
    'application/json',
    retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {},
  );
  return { status: response.status, ts };
}

/** A channel message that mentions the bot, starting a thread. */
async function mention(channel: string, user: string, text: string) {
  const ts = nextTs();
  const body = eventBody({ type: 'app_mention', channel, user, text: `<@UBOT> ${text}`, ts });
  const response = await postSigned(body, 'application/json');
  return { status: response.status, ts };
}

/** Waits for the `count`-th reply posted in `channel` and returns it. */
async function reply(channel: string, count: number) {
  const post = await eventually(
    () => slack.posts(channel)[count - 1],
    `reply ${count} in ${channel}`,
  );
  return post.args as {
    text: string;
    blocks: { type: string; [k: string]: unknown }[];
    thread_ts?: string;
  };
}

describe('satisfaction survey on Slack', () => {
  it('asks once with Block Kit buttons when the customer thanks the bot, and takes the press', async () => {
    const channel = 'D900';
    await dm(channel, 'U900', 'what is your return policy?');
    await reply(channel, 1);
    await dm(channel, 'U900', 'thanks, that helps');
    const thanks = await reply(channel, 2);
    expect(thanks.text).toMatch(/rate this conversation/);
    const actions = thanks.blocks.find((b) => b.type === 'actions') as
      | { elements: { action_id: string; value: string; text: { text: string } }[] }
      | undefined;
    expect(actions?.elements.map((e) => e.action_id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `concierge:rate_${n}`),
    );
    const four = actions?.elements.find((e) => e.action_id === 'concierge:rate_4');
    const postedTs = slack.posts(channel)[1]?.ts;
    const payload = {
      type: 'block_actions',
      user: { id: 'U900' },
      channel: { id: channel },
      team: { id: 'T1' },
      api_app_id: 'A1',
      trigger_id: 't9',
      container: { type: 'message', message_ts: postedTs, channel_id: channel },
      message: { ts: postedTs, text: thanks.text, blocks: thanks.blocks },
      actions: [
        { ...four, type: 'button', block_id: 'concierge_quick_replies', action_ts: nextTs() },
      ],
    };
    const form = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    expect((await postSigned(form, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await reply(channel, 3)).text).toMatch(/Thank you for rating/);
    const surveys = await app.store.db
      .collection('surveys')
      .find({ channel: 'slack', rating: { $ne: null } })
      .toArray();
    expect(surveys).toMatchObject([{ rating: 4 }]);
    // Thanked again later: answered, never asked again.
    await dm(channel, 'U900', 'where do you ship to?');
    await reply(channel, 4);
    await dm(channel, 'U900', 'thank you!');
    const again = await reply(channel, 5);
    expect(again.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('Slack Events API', () => {
  it('answers url_verification with the challenge, signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const response = await postSigned(body, 'application/json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('rejects bad signatures and stale timestamps without answering', async () => {
    const body = eventBody({
      type: 'message',
      channel: 'DBAD',
      channel_type: 'im',
      user: 'U9',
      text: 'hi',
      ts: nextTs(),
    });
    const forged = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...slackSignature(body, 'ffffffffffffffffffffffffffffffff'),
      },
      body,
    });
    expect(forged.status).toBe(401);
    const stale = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...slackSignature(body, SLACK_SIGNING_SECRET, Math.floor(Date.now() / 1000) - 6 * 60),
      },
      body,
    });
    expect(stale.status).toBe(401);
    const future = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...slackSignature(body, SLACK_SIGNING_SECRET, Math.floor(Date.now() / 1000) + 6 * 60),
      },
      body,
    });
    expect(future.status).toBe(401);
    const unsigned = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts('DBAD')).toHaveLength(0);
  });

  it('answers a DM once, with a working reaction, even when Slack retries the event', async () => {
    const eventId = `Ev${randomUUID()}`;
    const first = await dm('D100', 'U100', 'Hello', eventId);
    expect(first.status).toBe(200);
    const answer = await reply('D100', 1);
    expect(answer.text).toMatch(/^Hello! I can help/);
    expect(answer.thread_ts).toBeUndefined();
    expect((await dm('D100', 'U100', 'Hello', eventId, 1)).status).toBe(200);
    expect((await dm('D100', 'U100', 'Hello', eventId, 2)).status).toBe(200);
    await dm('D100', 'U100', 'thanks!');
    expect((await reply('D100', 2)).text).toMatch(/welcome/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts('D100')).toHaveLength(2);
    const reactions = slack.calls.filter(
      (c) => c.args.channel === 'D100' && c.method.startsWith('reactions.'),
    );
    expect(reactions.map((c) => c.method)).toContain('reactions.add');
    expect(reactions.map((c) => c.method)).toContain('reactions.remove');
    expect(reactions[0]?.args).toMatchObject({
      timestamp: first.ts,
      name: 'hourglass_flowing_sand',
    });
  });

  it("answers a mention in a channel in its thread, and ignores its own and other bots' messages", async () => {
    const { status, ts } = await mention('C200', 'U200', 'hello there');
    expect(status).toBe(200);
    const answer = await reply('C200', 1);
    expect(answer.thread_ts).toBe(ts);
    expect(answer.text).toMatch(/^Hello!/);
    const own = eventBody({
      type: 'message',
      channel: 'D201',
      channel_type: 'im',
      user: 'UBOT',
      bot_id: 'BBOT',
      text: 'Hello!',
      ts: nextTs(),
    });
    expect((await postSigned(own, 'application/json')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts('D201')).toHaveLength(0);
  });

  it('drops malformed payloads with a 4xx or a log line, and keeps serving', async () => {
    expect((await postSigned('{not json', 'application/json')).status).toBe(400);
    expect((await postSigned('[1,2]', 'application/json')).status).toBe(400);
    const wrongTypes = eventBody({
      type: 'message',
      channel: 42,
      channel_type: 'im',
      user: ['U1'],
      text: null,
      ts: 'x',
    });
    expect((await postSigned(wrongTypes, 'application/json')).status).toBe(200);
    const missing = eventBody({ type: 'message', channel_type: 'im' });
    expect((await postSigned(missing, 'application/json')).status).toBe(200);
    const huge = eventBody({
      type: 'message',
      channel: 'D300',
      channel_type: 'im',
      user: 'U300',
      text: 'x'.repeat(1024 * 1024),
      ts: nextTs(),
    });
    expect((await postSigned(huge, 'application/json')).status).toBe(413);
    // Signed, but not what Slack sends for an event: refused, or acknowledged and ignored.
    const envelopes = [
      [JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: null }), 400],
      [JSON.stringify({ type: 'event_callback', event_id: 'Ev2' }), 400],
      [JSON.stringify({ type: 'event_callback', event_id: 7, event: { type: 'message' } }), 400],
      [JSON.stringify({ type: 'event_callback', event_id: 'Ev3', event: 'message' }), 400],
      [JSON.stringify({ type: 'shortcut', callback_id: 'x', trigger_id: '1' }), 200],
      [JSON.stringify({ type: 'view_submission', view: null }), 200],
      [JSON.stringify({ token: 'x' }), 200],
    ] as const;
    for (const [body, status] of envelopes)
      expect((await postSigned(body, 'application/json')).status, body).toBe(status);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('answers a message over 4,000 characters from its start, and says so', async () => {
    const long = eventBody({
      type: 'message',
      channel: 'D300',
      channel_type: 'im',
      user: 'U300',
      text: `Where is my order? ${'please tell me more '.repeat(300)}`,
      ts: nextTs(),
    });
    expect((await postSigned(long, 'application/json')).status).toBe(200);
    expect((await reply('D300', 1)).text).toMatch(
      /^Your message was very long, so I read only its first 4,000 characters\./,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts('D300')).toHaveLength(1);
  });

  it('waits out a rate limit and still posts the reply exactly once', async () => {
    slack.rateLimit('chat.postMessage', 1, 1);
    await dm('D400', 'U400', 'Hello');
    expect((await reply('D400', 1)).text).toMatch(/^Hello!/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.posts('D400')).toHaveLength(1);
  });
});

describe('a customer journey on Slack', () => {
  it('verifies, shows an order and a product card, and cancels with a button press', async () => {
    const { order, customer } = await pickOrder({ status: 'pending' });
    const channel = 'D500';
    await dm(
      channel,
      'U500',
      `Hi, I'm <mailto:${customer.email}|${customer.email}> and my order number is ${order.orderNumber}`,
    );
    expect((await reply(channel, 1)).text).toMatch(/verified/);
    await dm(channel, 'U500', `where is order ${order.orderNumber}?`);
    expect((await reply(channel, 2)).text).toContain(order.orderNumber);
    await dm(channel, 'U500', 'do you have hiking boots?');
    const products = await reply(channel, 3);
    const cards = products.blocks.filter((b) => b.type === 'section').slice(1);
    expect(cards.length).toBeGreaterThan(0);
    expect(JSON.stringify(cards[0])).toMatch(
      /\$\d+\.\d\d · :(large_green|large_yellow|red)_circle:/,
    );

    await dm(channel, 'U500', `please cancel order ${order.orderNumber}`);
    const proposal = await reply(channel, 4);
    expect(proposal.text).toMatch(/confirm/i);
    const actions = proposal.blocks.find((b) => b.type === 'actions') as
      | { elements: { action_id: string; value: string; text: { text: string } }[] }
      | undefined;
    const yes = actions?.elements.find((e) => e.action_id === 'concierge:confirm');
    expect(yes?.value).toBe('yes');
    const postedTs = slack.posts(channel)[3]?.ts;
    expect(postedTs).toBeDefined();
    const payload = {
      type: 'block_actions',
      user: { id: 'U500' },
      channel: { id: channel },
      team: { id: 'T1' },
      api_app_id: 'A1',
      trigger_id: 't1',
      container: { type: 'message', message_ts: postedTs, channel_id: channel },
      message: { ts: postedTs, text: proposal.text, blocks: proposal.blocks },
      actions: [
        { ...yes, type: 'button', block_id: 'concierge_quick_replies', action_ts: nextTs() },
      ],
    };
    const form = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    expect((await postSigned(form, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await reply(channel, 5)).text).toMatch(/is cancelled/);
    const stored = await app.store.db
      .collection<Order>('orders')
      .findOne({ orderNumber: order.orderNumber });
    expect(stored?.status).toBe('cancelled');
    const update = await eventually(
      () => slack.calls.find((c) => c.method === 'chat.update' && c.args.channel === channel),
      'the pressed buttons to be replaced',
    );
    expect(update.args.ts).toBe(postedTs);
    expect(JSON.stringify(update.args.blocks)).not.toContain('"actions"');
    expect(JSON.stringify(update.args.blocks)).toContain('Yes, go ahead');
    // The same press again is the same event: no second answer.
    expect((await postSigned(form, 'application/x-www-form-urlencoded')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts(channel)).toHaveLength(5);

    // The link to the customer is remembered: a new thread by the same person starts verified.
    const { ts } = await mention('C500', 'U500', 'show me my orders');
    const orders = await reply('C500', 1);
    expect(orders.thread_ts).toBe(ts);
    expect(orders.text).toContain(order.orderNumber);
  });
});
