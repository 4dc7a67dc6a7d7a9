import { MongoClient } from 'mongodb';
import { startApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { CHANNELS } from '../src/domain/channel.js';
import {
  DEMAND_KINDS,
  HANDOFF_REASONS,
  type InsightEvent,
  OUTCOME_KINDS,
  RATINGS,
} from '../src/domain/insights.js';
import { createLogger } from '../src/logger.js';
import { dailyInsightsSpec } from '../src/store/repositories/insights.js';
import { Store } from '../src/store/store.js';
import { addStaff, staffSession } from '../test/helpers/app-clients.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { spoolFileFor } from '../test/helpers/spool-file.js';
import { startMongoJavaServer } from './lib/mongo-java-server.js';
import { quantile, round } from './lib/stats.js';
import type { Benchmark } from './run.js';

const DAYS = Number(process.env.BENCH_INSIGHTS_DAYS ?? 90);
const PER_DAY = Number(process.env.BENCH_INSIGHTS_CONVERSATIONS ?? 2000);
const REQUESTS = Number(process.env.BENCH_INSIGHTS_REQUESTS ?? 200);
/** Processes that counted: each keeps its own document per day. */
const WRITERS = 3;
const DAY_MS = 86_400_000;

/** A small deterministic generator, so every run counts the same events. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Skewed towards the first entries, as what customers ask for is. */
function zipf<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(items.length * next() ** 3)] as T;
}

const TERMS = Array.from({ length: 400 }, (_, i) => `wanted thing ${i} · size ${36 + (i % 12)}`);
const QUESTIONS = Array.from({ length: 150 }, (_, i) => `how do i ${i} with my order?`);

/** What one day of `PER_DAY` conversations counts, as the tools and resolutions count it. */
function dayOfEvents(next: () => number): InsightEvent[] {
  const events: InsightEvent[] = [];
  for (let c = 0; c < PER_DAY; c++) {
    const channel = zipf(CHANNELS, next);
    events.push({ kind: 'conversation', channel });
    const outcome = zipf(OUTCOME_KINDS, next);
    const handedOver = outcome === 'resolved_by_person' || outcome === 'handed_off';
    events.push({
      kind: 'outcome',
      channel,
      outcome,
      handoffReason: handedOver ? zipf(HANDOFF_REASONS, next) : null,
    });
    if (outcome !== 'abandoned' && next() < 0.35)
      events.push({ kind: 'csat', channel, rating: RATINGS[Math.floor(next() * 5)] ?? 5 });
    if (next() < 0.08) events.push({ kind: 'reopened', channel });
    if (next() < 0.25)
      events.push({
        kind: 'demand',
        signal: { kind: zipf(DEMAND_KINDS, next), term: zipf(TERMS, next) },
      });
    if (next() < 0.1) events.push({ kind: 'knowledge_gap', question: zipf(QUESTIONS, next) });
    if (next() < 0.3) {
      events.push({ kind: 'recommendation', step: 'shown', count: 3 });
      if (next() < 0.3) events.push({ kind: 'recommendation', step: 'asked', count: 1 });
      if (next() < 0.05) events.push({ kind: 'recommendation', step: 'bought', count: 1 });
    }
  }
  return events;
}

/** Counts `DAYS` days of events through the counters' own code, `WRITERS` processes' worth. */
async function fill(uri: string, dbName: string, today: Date): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: WRITERS }, () => new MongoClient(uri).connect()),
  );
  const stores = clients.map((client) => new Store(client.db(dbName)));
  const next = random(17);
  let events = 0;
  try {
    for (let d = DAYS - 1; d >= 0; d--) {
      const day = new Date(today.getTime() - d * DAY_MS);
      const counted = dayOfEvents(next);
      events += counted.length;
      // Every event of the day through `count`, as they happen; each process's arrive together
      // and are written as its batches.
      await Promise.all(
        counted.map((event, i) =>
          stores[i % WRITERS]?.insights.count(event, new Date(day.getTime() + (i % 86_000) * 1000)),
        ),
      );
    }
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
  return events;
}

