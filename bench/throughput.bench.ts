import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AppProcess, startAppProcess } from '../test/helpers/app-process.js';
import { pickMongo } from '../test/helpers/pick-mongo.js';
import { growth } from './lib/growth.js';
import { startMongoJavaServer } from './lib/mongo-java-server.js';
import { SseClient } from './lib/sse-client.js';
import { quantile, round } from './lib/stats.js';
import type { Benchmark } from './run.js';

/** Questions the offline model answers with a tool, changing nothing. */
const MESSAGES = [
  'what is your return policy?',
  'waterproof hiking boots under $150',
  'do you ship internationally?',
  'is the Fjordlite Canyon Hiking Boot in stock in size 42?',
];
const CONVERSATIONS = 200;
const LATENCY_CONVERSATIONS = 50;
const LATENCY_ROUNDS = 4;
const REPLY_TIMEOUT_MS = 120_000;
const PROCESS_COUNTS = [1, 2, 4] as const;
/** Turns per conversation per run: FerretDB's scans make each turn far slower there. */
const TURNS = { 'mongo-java-server': 5, ferretdb: 2 } as const;
const CLOCK_TICKS_PER_S = 100;

interface Tally {
  sent: number;
  replies: number;
  lost: number;
  duplicated: number;
  latencies: number[];
  wallMs: number;
  cpuMs: number;
}

/** User + system CPU of a process so far, from /proc (Linux), in ms. */
function cpuMsOf(pid: number | undefined): number {
  if (!pid) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

/** `processes` apps on one fresh database; the first seeds the demo shop before the rest start. */
async function startApps(uri: string, processes: number): Promise<AppProcess[]> {
  const env = {
    MONGODB_URI: uri,
    MONGODB_DB: `throughput_${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: 'warn',
    BURST_DEBOUNCE_MS: '0',
    WEBCHAT_MESSAGES_PER_MINUTE: '100000',
    WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: '100000',
  };
  const apps: AppProcess[] = [];
  for (let i = 0; i < processes; i++) {
    const app = await startAppProcess(env);
    await app.waitForReadyz(200, 180_000);
    apps.push(app);
  }
  return apps;
}

/**
 * `conversations` web chat sessions, spread over the apps, each sending `turns` messages one
 * after another (the next once the reply to the last arrived over its event stream).
 */
async function drive(apps: AppProcess[], conversations: number, turns: number): Promise<Tally> {
  const sessions = await Promise.all(
    Array.from({ length: conversations }, async (_, i) => {
      const app = apps[i % apps.length] as AppProcess;
      const { sessionId } = (await (
        await fetch(`${app.url}/api/chat/sessions`, { method: 'POST' })
      ).json()) as { sessionId: string };
      const events = await SseClient.open(`${app.url}/api/chat/events?sessionId=${sessionId}`);
      return { app, sessionId, events, received: 0 };
    }),
  );
  const tally: Tally = {
    sent: 0,
    replies: 0,
    lost: 0,
    duplicated: 0,
    latencies: [],
    wallMs: 0,
    cpuMs: 0,
  };
  const cpuBefore = apps.map((a) => cpuMsOf(a.child.pid));
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session, i) => {
      for (let turn = 0; turn < turns; turn++) {
        const sentAt = performance.now();
        const reply = session.events.next('message');
        tally.sent++;
        await fetch(`${session.app.url}/api/chat/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sessionId: session.sessionId,
            text: MESSAGES[(turn + i) % MESSAGES.length],
            clientMessageId: randomUUID(),
          }),
        });
        const arrived = await Promise.race([
          reply.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), REPLY_TIMEOUT_MS)),
        ]);
        if (!arrived) {
          tally.lost++;
          return;
        }
        session.received++;
        tally.latencies.push(performance.now() - sentAt);
      }
    }),
  );
  tally.wallMs = performance.now() - started;
  tally.cpuMs = apps.reduce((sum, a, i) => sum + cpuMsOf(a.child.pid) - (cpuBefore[i] ?? 0), 0);
  // A second reply to any message would arrive now.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const session of sessions) {
    tally.duplicated += session.events.queued('message');
    tally.replies += session.received;
    session.events.close();
  }
  return tally;
}

