import { randomUUID } from 'node:crypto';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { MongoDBChatMessageHistory } from '@langchain/mongodb';
import { createAgent } from 'langchain';
import { BSON, MongoClient } from 'mongodb';
import { OfflineChatModel } from '../src/agent/offline/offline-chat-model.js';
import { systemPolicy } from '../src/agent/prompt.js';
import { startApp } from '../src/app.js';
import { Relay } from '../src/background/relay.js';
import { createConcierge, createToolDeps } from '../src/concierge.js';
import { parseConfig } from '../src/config.js';
import { ConsoleFeed } from '../src/conversation/console-feed.js';
import { ConversationModes } from '../src/conversation/modes.js';
import { DEMO_RETAILER } from '../src/domain/retailer.js';
import { createLogger } from '../src/logger.js';
import { seedDemoData } from '../src/seed/seed.js';
import { Store } from '../src/store/store.js';
import { createTools, turnContextSchema } from '../src/tools/index.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { spoolFileFor } from '../test/helpers/spool-file.js';
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
/** Turns of the long conversation each figure is taken from (1-based, inclusive). */
const WINDOWS = { t1: [1, 10], t50: [46, 55], t200: [191, 200] } as const;
const WINDOW_TURNS = 10;
/** Growth runs per implementation, pooled: ten turns of one run are too few for a steady p50. */
const GROWTH_RUNS = 3;
const logger = createLogger({ level: 'silent', format: 'json' });

