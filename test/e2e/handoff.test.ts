import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../fakes/loopback.js';
import { FakeSlack, SLACK_SIGNING_SECRET, sendSlackEvent } from '../fakes/slack.js';
import { addStaff, staffSession } from '../helpers/app-clients.js';
import { startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const slack = new FakeSlack();

beforeAll(async () => {
  await slack.start();
  app = await startTestApp('handoff', {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  await addStaff(app, [
    ['bob', 'agent'],
    ['eve', 'agent'],
  ]);
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await slack.stop();
});

let clock = 1_700_100_000;
async function dm(channel: string, text: string) {
  const ts = `${++clock}.000100`;
  const event = { type: 'message', channel_type: 'im', channel, user: `U${channel}`, text, ts };
  expect((await sendSlackEvent(app.url, event)).status).toBe(200);
}

const texts = (channel: string) => slack.posts(channel).map((p) => String(p.args.text));

const signIn = (username: string) => staffSession(app, username);

/** Reads the console's live events into an array until the returned stop() is called. */
async function listen(cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${app.url}/api/console/events`, {
    headers: { cookie },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const events: { type: string; role?: string; text?: string; mode?: string }[] = [];
  const reader = response.body?.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += new TextDecoder().decode(chunk.value);
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const data = /^data: (.+)$/m.exec(buffer.slice(0, cut))?.[1];
          buffer = buffer.slice(cut + 2);
          if (data) events.push(JSON.parse(data));
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, stop: () => controller.abort() };
}

describe('human handoff from Slack to the console and back', () => {
  it('queues, is taken by exactly one person, relays both ways, keeps notes internal, hands back and closes', async () => {
    const bob = await signIn('bob');
    const eve = await signIn('eve');
    const live = await listen(bob.cookie);
    const channel = 'DHAND';

    await dm(channel, 'I want to talk to a person');
    await eventually(() => texts(channel).length === 1, 'the escalation reply');
    expect(texts(channel)[0]).toMatch(/person from our team/);
    const { escalations } = (await (await bob.call('GET', '/api/console/escalations')).json()) as {
      escalations: { escalationId: string; conversationId: string; reason: string }[];
    };
    const escalation = escalations[0];
    expect(escalation).toBeDefined();
    await eventually(
      () => live.events.some((e) => e.type === 'escalation'),
      'the escalation to show live',
    );

    // Two people press "take" at once: exactly one wins.
    const path = `/api/console/escalations/${escalation?.escalationId}/take`;
    const [first, second] = await Promise.all([bob.call('POST', path), eve.call('POST', path)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const owner = first.status === 200 ? bob : eve;
    const other = first.status === 200 ? eve : bob;
    const ownerName = first.status === 200 ? 'bob' : 'eve';
    await eventually(() => texts(channel).length === 2, 'the joined line');
    expect(texts(channel)[1]).toBe(`${ownerName} from our team has joined the conversation.`);

    // The customer now reaches the person; the bot stays silent.
    await dm(channel, 'my parcel arrived damaged');
    await eventually(
      () =>
        live.events.some((e) => e.role === 'customer' && e.text === 'my parcel arrived damaged'),
      'the customer message in the console',
    );
    const conversation = `/api/console/conversations/${escalation?.conversationId}`;
    expect(
      (await other.call('POST', `${conversation}/reply`, { text: 'hi from the wrong person' }))
        .status,
    ).toBe(403);
    expect(
      (
        await owner.call('POST', `${conversation}/notes`, {
          text: 'INTERNAL: check the warehouse photos',
        })
      ).status,
    ).toBe(200);
    expect(
      (await owner.call('POST', `${conversation}/reply`, { text: 'Sorry! A new one ships today.' }))
        .status,
    ).toBe(200);
    await eventually(() => texts(channel).length === 3, 'the staff reply');
    expect(texts(channel)[2]).toBe('Sorry! A new one ships today.');
    expect(live.events.some((e) => e.role === 'note')).toBe(true);

    const transcript = (await (await owner.call('GET', conversation)).json()) as {
      transcript: { role: string; text: string }[];
    };
    expect(transcript.transcript.map((m) => m.role)).toEqual(
      expect.arrayContaining(['customer', 'bot', 'staff', 'note']),
    );

    // Back to the bot, which answers again; then closed, and a new message reopens it.
    expect((await owner.call('POST', `${conversation}/hand-back`)).status).toBe(200);
    await eventually(() => texts(channel).length === 4, 'the hand-back line');
    await dm(channel, 'thanks!');
    await eventually(() => texts(channel).length === 5, 'the bot again');
    expect(texts(channel)[4]).toMatch(/welcome/);
    expect((await owner.call('POST', `${conversation}/close`)).status).toBe(200);
    expect((await owner.call('POST', `${conversation}/close`)).status).toBe(409);
    await eventually(() => texts(channel).length === 6, 'the closing line');
    await dm(channel, 'Hello');
    await eventually(() => texts(channel).length === 7, 'a reply after reopening');
    expect(texts(channel)[6]).toMatch(/^Hello!/);

    // The internal note never reached the customer.
    expect(texts(channel).join('\n')).not.toContain('INTERNAL');
    const audit = await app.store.auditLog.recent(50);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['take', 'note', 'reply', 'hand_back', 'close']),
    );
    live.stop();
  }, 90_000);
});
