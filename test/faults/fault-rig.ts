import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { replyOutboxId } from '../../src/conversation/pipeline.js';
import type { FakeOpenAI, FakeReply } from '../../src/eval/scripted-openai.js';
import { createLogger } from '../../src/logger.js';
import { findFerretdb, startFerretdb } from '../../src/store/server/ferretdb.js';
import { findFreePort } from '../../src/store/server/free-port.js';
import type { RunningMongo } from '../../src/store/server/running-server.js';
import { FakeSlack, SLACK_SIGNING_SECRET, slackSignature } from '../fakes/slack.js';
import { type AppProcess, startAppProcess } from '../helpers/app-process.js';

/** Questions the offline model answers without changing anything or calling a person. */
const QUESTIONS = [
  'What is your return policy?',
  'What is your shipping policy?',
  'Do you ship internationally?',
];
/** A Slack request gets this long for its answer, as Slack gives it, before it is sent again. */
const SLACK_ACK_TIMEOUT_MS = 3000;
const RETRY_PAUSE_MS = 1000;

export const ferretdbBinary = findFerretdb(process.env);

/** One customer message as the rig sent it, and what became of it. */
interface SentEvent {
  eventId: string;
  channel: string;
  index: number;
  firstSentAt: number;
  ackedAt: number | null;
  attempts: number;
}

export interface FaultTally {
  messages: number;
  /** Messages never answered. */
  lost: number;
  /** Replies delivered more than once. */
  duplicated: number;
  /** Replies that reached a conversation before the reply to an earlier message of it. */
  out_of_order: number;
  /** Acknowledged (HTTP 200) and then never answered: acknowledged before they were kept. */
  acks_before_durable: number;
  /** Exits of the app that the rig did not cause. */
  process_exits: number;
  /** From the database's return to /readyz 200, the longest over the run's outages. */
  ready_after_db_back_s: number | null;
  /** From a message's first send to its reply at Slack, the longest. */
  max_reply_delay_s: number;
  /** From a message's first send to its 200, over acknowledged messages. */
  ack_p50_ms: number;
  ack_p99_ms: number;
  ack_max_ms: number;
  /** Requests Slack would have sent again (no 200 in 3 s). */
  retries: number;
  /** The conversations answered out of order, with the order their replies came in. */
  disorder: string[];
}

export interface FaultRigOptions {
  /** Extra environment for the app (an LLM, Socket Mode, ...). */
  env?: Record<string, string>;
  /** Start the app before the database is up. */
  databaseDown?: boolean;
  /** How many app processes share the database (each with its own spool); 1 by default. */
  processes?: number;
}

/**
 * The real app as a child process (as `npm start` runs it) on a FerretDB it may stop and
 * start, with a fake Slack, and Slack's side of the Events API: signed requests, sent again
 * (same event id, x-slack-retry-num) until one is answered 200 within 3 s.
 */
