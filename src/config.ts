import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { PlatformStarter } from './adapters/module.js';
import { PLATFORMS, type PlatformConfigs } from './adapters/registry.js';
import {
  readShopifyConfig,
  SHOPIFY_VARIABLES,
  type ShopifyConfig,
} from './commerce/shopify/env.js';
import { BusinessHours, InvalidBusinessHoursError } from './domain/business-hours.js';
import { CHANNELS, type Channel } from './domain/channel.js';
import { type RetailPolicy, VERIFY_FACTORS } from './domain/retail-policy.js';
import { DEMO_RETAILER, type Retailer } from './domain/retailer.js';
import { flag, issueLines, milliseconds } from './env-values.js';
import { ConciergeError, ErrorCode } from './errors.js';

export type Env = Record<string, string | undefined>;

/**
 * A customer's quick run of messages is read as one turn after this long without another, per
 * channel. Off on Slack, whose threads keep each message in place and whose customers expect
 * an answer per message; on elsewhere, where "hi" / "quick question" / "where is my order" is
 * the way people type.
 */
const DEFAULT_BURST_DEBOUNCE = 'webchat=1200,discord=1200,teams=1200,slack=0';

/** "1500" (every channel) or "webchat=1200,slack=0" (channels not named: 0). */
function parseBurstDebounce(value: string): Record<Channel, number> | string {
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const ms = (text: string) => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null);
  const all = ms(value);
  if (all !== null) {
    for (const channel of CHANNELS) byChannel[channel] = all;
    return byChannel;
  }
  for (const part of value.split(',')) {
    const [channel = '', text = ''] = part.split('=');
    const amount = ms(text);
    if (!CHANNELS.includes(channel.trim() as Channel) || amount === null)
      return `expected milliseconds, or channel=milliseconds pairs such as webchat=1200,slack=0 (channels: ${CHANNELS.join(', ')})`;
    byChannel[channel.trim() as Channel] = amount;
  }
  return byChannel;
}

/** The demo shop's help centre (`KNOWLEDGE_DIR` names the retailer's own articles). */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(
  new URL('./knowledge/northwind', import.meta.url),
);

const EnvShape = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(3000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_FORMAT: z
    .enum(['auto', 'json', 'pretty'], { error: 'expected auto, json or pretty' })
    .default('auto'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'expected a mongodb:// or mongodb+srv:// connection string')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'expected 1 to 63 letters, digits, "_" or "-"')
    .default('concierge'),
  MONGODB_CONNECT_TIMEOUT_MS: milliseconds.default(5000),
  EMBEDDED_MONGODB: z
    .enum(['auto', 'mongod', 'ferretdb'], { error: 'expected auto, mongod or ferretdb' })
    .default('auto'),
  FERRETDB_PATH: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SPOOL_FILE: z.string().min(1).optional(),
  SPOOL_MAX_MB: z.coerce
    .number({ error: 'expected a number of megabytes' })
    .int('expected a whole number of megabytes')
    .min(1, 'expected at least 1 MB')
    .default(64),
  SEED_ON_EMPTY: flag.default(true),
  RETENTION_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(1, 'expected at least 1 day')
    .default(7),
  TRANSCRIPT_RETENTION_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(1, 'expected at least 1 day')
    .optional(),
  CONVERSATION_IDLE_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .positive('expected more than 0 minutes')
    .default(30),
  HANDOFF_IDLE_HOURS: z.coerce
    .number({ error: 'expected a number of hours' })
    .positive('expected more than 0 hours')
    .default(24),
  LEASE_TTL_MS: milliseconds.min(1000, 'expected at least 1000 milliseconds').default(15_000),
  BURST_DEBOUNCE_MS: z
    .string()
    .default(DEFAULT_BURST_DEBOUNCE)
    .transform((value, ctx) => {
      const parsed = parseBurstDebounce(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(10_000),
  PUBLIC_URL: z
    .url({ error: 'expected the public https:// address of this server' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  BUSINESS_HOURS: z.string().min(1).optional(),
  BUSINESS_TIMEZONE: z.string().min(1).default('UTC'),
  ESCALATION_UNATTENDED_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .int('expected a whole number of minutes')
    .min(1, 'expected at least 1 minute')
    .default(10),
  VERIFY_WITH: z
    .string()
    .default('email+order')
    .transform((value) =>
      value
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.enum(VERIFY_FACTORS, {
            error: `expected a comma-separated list of ${VERIFY_FACTORS.join(', ')}`,
          }),
        )
        .min(1, `expected one or more of ${VERIFY_FACTORS.join(', ')}`),
    ),
  RETURN_WINDOW_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(0, 'expected 0 or more days')
    .default(30),
  REFUND_APPROVAL_LIMIT: z.coerce
    .number({ error: 'expected an amount such as 250' })
    .min(0, 'expected an amount of 0 or more')
    .default(250),
  STAFF_SLACK_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]{6,}$/, 'expected a Slack channel id such as C0123456789')
    .optional(),
  STORE_NAME: z.string().trim().min(1).max(100).default(DEMO_RETAILER.storeName),
  STORE_SUPPORT_EMAIL: z.email({ error: 'expected an e-mail address' }).optional(),
  STORE_SUPPORT_URL: z.url({ error: 'expected the https:// address of a help page' }).optional(),
  KNOWLEDGE_DIR: z
    .string()
    .min(1)
    .refine((path) => existsSync(path), 'no such folder')
    .optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ error: 'expected a URL such as https://api.openai.com/v1' }).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: milliseconds.default(20_000),
  LLM_PRICE_INPUT_PER_MTOK: z.coerce
    .number({ error: 'expected US dollars per million tokens, such as 0.15' })
    .min(0, 'expected 0 or more')
    .default(0.15),
  LLM_PRICE_OUTPUT_PER_MTOK: z.coerce
    .number({ error: 'expected US dollars per million tokens, such as 0.6' })
    .min(0, 'expected 0 or more')
    .default(0.6),
  LLM_MAX_RETRIES: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, 'expected 0 to 5')
    .max(5, 'expected 0 to 5')
    .default(1),
});