async function measure(mongo: { uri: string; description: string }) {
  const dbName = `bench_insights_${Date.now()}`;
  const app = await startApp({
    config: parseConfig({
      MONGODB_URI: mongo.uri,
      MONGODB_DB: dbName,
      SPOOL_FILE: spoolFileFor(`bench_spool_${Date.now()}`),
      PORT: '0',
      SEED_ON_EMPTY: 'false',
    }),
    env: {},
    logger: createLogger({ level: 'silent', format: 'json' }),
  });
  await app.prepared;
  try {
    const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    console.log(`  ${mongo.description}: counting ${DAYS} days × ${PER_DAY} conversations ...`);
    const filling = performance.now();
    const events = await fill(mongo.uri, dbName, today);
    const fillS = (performance.now() - filling) / 1000;
    const documents = await app.store.db.collection(dailyInsightsSpec.name).countDocuments();
    await addStaff(app, [['ada', 'agent']]);
    const ada = await staffSession(app, 'ada');
    const from = new Date(today.getTime() - (DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const to = today.toISOString().slice(0, 10);
    const timings: number[] = [];
    let conversations = 0;
    for (let i = 0; i < REQUESTS + 5; i++) {
      const started = performance.now();
      const response = await ada.call('GET', `/api/console/insights?from=${from}&to=${to}`);
      const body = (await response.json()) as { conversations: { total: number } };
      if (response.status !== 200) throw new Error(`insights answered ${response.status}`);
      // The first few warm the process up.
      if (i >= 5) timings.push(performance.now() - started);
      conversations = body.conversations.total;
    }
    if (conversations !== DAYS * PER_DAY)
      throw new Error(`the page counted ${conversations} conversations, not ${DAYS * PER_DAY}`);
    return {
      description: mongo.description,
      events,
      documents,
      fillS,
      p50: round(quantile(timings, 0.5)),
      p99: round(quantile(timings, 0.99)),
    };
  } finally {
    await app.stop();
  }
}

/**
 * The Insights page's latency over 90 days of 2,000 conversations a day: the counters are
 * filled through their own code, then GET /api/console/insights for the whole period is timed
 * as a signed-in staff member's page asks it, on FerretDB (the embedded default) and on
 * mongo-java-server.
 */
const insights: Benchmark = {
  name: 'insights',
  async run() {
    const ferret = await pickMongo();
    let ferretFigures: Awaited<ReturnType<typeof measure>>;
    try {
      ferretFigures = await measure(ferret);
    } finally {
      await ferret.stop();
    }
    let mjsFigures: Awaited<ReturnType<typeof measure>> | null = null;
    try {
      const mjs = await startMongoJavaServer();
      try {
        mjsFigures = await measure({ uri: mjs.uri, description: 'mongo-java-server (in memory)' });
      } finally {
        await mjs.stop();
      }
    } catch (error) {
      console.log(`  mongo-java-server skipped: ${(error as Error).message}`);
    }
    return {
      mongo: ferretFigures.description,
      metrics: {
        days: DAYS,
        conversations_per_day: PER_DAY,
        events_counted: ferretFigures.events,
        counter_documents: ferretFigures.documents,
        fill_s: round(ferretFigures.fillS),
        p50_ms: ferretFigures.p50,
        p99_ms: ferretFigures.p99,
        ...(mjsFigures
          ? { mongo_java_server_p50_ms: mjsFigures.p50, mongo_java_server_p99_ms: mjsFigures.p99 }
          : {}),
      },
      notes:
        `${DAYS} days of ${PER_DAY} conversations a day (${ferretFigures.events} events: ` +
        'conversations, outcomes with handoff reasons, ratings from about a third, reopenings, ' +
        'unmet demand over 400 terms, knowledge gaps over 150 questions, recommendations shown, ' +
        `asked and bought) counted through InsightCountersRepository.count by ${WRITERS} ` +
        `processes' worth of writers (${ferretFigures.documents} day documents); then ` +
        `${REQUESTS} GET /api/console/insights for the whole ${DAYS}-day period, one after another, ` +
        'as a signed-in staff member, timed from request to parsed JSON (5 warm-up requests ' +
        'not counted). p50_ms/p99_ms on FerretDB (SQLite, the embedded default); ' +
        'mongo_java_server_* on mongo-java-server. The real app in-process.',
    };
  },
};

export default insights;