export class FaultRig {
  readonly slack = new FakeSlack();
  /** The app processes; Slack's requests go round them, a retry to the next one. */
  readonly apps: AppProcess[] = [];
  private database: RunningMongo | null = null;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'concierge-faults-db-'));
  private appDirs: string[] = [];
  private port = 0;
  private readonly sent: SentEvent[] = [];
  /** Apps the rig stopped or killed itself. */
  private readonly stopping = new Set<AppProcess>();
  private unexpectedExits = 0;
  private readyAfterBack: number[] = [];
  private retries = 0;
  private readonly run = Math.random().toString(36).slice(2, 8).toUpperCase();
  private env: Record<string, string> = {};

  static async start(options: FaultRigOptions = {}): Promise<FaultRig> {
    const rig = new FaultRig();
    rig.appDirs = Array.from({ length: options.processes ?? 1 }, () =>
      mkdtempSync(join(tmpdir(), 'concierge-faults-app-')),
    );
    await rig.slack.start();
    rig.port = await findFreePort();
    if (!options.databaseDown) await rig.startDatabase();
    rig.env = {
      MONGODB_URI: `mongodb://127.0.0.1:${rig.port}/`,
      MONGODB_DB: `faults_${rig.run.toLowerCase()}`,
      MONGODB_CONNECT_TIMEOUT_MS: '2000',
      SEED_ON_EMPTY: 'false',
      SLACK_BOT_TOKEN: 'xoxb-faults',
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: rig.slack.apiUrl,
      LOG_LEVEL: 'info',
      ...options.env,
    };
    for (const index of rig.appDirs.keys()) {
      await rig.startApp(index);
      // Listening either way: ready, or saying it is not (503) while the database is down.
      await rig.apps[index]?.waitForReadyz(options.databaseDown ? 503 : 200, 60_000);
    }
    return rig;
  }

  /** The first app process (the only one, unless several were asked for). */
  get app(): AppProcess {
    const [first] = this.apps;
    if (!first) throw new Error('the rig has not started its app');
    return first;
  }

  get url(): string {
    return this.app.url;
  }

  /** Where the first app keeps its inbound spool (DATA_DIR is its working folder's ./data). */
  get spoolFile(): string {
    return join(this.appDirs[0] ?? '', 'data', 'spool', 'inbound.jsonl');
  }

  /** The database the apps share, for assertions on what they stored. */
  get mongo(): { uri: string; dbName: string } {
    return { uri: this.env.MONGODB_URI ?? '', dbName: this.env.MONGODB_DB ?? '' };
  }

  async startDatabase(): Promise<void> {
    const binary = ferretdbBinary;
    if (!binary) throw new Error('no FerretDB binary: the fault rig needs a server it can stop');
    this.database = await startFerretdb({
      binary,
      dataDir: this.dataDir,
      port: this.port,
      logger: createLogger({ level: 'silent', format: 'json' }),
    });
  }

  async stopDatabase(): Promise<void> {
    await this.database?.stop();
    this.database = null;
  }

  /** Brings the database back and measures how long /readyz takes to say so. */
  async restoreDatabase(timeoutMs = 90_000): Promise<number> {
    await this.startDatabase();
    const back = Date.now();
    await this.app.waitForReadyz(200, timeoutMs);
    const seconds = (Date.now() - back) / 1000;
    this.readyAfterBack.push(seconds);
    return seconds;
  }

  /** kill -9, then `npm start` again in the same folder (so on the same spool). */
  /** Kills the `index`-th app with SIGKILL and starts it again on the same folder. */
  async killAndRestart(index = 0): Promise<void> {
    const app = this.apps[index];
    if (app) this.stopping.add(app);
    await app?.stop('SIGKILL');
    await this.startApp(index);
  }

  /**
   * Sends `perConversation` messages in each of `conversations` DMs, one after another in
   * each (the next once the last is answered 200), the DMs side by side.
   */
  async load(conversations: number, perConversation: number, gapMs = 100): Promise<void> {
    await Promise.all(
      Array.from({ length: conversations }, async (_, c) => {
        for (let m = 0; m < perConversation; m++) {
          await this.send(this.channel(c), m);
          await sleep(gapMs);
        }
      }),
    );
  }

  /** The DM of the rig's `c`-th customer. */
  channel(c: number): string {
    return `DF${this.run}${c}`;
  }

  /** One customer message, sent until it is acknowledged (or `giveUpMs` passes). */
  async send(channel: string, index: number, giveUpMs = 240_000): Promise<void> {
    const record: SentEvent = {
      eventId: this.eventId(channel, index),
      channel,
      index,
      firstSentAt: Date.now(),
      ackedAt: null,
      attempts: 0,
    };
    this.sent.push(record);
    while (Date.now() - record.firstSentAt < giveUpMs) {
      record.attempts++;
      if ((await this.post(channel, index, record.attempts - 1)) === 200) {
        record.ackedAt = Date.now();
        return;
      }
      this.retries++;
      await sleep(RETRY_PAUSE_MS);
    }
  }

  /** Slack sending a message again that it already had a 200 for (its retries overlap). */
  resend(channel: string, index: number, retryNum = 1): Promise<number> {
    return this.post(channel, index, retryNum);
  }

  /** The Events API body of a message, as Slack sends it. */
  eventBody(channel: string, index: number): Record<string, unknown> {
    return {
      type: 'event_callback',
      team_id: 'T1',
      event_id: this.eventId(channel, index),
      event: {
        type: 'message',
        channel_type: 'im',
        channel,
        user: `U${channel}`,
        text: QUESTIONS[index % QUESTIONS.length],
        ts: `${1_700_000_000 + index}.000100`,
      },
    };
  }

  /** Counts a message sent another way (over Socket Mode) among those to be answered. */
  expect(channel: string, index: number, sentAt: number, ackedAt: number | null): void {
    this.sent.push({
      eventId: this.eventId(channel, index),
      channel,
      index,
      firstSentAt: sentAt,
      ackedAt,
      attempts: 1,
    });
  }

  private eventId(channel: string, index: number): string {
    return `EvF${this.run}-${channel}-${index}`;
  }

  /** One signed request; the status, or 0 when there was no answer in Slack's 3 s. */
  private post(channel: string, index: number, retryNum: number): Promise<number> {
    const body = JSON.stringify(this.eventBody(channel, index));
    // Round the processes, as a load balancer would; a retry goes to the next one.
    const target = this.apps[(hashOf(`${channel}:${index}`) + retryNum) % this.apps.length];
    if (!target) return Promise.resolve(0);
    return fetch(`${target.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...slackSignature(body),
        ...(retryNum > 0
          ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'timeout' }
          : {}),
      },
      body,
      signal: AbortSignal.timeout(SLACK_ACK_TIMEOUT_MS),
    }).then(
      (response) => response.status,
      () => 0,
    );
  }

  /** Waits (up to `timeoutMs`) for every message to be answered, then counts. */
  async tally(timeoutMs = 120_000): Promise<FaultTally> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.unanswered().length > 0) await sleep(250);
    // Late duplicates show up a moment after the last reply.
    await sleep(1500);
    const firstPosts = this.replyPosts();
    const seen = new Map<string, number>();
    for (const post of firstPosts) seen.set(post.outboxId, (seen.get(post.outboxId) ?? 0) + 1);
    const byOutboxId = new Map(this.sent.map((e) => [replyOutboxId(`slack:${e.eventId}`), e]));
    let outOfOrder = 0;
    let maxDelay = 0;
    const lastIndex = new Map<string, number>();
    const counted = new Set<string>();
    const order = new Map<string, number[]>();
    for (const post of firstPosts) {
      const event = byOutboxId.get(post.outboxId);
      if (!event || counted.has(post.outboxId)) continue;
      counted.add(post.outboxId);
      maxDelay = Math.max(maxDelay, post.at - event.firstSentAt);
      const last = lastIndex.get(event.channel) ?? -1;
      if (event.index < last) outOfOrder++;
      order.set(event.channel, [...(order.get(event.channel) ?? []), event.index]);
      lastIndex.set(event.channel, Math.max(last, event.index));
    }
    const unanswered = this.unanswered();
    const acks = this.sent
      .flatMap((e) => (e.ackedAt === null ? [] : [e.ackedAt - e.firstSentAt]))
      .sort((a, b) => a - b);
    const at = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))] ?? 0;
    return {
      messages: this.sent.length,
      lost: unanswered.length,
      duplicated: [...seen.values()].reduce((sum, n) => sum + n - 1, 0),
      out_of_order: outOfOrder,
      acks_before_durable: unanswered.filter((e) => e.ackedAt !== null).length,
      process_exits: this.unexpectedExits,
      ready_after_db_back_s: this.readyAfterBack.length
        ? Math.round(Math.max(...this.readyAfterBack) * 10) / 10
        : null,
      max_reply_delay_s: Math.round(maxDelay / 100) / 10,
      ack_p50_ms: at(0.5),
      ack_p99_ms: at(0.99),
      ack_max_ms: acks.at(-1) ?? 0,
      retries: this.retries,
      disorder: [...order]
        .filter(([, indexes]) => indexes.some((index, i) => i > 0 && index < (indexes[i - 1] ?? 0)))
        .map(([channel, indexes]) => `${channel}: ${indexes.join(',')}`),
    };
  }

  /** The apps' output, for a failing test's message. */
  output(): string {
    const share = Math.floor(6000 / this.apps.length);
    return this.apps.map((app) => app.output().slice(-share)).join('\n---\n');
  }

  get alive(): boolean {
    return this.apps.every((app) => app.child.exitCode === null && app.child.signalCode === null);
  }

  async stop(): Promise<void> {
    for (const app of this.apps) this.stopping.add(app);
    await Promise.all(this.apps.map((app) => app.stop('SIGTERM')));
    await this.stopDatabase();
    await this.slack.stop();
  }

  private async startApp(index: number): Promise<void> {
    const app = await startAppProcess(this.env, this.appDirs[index]);
    this.apps[index] = app;
    void app.exited.then(() => {
      if (!this.stopping.has(app)) this.unexpectedExits++;
    });
  }

  private replyPosts(): { outboxId: string; at: number }[] {
    return this.slack.posts().flatMap((call) => {
      const payload = (call.args.metadata as { event_payload?: Record<string, unknown> })
        ?.event_payload;
      return payload && payload.part === 0 && typeof payload.outbox_id === 'string'
        ? [{ outboxId: payload.outbox_id, at: call.at }]
        : [];
    });
  }

  private unanswered(): SentEvent[] {
    const answered = new Set(this.replyPosts().map((p) => p.outboxId));
    return this.sent.filter((e) => !answered.has(replyOutboxId(`slack:${e.eventId}`)));
  }
}

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** A rig with its app ready (or started on a database that is down, when asked). */
export function startFaultRig(options: FaultRigOptions = {}): Promise<FaultRig> {
  return FaultRig.start(options);
}

/** What every fault run must show: each message answered once, in order, by a living process. */
export const EXACTLY_ONCE_IN_ORDER = {
  lost: 0,
  duplicated: 0,
  out_of_order: 0,
  acks_before_durable: 0,
  process_exits: 0,
} as const;

/**
 * Makes the fake OpenAI-compatible server fail (500), hang, then answer, in turn, and starts
 * it; resolves to the app's environment for it (1.5 s timeout, no retries).
 */
export async function flakyLlm(llm: FakeOpenAI): Promise<Record<string, string>> {
  const turns: FakeReply[] = [
    { kind: 'status', status: 500 },
    { kind: 'hang' },
    { kind: 'text', text: 'Happy to help with that.' },
  ];
  let call = 0;
  llm.answerOtherwise(() => turns[call++ % turns.length] ?? { kind: 'hang' });
  return {
    OPENAI_API_KEY: 'sk-faults',
    OPENAI_BASE_URL: await llm.start(),
    LLM_TIMEOUT_MS: '1500',
    LLM_MAX_RETRIES: '0',
  };
}