const EnvSchema = EnvShape.extend({
  // Read here only to check the staff channel has a bot to post with; Slack reads its own.
  SLACK_BOT_TOKEN: z.string().optional(),
}).superRefine((e, ctx) => {
  const need = (when: boolean, path: string, message: string) => {
    if (when) ctx.addIssue({ code: 'custom', path: [path], message });
  };
  need(
    Boolean(e.STAFF_SLACK_CHANNEL) && !e.SLACK_BOT_TOKEN,
    'SLACK_BOT_TOKEN',
    'required when STAFF_SLACK_CHANNEL is set',
  );
  if (e.BUSINESS_HOURS) {
    try {
      BusinessHours.parse(e.BUSINESS_HOURS, e.BUSINESS_TIMEZONE);
    } catch (error) {
      if (!(error instanceof InvalidBusinessHoursError)) throw error;
      need(true, 'BUSINESS_HOURS', error.message);
    }
  }
});

const MODULES = Object.values(PLATFORMS);

/** Every variable the service reads; `.env.example` and the README document each of them. */
export const CONFIG_VARIABLES = [
  ...Object.keys(EnvShape.shape),
  ...MODULES.flatMap((m) => m.variables),
  ...SHOPIFY_VARIABLES,
];

export type LogLevel = z.infer<typeof EnvShape>['LOG_LEVEL'];
export type EmbeddedMongoChoice = z.infer<typeof EnvShape>['EMBEDDED_MONGODB'];

export interface Config extends PlatformConfigs {
  http: { host: string; port: number };
  log: { level: LogLevel; format: 'auto' | 'json' | 'pretty' };
  mongo: {
    uri: string | undefined;
    dbName: string;
    connectTimeoutMs: number;
    embedded: EmbeddedMongoChoice;
    ferretdbPath: string | undefined;
  };
  dataDir: string;
  /** Where inbound events wait, on disk, while MongoDB cannot take them. */
  spool: { file: string; maxBytes: number };
  /**
   * How long records are kept: `operationalDays` for answered inbound events, sent outbox
   * entries, claims and lease epochs; `transcriptDays` for messages (null: kept).
   */
  retention: { operationalDays: number; transcriptDays: number | null };
  /** How turns are scheduled across processes, and how bursts of messages are read. */
  conversations: {
    leaseTtlMs: number;
    burstDebounceMs: Record<Channel, number>;
    /** Quiet this long after the bot's answer, a conversation's outcome is recorded. */
    idleMs: number;
    /** Quiet this long with a person (or waiting for one), it ended handed off. */
    handoffIdleMs: number;
  };
  seedOnEmpty: boolean;
  shutdownTimeoutMs: number;
  /** The OpenAI-compatible model; null means the offline model answers. */
  llm: { apiKey: string; baseUrl: string | undefined; model: string } | null;
  llmTimeoutMs: number;
  llmMaxRetries: number;
  /** USD per million tokens, for the console's cost estimate. */
  llmPrices: { inputPerMillion: number; outputPerMillion: number };
  /** Where platforms can fetch this server's pages and images; null when not public. */
  publicUrl: string | null;
  handoff: {
    /** When staff are at work; null means always. */
    businessHours: BusinessHours | null;
    /** A queued customer is told nobody is free yet after this long. */
    unattendedAfterMs: number;
    /** Refunds above this need a person. */
    refundApprovalLimitCents: number;
    /** Where escalations are posted as threads for staff on Slack. */
    staffSlackChannel: string | null;
  };
  /** Who the bot speaks for, and the folder of its help articles, imported at start. */
  retailer: { identity: Retailer; knowledgeDir: string };
  /** How customers verify, and the return window. */
  retail: RetailPolicy;
  /** The platforms whose credentials are set (the web chat always), ready to start. */
  platforms: PlatformStarter[];
  /** The retailer's Shopify store as the commerce backend; null: the built-in MongoDB shop. */
  shopify: ShopifyConfig | null;
}

