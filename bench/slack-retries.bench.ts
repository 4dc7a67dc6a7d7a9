import { startApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { replyOutboxId } from '../src/conversation/pipeline.js';
import { createLogger } from '../src/logger.js';
import { FakeSlack, SLACK_SIGNING_SECRET, slackSignature } from '../test/fakes/slack.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { spoolFileFor } from '../test/helpers/spool-file.js';
import { quantile, round } from './lib/stats.js';
import type { Benchmark } from './run.js';

const CONVERSATIONS = Number(process.env.BENCH_SLACK_CONVERSATIONS ?? 100);
const PER_CONVERSATION = 10;
const RETRY_SHARE = 0.3;
/** Requests in flight at once, as Slack's delivery fans out. */
const IN_FLIGHT = 16;
const TIMEOUT_MS = 600_000;
const MESSAGES = [
  'hi',
  'what is your return policy?',
  'waterproof hiking boots under $150',
  'is the Fjordlite Canyon Hiking Boot in stock in size 42?',
  'thanks',
];

interface Delivery {
  conversation: number;
  index: number;
  retry: number;
}

/** A deterministic generator, so every run sends the same shuffled schedule. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Every conversation's messages in order, interleaved at random across conversations, and
 * 30% of the events delivered again (as Slack retries) at a random later point.
 */
function schedule(): Delivery[] {
  const next = random(42);
  const slots = Array.from(
    { length: CONVERSATIONS * PER_CONVERSATION },
    (_, i) => i % CONVERSATIONS,
  );
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [slots[i], slots[j]] = [slots[j] as number, slots[i] as number];
  }
  const seen = new Map<number, number>();
  const plan: Delivery[] = slots.map((conversation) => {
    const index = seen.get(conversation) ?? 0;
    seen.set(conversation, index + 1);
    return { conversation, index, retry: 0 };
  });
  const retries = Math.round(plan.length * RETRY_SHARE);
  const originals = plan.slice();
  for (let r = 0; r < retries; r++) {
    const original = originals[Math.floor(next() * originals.length)] as Delivery;
    originals.splice(originals.indexOf(original), 1);
    const after = plan.indexOf(original) + 1;
    const at = after + Math.floor(next() * (plan.length - after + 1));
    plan.splice(at, 0, { ...original, retry: 1 });
  }
  return plan;
}

const channelOf = (conversation: number) => `D${String(conversation).padStart(4, '0')}`;
const eventIdOf = (d: Delivery) => `Ev${d.conversation}x${d.index}`;

function limiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const slackRetries: Benchmark = {
  name: 'slack-retries',
  async run() {
    const mongo = await pickMongo();
    const slack = await new FakeSlack().start();
    const app = await startApp({
      config: parseConfig({
        MONGODB_URI: mongo.uri,
        MONGODB_DB: `bench_slack_${Date.now()}`,
        SPOOL_FILE: spoolFileFor(`bench_spool_${Date.now()}`),
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
      }),
      env: {},
      logger: createLogger({
        level: process.env.BENCH_LOG_LEVEL === 'warn' ? 'warn' : 'silent',
        format: 'json',
        destination: process.stderr,
      }),
    });
    await app.prepared;
    const plan = schedule();
    const byOutboxId = new Map<string, Delivery>();
    for (const d of plan) byOutboxId.set(replyOutboxId(`slack:${eventIdOf(d)}`), d);
    const uniqueEvents = byOutboxId.size;
    const failedRequests: number[] = [];
    const ackMs: number[] = [];
    try {
      console.log(
        `  ${plan.length} deliveries of ${uniqueEvents} events to ${CONVERSATIONS} DMs ...`,
      );
      const started = performance.now();
      const slot = limiter(IN_FLIGHT);
      const chains = new Map<number, Promise<void>>();
      for (const d of plan) {
        const send = async () => {
          const ts = `${1_700_000_000 + d.index}.${String(d.conversation).padStart(6, '0')}`;
          const body = JSON.stringify({
            type: 'event_callback',
            team_id: 'T1',
            event_id: eventIdOf(d),
            event_time: 1_700_000_000,
            event: {
              type: 'message',
              channel_type: 'im',
              channel: channelOf(d.conversation),
              user: `U${d.conversation}`,
              text: MESSAGES[d.index % MESSAGES.length],
              ts,
            },
          });
          const sentAt = performance.now();
          const response = await fetch(`${app.url}/slack/events`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...slackSignature(body),
              ...(d.retry
                ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }
                : {}),
            },
            body,
          });
          ackMs.push(performance.now() - sentAt);
          if (response.status !== 200) failedRequests.push(response.status);
          await response.arrayBuffer();
        };
        const previous = chains.get(d.conversation) ?? Promise.resolve();
        chains.set(
          d.conversation,
          previous.then(() => slot(send)),
        );
      }
      await Promise.all(chains.values());
      const deadline = Date.now() + TIMEOUT_MS;
      const replyIds = () =>
        new Set(
          slack
            .posts()
            .map(
              (p) =>
                (p.args.metadata as { event_payload: { outbox_id: string } }).event_payload
                  .outbox_id,
            ),
        );
      let lastReport = Date.now();
      while (replyIds().size < uniqueEvents && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (Date.now() - lastReport > 10_000) {
          console.log(`  ${replyIds().size} of ${uniqueEvents} replies so far ...`);
          lastReport = Date.now();
        }
      }
      const wallS = (performance.now() - started) / 1000;
      // Time for a late duplicate to show itself.
      await new Promise((resolve) => setTimeout(resolve, 2000));

      const posted = new Set<string>();
      let duplicates = 0;
      let unknown = 0;
      let outOfOrder = 0;
      const lastIndex = new Map<string, number>();
      for (const post of slack.posts()) {
        const { outbox_id: outboxId, part } = (
          post.args.metadata as { event_payload: { outbox_id: string; part: number } }
        ).event_payload;
        const key = `${outboxId}/${part}`;
        if (posted.has(key)) duplicates++;
        posted.add(key);
        const d = byOutboxId.get(outboxId);
        if (!d) {
          unknown++;
          continue;
        }
        const channel = String(post.args.channel);
        if (channel !== channelOf(d.conversation)) unknown++;
        if (part === 0) {
          if ((lastIndex.get(channel) ?? -1) > d.index) outOfOrder++;
          lastIndex.set(channel, Math.max(lastIndex.get(channel) ?? -1, d.index));
        }
      }
      const replies = replyIds().size;
      if (failedRequests.length > 0)
        console.log(`  ${failedRequests.length} requests were not acknowledged with 200`);
      if (unknown > 0)
        console.log(`  ${unknown} posts matched no event or went to the wrong channel`);
      return {
        mongo: mongo.description,
        metrics: {
          events: plan.length,
          unique_events: uniqueEvents,
          replies,
          duplicate_replies: duplicates,
          out_of_order_replies: outOfOrder,
          misdirected_replies: unknown,
          non_200_acks: failedRequests.length,
          ack_p50_ms: round(quantile(ackMs, 0.5)),
          ack_p99_ms: round(quantile(ackMs, 0.99)),
          wall_s: round(wallS),
          replies_per_s: round(replies / wallS),
        },
        notes:
          `${uniqueEvents} signed Events API DMs across ${CONVERSATIONS} conversations, ${plan.length - uniqueEvents} ` +
          `of them sent again with x-slack-retry-num (seeded shuffle, retries at random later points), ` +
          `${IN_FLIGHT} requests in flight, each conversation's messages sent in order; the real app ` +
          'in-process with the offline model, replies counted at a fake Slack Web API on 127.0.0.1 ' +
          'by the outbox id each post carries in its message metadata. wall_s runs from the first ' +
          "request to the last reply; ack_*_ms is each request's time to its HTTP 200 (Slack " +
          'retries after 3 s).',
      };
    } finally {
      await app.stop();
      await slack.stop();
      await mongo.stop();
    }
  },
};

export default slackRetries;
