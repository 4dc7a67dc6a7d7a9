import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../fakes/loopback.js';
import { FakeSlack, SLACK_SIGNING_SECRET, sendSlackEvent, slackSignature } from '../fakes/slack.js';
import { addStaff, staffSession } from '../helpers/app-clients.js';
import { startTestApp } from '../helpers/running-app.js';

const STAFF_CHANNEL = 'CSTAFF001';
let app: RunningApp;
const slack = new FakeSlack();

beforeAll(async () => {
  await slack.start();
  app = await startTestApp('staff_slack', {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    STAFF_SLACK_CHANNEL: STAFF_CHANNEL,
  });
  await addStaff(app, [['ben', 'agent']]);
  await app.store.db
    .collection('staff_users')
    .updateOne({ username: 'ben' }, { $set: { slackUserId: 'USTAFF1', displayName: 'Ben' } });
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await slack.stop();
});

let clock = 1_700_100_000;
const nextTs = () => `${++clock}.000200`;

async function postSigned(body: string, contentType = 'application/json') {
  const response = await fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignature(body) },
    body,
  });
  expect(response.status).toBe(200);
}

async function message(event: Record<string, unknown>, eventId?: string) {
  const ts = nextTs();
  const response = await sendSlackEvent(
    app.url,
    { type: 'message', ts, event_ts: ts, ...event },
    eventId,
  );
  expect(response.status).toBe(200);
}

const customerSays = (text: string, channel = 'DCUST900') =>
  message({ channel, channel_type: 'im', user: `U${channel.slice(1)}`, text });
const staffReplies = (user: string, threadTs: string, text: string, eventId?: string) =>
  message(
    { channel: STAFF_CHANNEL, channel_type: 'channel', user, text, thread_ts: threadTs },
    eventId,
  );