interface TurnSample {
  /** Until the reply is stored and handed to the channel: what the customer waits for. */
  ms: number;
  /** Until the turn's last write (memory, bookkeeping): when the next turn may start. */
  turnMs: number;
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

/** The window's turns of every run, pooled. */
function windowStats(runs: TurnSample[][], [from, to]: readonly [number, number]) {
  const slice = runs.flatMap((samples) => samples.slice(from - 1, to));
  const mean = (pick: (s: TurnSample) => number) =>
    slice.reduce((sum, s) => sum + pick(s), 0) / slice.length;
  return {
    p50: quantile(
      slice.map((s) => s.ms),
      0.5,
    ),
    turnP50: quantile(
      slice.map((s) => s.turnMs),
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

/** Runs turn `turn` of conversation `key` and says what it cost. */
type TurnRunner = (key: string, turn: number, run: number) => Promise<TurnSample>;

interface Growth {
  /** The long conversation of each run, turn by turn. */
  long: TurnSample[][];
  /** Turns 1-10 of a second conversation per run, alternating with the long one's last ten. */
  fresh: TurnSample[][];
}

/**
 * `GROWTH_RUNS` times: `GROWTH_TURNS` turns of one conversation, whose last ten alternate with
 * the first ten of a new conversation: both then meet the same database, so comparing them
 * isolates what the conversation's length costs from what a bigger database costs (FerretDB's
 * updates scan their collection, so there every turn slows as the inbox and outbox grow).
 * One round of each request in another conversation first warms caches and JIT.
 */
async function growth(runTurn: TurnRunner): Promise<Growth> {
  for (let turn = 0; turn < MESSAGES.length; turn++) await runTurn('warm-up', turn, 0);
  const result: Growth = { long: [], fresh: [] };
  const alternateFrom = GROWTH_TURNS - WINDOW_TURNS;
  for (let run = 0; run < GROWTH_RUNS; run++) {
    const long: TurnSample[] = [];
    const fresh: TurnSample[] = [];
    for (let turn = 0; turn < alternateFrom; turn++) {
      long.push(await runTurn(`long-${run}`, turn, run));
    }
    for (let turn = 0; turn < WINDOW_TURNS; turn++) {
      long.push(await runTurn(`long-${run}`, alternateFrom + turn, run));
      fresh.push(await runTurn(`fresh-${run}`, turn, run));
    }
    result.long.push(long);
    result.fresh.push(fresh);
  }
  return result;
}

function pipelineTurns(store: Store, counter: { bytes: number }): TurnRunner {
  const concierge = createConcierge({
    config: { llm: null, llmTimeoutMs: 5000, llmMaxRetries: 0 },
    ports: store,
    logger,
  });
  let deliveredAt = 0;
  concierge.senders.register('webchat', {
    deliver: async () => {
      deliveredAt = performance.now();
    },
  });
  return async (key, turn) => {
    const bytesBefore = counter.bytes;
    const started = performance.now();
    deliveredAt = Number.NaN;
    const { turn: done } = await concierge.pipeline.receive({
      channel: 'webchat',
      conversationKey: key,
      platformUserId: key,
      text: MESSAGES[turn % MESSAGES.length] ?? 'hi',
      eventKey: `bench:${key}:${turn}`,
      receivedAt: new Date(),
    });
    await done;
    const turnMs = performance.now() - started;
    if (Number.isNaN(deliveredAt)) throw new Error(`turn ${turn} of ${key} sent no reply`);
    const conversation = await store.conversations.findByKey('webchat', key);
    const [reply] = await store.messages.recent(conversation?.conversationId ?? '', 1);
    const usage = reply?.role === 'bot' ? reply.data?.usage : undefined;
    return {
      ms: deliveredAt - started,
      turnMs,
      promptTokens: usage?.inputTokens ?? 0,
      bytesWritten: counter.bytes - bytesBefore,
    };
  };
}

/** The textbook agent: the same tools and model, the whole history from MongoDBChatMessageHistory every turn. */
function baselineTurns(store: Store, counter: { bytes: number }): TurnRunner {
  const modes = new ConversationModes(
    store.conversations,
    new ConsoleFeed(new Relay(null, 'bench', logger)),
  );
  const tools = createTools(createToolDeps(store, logger, () => new Date(), modes));
  const agent = createAgent({
    model: new OfflineChatModel({}),
    tools,
    contextSchema: turnContextSchema,
  });
  const sessions = new Map<
    string,
    { conversationId: string; history: MongoDBChatMessageHistory }
  >();
  return async (key, turn, run) => {
    let session = sessions.get(key);
    if (!session) {
      const { conversationId } = await store.conversations.open({
        channel: 'webchat',
        conversationKey: `baseline-${key}`,
        platformUserId: `baseline-${key}`,
        at: new Date(),
      });
      const history = new MongoDBChatMessageHistory({
        // One collection per run, so a run's histories are not read past those of earlier runs.
        collection: store.db.collection(`baseline_history_${run}`),
        sessionId: key,
      });
      session = { conversationId, history };
      sessions.set(key, session);
    }
    const { conversationId, history } = session;
    const text = MESSAGES[turn % MESSAGES.length] ?? 'hi';
    const bytesBefore = counter.bytes;
    const started = performance.now();
    const past = await history.getMessages();
    const prompt = [
      new SystemMessage(systemPolicy(DEMO_RETAILER)),
      ...past,
      new HumanMessage(text),
    ];
    const state = await agent.invoke(
      { messages: prompt },
      {
        context: {
          conversationId,
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
    return { ms, turnMs: ms, promptTokens, bytesWritten: counter.bytes - bytesBefore };
  };
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
        SPOOL_FILE: spoolFileFor(dbName),
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
        `  growth: ${GROWTH_RUNS} x ${GROWTH_TURNS} turns of one conversation, Concierge then baseline ...`,
      );
      const ours = await growth(pipelineTurns(store, counter));
      const base = await growth(baselineTurns(store, counter));
      const o = {
        t1: windowStats(ours.fresh, WINDOWS.t1),
        t1FirstInDb: windowStats(ours.long, WINDOWS.t1),
        t50: windowStats(ours.long, WINDOWS.t50),
        t200: windowStats(ours.long, WINDOWS.t200),
      };
      const b = {
        t1: windowStats(base.fresh, WINDOWS.t1),
        t1FirstInDb: windowStats(base.long, WINDOWS.t1),
        t200: windowStats(base.long, WINDOWS.t200),
      };
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
          turn_p50_ms_t1: round(o.t1.turnP50),
          turn_p50_ms_t200: round(o.t200.turnP50),
          turn_t200_over_t1_ratio: round(o.t200.turnP50 / o.t1.turnP50, 2),
          p50_ms_t1_first_in_db: round(o.t1FirstInDb.p50),
          turn_p50_ms_t1_first_in_db: round(o.t1FirstInDb.turnP50),
          baseline_p50_ms_t1: round(b.t1.p50),
          baseline_p50_ms_t1_first_in_db: round(b.t1FirstInDb.p50),
          baseline_p50_ms_t200: round(b.t200.p50),
          baseline_prompt_tokens_t1: Math.round(b.t1.tokens),
          baseline_prompt_tokens_t200: Math.round(b.t200.tokens),
          baseline_bytes_written_t200: Math.round(b.t200.bytes),
          baseline_over_ours_ms_ratio_t200: round(b.t200.p50 / o.t200.p50, 2),
          baseline_over_ours_turn_ms_ratio_t200: round(b.t200.p50 / o.t200.turnP50, 2),
          baseline_over_ours_tokens_ratio_t200: round(b.t200.tokens / o.t200.tokens, 2),
        },
        notes:
          'Offline model, so no LLM time. c1/c50: HTTP POST /api/chat/messages until the reply arrives over SSE ' +
          '(it is stored before delivery); c1 = 60 turns, one conversation at a time; c50 = 50 conversations ' +
          `sending at once, 3 rounds. Growth, in-process, after a warm-up round in another conversation, ${GROWTH_RUNS} ` +
          `runs of: ${GROWTH_TURNS} turns of one conversation cycling 5 requests (greeting, search, policy, stock, ` +
          'thanks), its turns 191-200 alternating with turns 1-10 of a new conversation, so t1 (the new one) and t200 ' +
          'meet the same database; windows pooled over the runs; t50 = turns 46-55; *_t1_first_in_db = turns 1-10 ' +
          'of the long conversations, when the database was smaller ' +
          '(on FerretDB an update scans its whole collection). Per window: p50 until the reply is stored and handed ' +
          "to the channel (p50_ms_*), p50 until the turn's last write, memory and bookkeeping included " +
          '(turn_p50_ms_*; the next turn waits for it), mean prompt tokens (chars/4 of everything sent to the model ' +
          'in the turn) and mean bytes of write commands sent to MongoDB. Baseline: a LangChain createAgent with the ' +
          'same model and tools whose memory is MongoDBChatMessageHistory (whole history each turn), timed until its ' +
          'reply is stored in that history, run the same way on the same server in the same run (its histories share ' +
          'one collection, found by sessionId: on FerretDB a new conversation reads past the long one).',
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
