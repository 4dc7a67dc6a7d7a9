import { randomUUID } from 'node:crypto';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { MongoDBChatMessageHistory } from '@langchain/mongodb';
import { createAgent } from 'langchain';
import { BSON, MongoClient } from 'mongodb';
import { OfflineChatModel } from '../src/agent/offline/offline-chat-model.js';
import { SYSTEM_POLICY } from '../src/agent/prompt.js';
import { startApp } from '../src/app.js';
import { createConcierge, createToolDeps } from '../src/concierge.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { seedDemoData } from '../src/seed/seed.js';
import { Store } from '../src/store/store.js';
import { createTools, turnContextSchema } from '../src/tools/index.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { SseClient } from './lib/sse-client.js';
import { quantile, round } from './lib/stats.js';
import type { Benchmark } from './run.js';

/** Requests the offline model answers with tools, without changing state or escalating. */
const MESSAGES = [
  'hi',
  'waterproof hiking boots under $150',
  'what is your return policy?',
  'is the Fjordlite Canyon Hiking Boot in stock in size 42?',
  'thanks',
];
const GROWTH_TURNS = 200;
const WINDOWS = { t1: [1, 10], t50: [46, 55], t200: [191, 200] } as const;
const logger = createLogger({ level: 'silent', format: 'json' });

interface TurnSample {
  ms: number;
  promptTokens: number;
  bytesWritten: number;
}

/** Bytes of every write command the client sends (insert, update, delete, findAndModify). */
function writeCounter(client: MongoClient): { bytes: number } {
  const counter = { bytes: 0 };
  client.on('commandStarted', (event) => {
    if (
      ['insert', 'update', 'delete', 'findAndModify', 'createIndexes'].includes(event.commandName)
    ) {
      counter.bytes += BSON.calculateObjectSize(event.command);
    }
  });
  return counter;
}

function windowStats(samples: TurnSample[], [from, to]: readonly [number, number]) {
  const slice = samples.slice(from - 1, to);
  const mean = (pick: (s: TurnSample) => number) =>
    slice.reduce((sum, s) => sum + pick(s), 0) / slice.length;
  return {
    p50: quantile(
      slice.map((s) => s.ms),
      0.5,
    ),
    tokens: mean((s) => s.promptTokens),
    bytes: mean((s) => s.bytesWritten),
  };
}