/**
 * Parses the environment into one typed Config. An empty value counts as unset, so a copied
 * `.env.example` with blank lines behaves like the defaults.
 */
export function parseConfig(env: Env): Config {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value) present[name] = value;
  const result = EnvSchema.safeParse(present);
  const readings = MODULES.map((m) => ({ channel: m.channel, reading: m.read(present) }));
  const shopify = readShopifyConfig(present);
  const issues = [
    ...(result.success ? [] : issueLines(result.error)),
    ...readings.flatMap(({ reading }) => reading.issues),
    ...shopify.issues,
  ];
  if (!result.success || issues.length > 0) {
    // Values are never echoed: some variables hold secrets.
    throw new ConciergeError(
      ErrorCode.InvalidConfig,
      `Invalid configuration (see .env.example):\n${issues.map((line) => `  ${line}`).join('\n')}`,
    );
  }
  const e = result.data;
  // Keyed by the registry's own channels, so every platform's configuration is there.
  const platformConfigs = Object.fromEntries(
    readings.map(({ channel, reading }) => [channel, reading.config]),
  ) as PlatformConfigs;
  return {
    ...platformConfigs,
    platforms: readings.flatMap(({ reading }) => (reading.starter ? [reading.starter] : [])),
    http: { host: e.HOST, port: e.PORT },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    mongo: {
      uri: e.MONGODB_URI,
      dbName: e.MONGODB_DB,
      connectTimeoutMs: e.MONGODB_CONNECT_TIMEOUT_MS,
      embedded: e.EMBEDDED_MONGODB,
      ferretdbPath: e.FERRETDB_PATH,
    },
    dataDir: e.DATA_DIR,
    retention: {
      operationalDays: e.RETENTION_DAYS,
      transcriptDays: e.TRANSCRIPT_RETENTION_DAYS ?? null,
    },
    conversations: {
      leaseTtlMs: e.LEASE_TTL_MS,
      burstDebounceMs: e.BURST_DEBOUNCE_MS,
      idleMs: Math.round(e.CONVERSATION_IDLE_MINUTES * 60_000),
      handoffIdleMs: Math.round(e.HANDOFF_IDLE_HOURS * 3_600_000),
    },
    spool: {
      file: e.SPOOL_FILE ?? join(e.DATA_DIR, 'spool', 'inbound.jsonl'),
      maxBytes: e.SPOOL_MAX_MB * 1024 * 1024,
    },
    // The demo shop is never written into a Shopify store's local copy.
    seedOnEmpty: e.SEED_ON_EMPTY && shopify.config === null,
    shopify: shopify.config,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL }
      : null,
    llmTimeoutMs: e.LLM_TIMEOUT_MS,
    llmMaxRetries: e.LLM_MAX_RETRIES,
    llmPrices: {
      inputPerMillion: e.LLM_PRICE_INPUT_PER_MTOK,
      outputPerMillion: e.LLM_PRICE_OUTPUT_PER_MTOK,
    },
    publicUrl: e.PUBLIC_URL ?? null,
    retailer: {
      identity: {
        storeName: e.STORE_NAME,
        supportEmail: e.STORE_SUPPORT_EMAIL ?? null,
        supportUrl: e.STORE_SUPPORT_URL ?? null,
      },
      knowledgeDir: e.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR,
    },
    retail: { verifyWith: e.VERIFY_WITH, returnWindowDays: e.RETURN_WINDOW_DAYS },
    handoff: {
      businessHours: e.BUSINESS_HOURS
        ? BusinessHours.parse(e.BUSINESS_HOURS, e.BUSINESS_TIMEZONE)
        : null,
      unattendedAfterMs: e.ESCALATION_UNATTENDED_MINUTES * 60_000,
      refundApprovalLimitCents: Math.round(e.REFUND_APPROVAL_LIMIT * 100),
      staffSlackChannel: e.STAFF_SLACK_CHANNEL ?? null,
    },
  };
}

/** The process environment over the values of a `.env` file: the real environment wins. */
export function withEnvFile(env: Env, path = '.env'): Env {
  if (!existsSync(path)) return env;
  return { ...parseEnv(readFileSync(path, 'utf8')), ...env };
}
