import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createConcierge } from '../../src/concierge.js';
import { pruneExpired } from '../../src/lifecycle/retention.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoData } from '../../src/seed/seed.js';
import { Store } from '../../src/store/store.js';
import { quantile, round } from './stats.js';

const DAYS = 30;
const CONVERSATIONS_PER_DAY = 20;
const TURNS_PER_CONVERSATION = 3;
const DAY_MS = 86_400_000;
/** What a retailer might keep: a week of bookkeeping, two weeks of transcripts. */
const POLICY = { operationalDays: 7, transcriptDays: 14 };
const MESSAGES = ['hi', 'what is your return policy?', 'do you ship internationally?'];
const logger = createLogger({ level: 'silent', format: 'json' });

/**
 * 30 simulated days of web chat traffic on one database through the real pipeline (offline
 * model, in this process), the clock moved on a day at a time and the retention job run at
 * each day's end: the p50 of a turn (message in to reply stored and handed to the channel)
 * on the first day, the fifteenth (the longest window is full) and the last.
 */
export async function growth(
  uri: string,
): Promise<{ day1: number; day15: number; day30: number; docs: number }> {
  const client = new MongoClient(uri);
  const db = client.db(`growth_${randomUUID().slice(0, 8)}`);
  try {
    const store = new Store(db);
    await store.ensureIndexes();
    let clock = Date.UTC(2026, 10, 1, 9);
    const now = () => new Date(clock);
    await seedDemoData(store, now(), logger);
    const concierge = createConcierge({
      config: { llm: null, llmTimeoutMs: 5000, llmMaxRetries: 0 },
      ports: store,
      logger,
      now,
    });
    concierge.senders.register('webchat', { async deliver() {} });
    const turn = async (conversationKey: string, text: string) => {
      clock += 20_000;
      const started = performance.now();
      const { turn } = await concierge.pipeline.receive({
        channel: 'webchat',
        conversationKey,
        platformUserId: conversationKey,
        text,
        eventKey: `webchat:${randomUUID()}`,
        receivedAt: now(),
      });
      await turn;
      return performance.now() - started;
    };
    for (const text of MESSAGES) await turn('warm-up', text);
    const byDay: number[][] = [];
    const dayOne = clock;
    for (let day = 0; day < DAYS; day++) {
      const samples: number[] = [];
      for (let c = 0; c < CONVERSATIONS_PER_DAY; c++)
        for (let t = 0; t < TURNS_PER_CONVERSATION; t++)
          samples.push(await turn(`day${day}-c${c}`, MESSAGES[t % MESSAGES.length] ?? 'hi'));
      byDay.push(samples);
      clock = dayOne + (day + 1) * DAY_MS;
      await pruneExpired(store.lifecycle, POLICY, logger, now());
    }
    await concierge.pipeline.drain();
    let docs = 0;
    for (const { name } of await db.listCollections().toArray())
      docs += await db.collection(name).countDocuments();
    return {
      day1: round(quantile(byDay[0] ?? [], 0.5)),
      day15: round(quantile(byDay[14] ?? [], 0.5)),
      day30: round(quantile(byDay[DAYS - 1] ?? [], 0.5)),
      docs,
    };
  } finally {
    await db.dropDatabase().catch(() => {});
    await client.close();
  }
}