/** HTTP request to reply delivered over SSE (the reply is stored before it is delivered). */
async function httpTurns(url: string, conversations: number, rounds: number): Promise<number[]> {
  const sessions = await Promise.all(
    Array.from({ length: conversations }, async () => {
      const { sessionId } = (await (
        await fetch(`${url}/api/chat/sessions`, { method: 'POST' })
      ).json()) as { sessionId: string };
      return {
        sessionId,
        events: await SseClient.open(`${url}/api/chat/events?sessionId=${sessionId}`),
      };
    }),
  );
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      sessions.map(async ({ sessionId, events }, i) => {
        const started = performance.now();
        const reply = events.next('message');
        await fetch(`${url}/api/chat/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sessionId,
            text: MESSAGES[(round + i) % MESSAGES.length],
            clientMessageId: randomUUID(),
          }),
        });
        await reply;
        latencies.push(performance.now() - started);
      }),
    );
  }
  for (const { events } of sessions) events.close();
  return latencies;
}

async function growthOfPipeline(store: Store, counter: { bytes: number }): Promise<TurnSample[]> {
  const concierge = createConcierge({
    config: { llm: null, llmTimeoutMs: 5000, llmMaxRetries: 0 },
    store,
    logger,
  });
  concierge.senders.register('webchat', { deliver: async () => {} });
  const samples: TurnSample[] = [];
  for (let turn = 0; turn < GROWTH_TURNS; turn++) {
    const bytesBefore = counter.bytes;
    const started = performance.now();
    const { turn: done } = await concierge.pipeline.receive({
      channel: 'webchat',
      conversationKey: 'growth',
      platformUserId: 'growth',
      text: MESSAGES[turn % MESSAGES.length] ?? 'hi',
      eventKey: `bench:growth:${turn}`,
      receivedAt: new Date(),
    });
    await done;
    const ms = performance.now() - started;
    const conversation = await store.conversations.findByKey('webchat', 'growth');
    const [reply] = await store.messages.recent(conversation?.conversationId ?? '', 1);
    const usage = reply?.data?.usage as { inputTokens: number } | undefined;
    samples.push({
      ms,
      promptTokens: usage?.inputTokens ?? 0,
      bytesWritten: counter.bytes - bytesBefore,
    });
  }
  return samples;
}

/** The textbook agent: the same tools and model, the whole history from MongoDBChatMessageHistory every turn. */
async function growthOfBaseline(store: Store, counter: { bytes: number }): Promise<TurnSample[]> {
  const conversation = await store.conversations.open({
    channel: 'webchat',
    conversationKey: 'baseline',
    platformUserId: 'baseline',
    at: new Date(),
  });
  const tools = createTools(createToolDeps(store, logger, () => new Date()));
  const agent = createAgent({
    model: new OfflineChatModel({}),
    tools,
    contextSchema: turnContextSchema,
  });
  const history = new MongoDBChatMessageHistory({
    collection: store.db.collection('baseline_history'),
    sessionId: 'baseline',
  });
  const samples: TurnSample[] = [];
  for (let turn = 0; turn < GROWTH_TURNS; turn++) {
    const text = MESSAGES[turn % MESSAGES.length] ?? 'hi';
    const bytesBefore = counter.bytes;
    const started = performance.now();
    const past = await history.getMessages();
    const prompt = [new SystemMessage(SYSTEM_POLICY), ...past, new HumanMessage(text)];
    const state = await agent.invoke(
      { messages: prompt },
      {
        context: {
          conversationId: conversation.conversationId,
          turnId: `b${turn}`,
          customerText: text,
        },
      },
    );
    const added = state.messages.slice(prompt.length);
    const answer = added.at(-1);
    await history.addUserMessage(text);
    await history.addAIMessage(typeof answer?.content === 'string' ? answer.content : '');
    const ms = performance.now() - started;
    const promptTokens = added.reduce(
      (sum, m) =>
        sum +
        ((m as { usage_metadata?: { input_tokens: number } }).usage_metadata?.input_tokens ?? 0),
      0,
    );
    samples.push({ ms, promptTokens, bytesWritten: counter.bytes - bytesBefore });
  }
  return samples;
}

const turnOverhead: Benchmark = {
  name: 'turn-overhead',
  async run() {
    const mongo = await pickMongo();
    const dbName = `bench_turns_${Date.now()}`;
    const client = new MongoClient(mongo.uri, { monitorCommands: true });
    const counter = writeCounter(client);
    const store = new Store(client.db(dbName));
    await store.ensureIndexes();
    await seedDemoData(store, new Date(), logger);
    const app = await startApp({
      config: parseConfig({
        MONGODB_URI: mongo.uri,
        MONGODB_DB: dbName,
        PORT: '0',
        LOG_LEVEL: 'silent',
        // A load test is a flood from one address by design.
        WEBCHAT_MESSAGES_PER_MINUTE: '100000',
        WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: '100000',
      }),
      env: {},
      logger,
    });
    await app.prepared;
    try {
      console.log('  HTTP turns, 1 conversation at a time ...');
      const c1 = await httpTurns(app.url, 1, 60);
      console.log('  HTTP turns, 50 conversations at once ...');
      const c50 = await httpTurns(app.url, 50, 3);
      console.log(
        `  growth: ${GROWTH_TURNS} turns of one conversation, Concierge then baseline ...`,
      );
      const ours = await growthOfPipeline(store, counter);
      const base = await growthOfBaseline(store, counter);
      const o = {
        t1: windowStats(ours, WINDOWS.t1),
        t50: windowStats(ours, WINDOWS.t50),
        t200: windowStats(ours, WINDOWS.t200),
      };
      const b = { t1: windowStats(base, WINDOWS.t1), t200: windowStats(base, WINDOWS.t200) };
      return {
        mongo: mongo.description,
        metrics: {
          p50_ms_c1: round(quantile(c1, 0.5)),
          p99_ms_c1: round(quantile(c1, 0.99)),
          p50_ms_c50: round(quantile(c50, 0.5)),
          p99_ms_c50: round(quantile(c50, 0.99)),
          p50_ms_t1: round(o.t1.p50),
          p50_ms_t50: round(o.t50.p50),
          p50_ms_t200: round(o.t200.p50),
          prompt_tokens_t1: Math.round(o.t1.tokens),
          prompt_tokens_t50: Math.round(o.t50.tokens),
          prompt_tokens_t200: Math.round(o.t200.tokens),
          bytes_written_t1: Math.round(o.t1.bytes),
          bytes_written_t50: Math.round(o.t50.bytes),
          bytes_written_t200: Math.round(o.t200.bytes),
          t200_over_t1_ratio: round(o.t200.p50 / o.t1.p50, 2),
          baseline_p50_ms_t1: round(b.t1.p50),
          baseline_p50_ms_t200: round(b.t200.p50),
          baseline_prompt_tokens_t1: Math.round(b.t1.tokens),
          baseline_prompt_tokens_t200: Math.round(b.t200.tokens),
          baseline_bytes_written_t200: Math.round(b.t200.bytes),
          baseline_over_ours_ms_ratio_t200: round(b.t200.p50 / o.t200.p50, 2),
          baseline_over_ours_tokens_ratio_t200: round(b.t200.tokens / o.t200.tokens, 2),
        },
        notes:
          'Offline model, so no LLM time. c1/c50: HTTP POST /api/chat/messages until the reply arrives over SSE ' +
          '(it is stored before delivery); c1 = 60 turns, one conversation at a time; c50 = 50 conversations ' +
          `sending at once, 3 rounds. Growth: ${GROWTH_TURNS} turns of one conversation in-process (receive to stored ` +
          'reply), cycling 5 requests (greeting, search, policy, stock, thanks); t1/t50/t200 are turns 1-10, 46-55 ' +
          'and 191-200: p50 latency, mean prompt tokens (chars/4 of everything sent to the model in the turn) and mean ' +
          'bytes of write commands sent to MongoDB. Baseline: a LangChain createAgent with the same model and tools ' +
          'whose memory is MongoDBChatMessageHistory (whole history each turn), same server, same run.',
      };
    } finally {
      await app.stop();
      await store.db.dropDatabase();
      await client.close();
      await mongo.stop();
    }
  },
};

export default turnOverhead;
