import { startApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { FakeSlack, SLACK_SIGNING_SECRET, sendSlackEvent } from '../test/fakes/slack.js';
import { addStaff, staffSession } from '../test/helpers/app-clients.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { spoolFileFor } from '../test/helpers/spool-file.js';
import { SseClient } from './lib/sse-client.js';
import { quantile, round } from './lib/stats.js';
import type { Benchmark } from './run.js';

const MESSAGES = Number(process.env.BENCH_CONSOLE_MESSAGES ?? 200);
const CHANNEL = 'DBENCH01';

interface FeedMessage {
  conversationId: string;
  role: string;
  text: string;
}

/**
 * How fast staff see and answer: a customer's Slack message to its arrival in an open console
 * (the console's own event stream), and a staff reply from the console API to its arrival at
 * the customer's platform (a fake Slack Web API), over a conversation a person has taken.
 */
const consoleLatency: Benchmark = {
  name: 'console-latency',
  async run() {
    const mongo = await pickMongo();
    const slack = await new FakeSlack().start();
    const app = await startApp({
      config: parseConfig({
        MONGODB_URI: mongo.uri,
        MONGODB_DB: `bench_console_${Date.now()}`,
        SPOOL_FILE: spoolFileFor(`bench_spool_${Date.now()}`),
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
      }),
      env: {},
      logger: createLogger({ level: 'silent', format: 'json' }),
    });
    await app.prepared;
    let clock = 1_700_300_000;
    const customerSays = async (text: string) => {
      const ts = `${++clock}.000100`;
      const event = {
        type: 'message',
        channel_type: 'im',
        channel: CHANNEL,
        user: 'UBENCH',
        text,
        ts,
      };
      const response = await sendSlackEvent(app.url, event, `Ev${clock}`);
      if (response.status !== 200) throw new Error(`Slack event answered ${response.status}`);
    };
    try {
      await addStaff(app, [['ada', 'agent']]);
      const ada = await staffSession(app, 'ada');
      const feed = await SseClient.open(`${app.url}/api/console/events`, { cookie: ada.cookie });
      const next = async (role: string, text: string) => {
        for (;;) {
          const event = (await feed.next('message')) as FeedMessage;
          if (event.role === role && event.text === text) return event;
        }
      };

      // A person takes the conversation, so the bot stays out of what is measured.
      await customerSays('I want to talk to a person');
      const { conversationId } = await next('customer', 'I want to talk to a person');
      const { escalationId } = (await feed.next('escalation')) as { escalationId: string };
      const taken = await ada.call('POST', `/api/console/escalations/${escalationId}/take`);
      if (taken.status !== 200) throw new Error(`take answered ${taken.status}`);

      console.log(`  ${MESSAGES} customer messages to the console ...`);
      const toConsole: number[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        const text = `customer message ${i}`;
        const arrived = next('customer', text);
        const started = performance.now();
        await customerSays(text);
        await arrived;
        toConsole.push(performance.now() - started);
      }

      console.log(`  ${MESSAGES} staff replies to the customer ...`);
      const toCustomer: number[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        const text = `staff reply ${i}`;
        const delivered = slack.arrival(
          (c) =>
            c.method === 'chat.postMessage' && c.args.channel === CHANNEL && c.args.text === text,
        );
        const started = performance.now();
        const response = await ada.call(
          'POST',
          `/api/console/conversations/${conversationId}/reply`,
          {
            text,
          },
        );
        if (response.status !== 200) throw new Error(`reply answered ${response.status}`);
        await delivered;
        toCustomer.push(performance.now() - started);
      }
      feed.close();
      return {
        mongo: mongo.description,
        metrics: {
          messages: MESSAGES,
          to_console_p50_ms: round(quantile(toConsole, 0.5)),
          to_console_p99_ms: round(quantile(toConsole, 0.99)),
          to_customer_p50_ms: round(quantile(toCustomer, 0.5)),
          to_customer_p99_ms: round(quantile(toCustomer, 0.99)),
        },
        notes:
          `One Slack DM conversation taken by a staff member; ${MESSAGES} customer messages sent ` +
          'one after another as signed Events API requests, each timed from the request to its ' +
          "arrival on the console's server-sent event stream (/api/console/events, as the page " +
          `reads it); then ${MESSAGES} staff replies through POST /api/console/conversations/:id/reply, ` +
          'each timed from the request to its chat.postMessage at a fake Slack Web API on ' +
          '127.0.0.1. The real app in-process with the offline model.',
      };
    } finally {
      await app.stop();
      await slack.stop();
      await mongo.stop();
    }
  },
};

export default consoleLatency;