async function press(user: string, actionId: string, value: string, messageTs: string) {
  const payload = {
    type: 'block_actions',
    user: { id: user },
    channel: { id: STAFF_CHANNEL },
    team: { id: 'T1' },
    container: { type: 'message', message_ts: messageTs, channel_id: STAFF_CHANNEL },
    message: { ts: messageTs, text: 'Escalation' },
    actions: [{ type: 'button', action_id: actionId, value, action_ts: nextTs() }],
  };
  await postSigned(
    `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    'application/x-www-form-urlencoded',
  );
}

const toCustomer = () => slack.posts('DCUST900').map((p) => String(p.args.text));
const inThread = (ts: string) =>
  slack
    .posts(STAFF_CHANNEL)
    .filter((p) => p.args.thread_ts === ts)
    .map((p) => String(p.args.text));

describe('the Slack staff channel', () => {
  it('posts an escalation with Take, relays the taker’s thread replies once, and hands back', async () => {
    await customerSays('I want to talk to a person please');
    const root = await eventually(
      () => slack.posts(STAFF_CHANNEL).find((p) => !p.args.thread_ts),
      'the escalation in the staff channel',
    );
    const blocks = JSON.stringify(root.args.blocks);
    expect(blocks).toContain('customer asked for a person');
    expect(blocks).toContain('I want to talk to a person please');
    const take = (
      root.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    )
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.action_id === 'concierge_staff:take');
    expect(take).toBeDefined();
    const threadTs = String(root.ts);
    const escalationId = String(take?.value);

    // The customer writes while waiting: staff see it in the thread.
    await customerSays('hello? anyone there');
    await eventually(
      () => inThread(threadTs).some((t) => t.includes('hello? anyone there')),
      'the customer message mirrored into the thread',
    );

    // Two people press Take at once: one wins, the other is told.
    await Promise.all([
      press('USTAFF1', 'concierge_staff:take', escalationId, threadTs),
      press('UOTHER1', 'concierge_staff:take', escalationId, threadTs),
    ]);
    await eventually(
      () => toCustomer().some((t) => /from our team has joined/.test(t)),
      'the joined line at the customer',
    );
    await eventually(
      () => inThread(threadTs).some((t) => t.includes('someone else has already taken it')),
      'the loser told in the thread',
    );
    const escalation = await app.store.escalations.findById(escalationId);
    const winner = escalation?.takenBy;
    expect(['ben', 'slack:UOTHER1']).toContain(winner);
    const [taker, other] = winner === 'ben' ? ['USTAFF1', 'UOTHER1'] : ['UOTHER1', 'USTAFF1'];
    if (winner === 'ben')
      expect(toCustomer()).toContain('Ben from our team has joined the conversation.');
    const update = await eventually(
      () => slack.calls.find((c) => c.method === 'chat.update' && c.args.ts === threadTs),
      'the root message updated',
    );
    expect(JSON.stringify(update.args.blocks)).toContain('concierge_staff:hand_back');

    // Only the taker's replies reach the customer, and a Slack retry of one is relayed once.
    await staffReplies(other, threadTs, 'I am not the one who took it');
    await eventually(
      () => inThread(threadTs).some((t) => t.includes('only the person who took it')),
      'the non-taker told',
    );
    const eventId = `Ev${randomUUID()}`;
    await staffReplies(taker, threadTs, 'Hi, I can help with that.', eventId);
    await staffReplies(taker, threadTs, 'Hi, I can help with that.', eventId);
    await eventually(
      () => toCustomer().includes('Hi, I can help with that.'),
      'the staff reply at the customer',
    );
    expect(toCustomer()).not.toContain('I am not the one who took it');

    // The customer's answer reaches staff; the bot stays silent while a person has it.
    const before = toCustomer().length;
    await customerSays('great, thanks');
    await eventually(
      () => inThread(threadTs).some((t) => t.includes('great, thanks')),
      'the reply mirrored',
    );
    await press(taker, 'concierge_staff:hand_back', escalationId, threadTs);
    await eventually(
      () => toCustomer().some((t) => t.includes('back with the Concierge assistant')),
      'the hand-back line',
    );
    const ended = await eventually(
      () =>
        slack.calls.find(
          (c) =>
            c.method === 'chat.update' &&
            c.args.ts === threadTs &&
            String(c.args.text).startsWith('Handed back'),
        ),
      'the thread marked as handed back',
    );
    expect(ended.args.text).toBe(`Handed back to the bot by <@${taker}>.`);
    expect(JSON.stringify(ended.args.blocks)).not.toContain('concierge_staff:');
    expect(toCustomer().filter((t) => t === 'Hi, I can help with that.')).toHaveLength(1);
    expect(toCustomer().slice(before)).toHaveLength(1);
    const conversation = await app.store.conversations.findById(escalation?.conversationId ?? '');
    expect(conversation?.mode).toBe('bot');
  });

  it('shows on the thread when the escalation is taken and closed in the console', async () => {
    await customerSays('I need a human', 'DCUST901');
    const root = await eventually(
      () =>
        slack
          .posts(STAFF_CHANNEL)
          .find(
            (p) => !p.args.thread_ts && JSON.stringify(p.args.blocks).includes('I need a human'),
          ),
      'the second escalation in the staff channel',
    );
    const updates = () =>
      slack.calls
        .filter((c) => c.method === 'chat.update' && c.args.ts === root.ts)
        .map((c) => String(c.args.text));
    const ben = await staffSession(app, 'ben');
    const [escalation] = (await app.store.escalations.listOpen()).filter((e) =>
      e.summary.includes('I need a human'),
    );
    expect(
      (await ben.call('POST', `/api/console/escalations/${escalation?.escalationId}/take`)).status,
    ).toBe(200);
    await eventually(
      () => updates().includes('Taken by <@USTAFF1>: reply in this thread to answer the customer.'),
      'taken',
    );
    expect(
      (await ben.call('POST', `/api/console/conversations/${escalation?.conversationId}/close`))
        .status,
    ).toBe(200);
    await eventually(() => updates().includes('Closed by <@USTAFF1>.'), 'closed');
  });
});
