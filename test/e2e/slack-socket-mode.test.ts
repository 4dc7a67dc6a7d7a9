import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../fakes/loopback.js';
import { FakeSlack } from '../fakes/slack.js';
import { startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const slack = new FakeSlack();

beforeAll(async () => {
  await slack.start();
  app = await startTestApp('slack_socket', {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-1-test-token',
    SLACK_API_URL: slack.apiUrl,
  });
  await eventually(() => slack.socketConnected, 'the Socket Mode connection');
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
  await slack.stop();
});

describe('Slack over Socket Mode', () => {
  it('acknowledges each envelope and answers the DM once, with no HTTP endpoint', async () => {
    const body = {
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'EvSocket1',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D900',
        user: 'U900',
        text: 'Hello',
        ts: '1700000900.000100',
      },
    };
    const first = slack.pushEvent(body);
    const again = slack.pushEvent(body);
    const answer = await eventually(() => slack.posts('D900')[0], 'the reply');
    expect(String(answer.args.text)).toMatch(/^Hello! I can help/);
    await eventually(() => slack.acks.includes(first) && slack.acks.includes(again), 'both acks');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posts('D900')).toHaveLength(1);
    expect((await fetch(`${app.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