async function measureOn(label: 'mongo-java-server' | 'ferretdb', uri: string) {
  const metrics: Record<string, number> = {};
  const suffix = label === 'ferretdb' ? '_ferretdb' : '';
  let lost = 0;
  let duplicated = 0;
  for (const processes of PROCESS_COUNTS) {
    const apps = await startApps(uri, processes);
    try {
      const tally = await drive(apps, CONVERSATIONS, TURNS[label]);
      console.log(
        `  ${label} ${processes} process(es): ${tally.replies}/${tally.sent} replies in ${round(tally.wallMs / 1000)} s`,
      );
      metrics[`replies_per_s_${processes}proc${suffix}`] = round(
        tally.replies / (tally.wallMs / 1000),
      );
      if (processes === 1) metrics[`cpu_ms_per_turn${suffix}`] = round(tally.cpuMs / tally.replies);
      lost += tally.lost;
      duplicated += tally.duplicated;
    } finally {
      await Promise.all(apps.map((a) => a.stop('SIGTERM')));
    }
  }
  const [app] = await startApps(uri, 1);
  try {
    if (!app) throw new Error('no app');
    const tally = await drive([app], LATENCY_CONVERSATIONS, LATENCY_ROUNDS);
    metrics[`p50_ms_c50${suffix}`] = round(quantile(tally.latencies, 0.5));
    metrics[`p99_ms_c50${suffix}`] = round(quantile(tally.latencies, 0.99));
    lost += tally.lost;
    duplicated += tally.duplicated;
  } finally {
    await app?.stop('SIGTERM');
  }
  return { metrics, lost, duplicated };
}

const NOTES =
  'Offline model, no LLM. Each run starts N app processes (node --import tsx src/main.ts, ' +
  'as npm start) on one fresh database, the first seeding the demo shop, with ' +
  'BURST_DEBOUNCE_MS=0 and the web chat rate limits lifted; 200 web chat conversations spread ' +
  'round the processes each send their messages one after another (the next once the reply ' +
  "arrived over the session's event stream): 5 each on mongo-java-server, 2 on FerretDB. " +
  'replies_per_s_Nproc = replies / wall time; cpu_ms_per_turn = user+system CPU of the app ' +
  'process (from /proc) per reply in the 1-process run (the database server and the load ' +
  'generator run on the same 2 cores and are not counted); p50/p99_ms_c50 = message POST to ' +
  'reply on the event stream, 50 conversations sending at once, 4 rounds, 1 process. lost = ' +
  'no reply within 120 s, duplicated = a second reply to a message, over every run. growth: ' +
  'in process on FerretDB, 30 simulated days of 20 web chat conversations of 3 turns, the ' +
  'retention job run at each day end with RETENTION_DAYS=7 and TRANSCRIPT_RETENTION_DAYS=14; ' +
  'p50 turn (message in to reply stored) on days 1, 15 and 30; documents = every collection, ' +
  'demo shop included, at the end.';

const bench: Benchmark = {
  name: 'throughput',
  async run() {
    const mjs = await startMongoJavaServer();
    let onMjs: Awaited<ReturnType<typeof measureOn>>;
    try {
      onMjs = await measureOn('mongo-java-server', mjs.uri);
    } finally {
      await mjs.stop();
    }
    const ferret = await pickMongo();
    let onFerret: Awaited<ReturnType<typeof measureOn>>;
    let grown: Awaited<ReturnType<typeof growth>>;
    try {
      onFerret = await measureOn('ferretdb', ferret.uri);
      grown = await growth(ferret.uri);
    } finally {
      await ferret.stop();
    }
    const ratio = (m: Record<string, number>, s = '') =>
      round((m[`replies_per_s_2proc${s}`] ?? 0) / (m[`replies_per_s_1proc${s}`] ?? 1), 2);
    return {
      mongo: `mongo-java-server 1.47 (memory) and ${ferret.description}`,
      metrics: {
        ...onMjs.metrics,
        two_over_one_ratio: ratio(onMjs.metrics),
        ...onFerret.metrics,
        two_over_one_ratio_ferretdb: ratio(onFerret.metrics, '_ferretdb'),
        growth_day1_p50_ms_ferretdb: grown.day1,
        growth_day15_p50_ms_ferretdb: grown.day15,
        growth_day30_p50_ms_ferretdb: grown.day30,
        growth_day30_over_day1_ratio_ferretdb: round(grown.day30 / grown.day1, 2),
        growth_day30_over_day15_ratio_ferretdb: round(grown.day30 / grown.day15, 2),
        growth_documents_day30_ferretdb: grown.docs,
        lost: onMjs.lost + onFerret.lost,
        duplicated: onMjs.duplicated + onFerret.duplicated,
      },
      notes: NOTES,
    };
  },
};

export default bench;
