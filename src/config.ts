import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { BusinessHours } from './conversation/business-hours.js';
import { ConciergeError, ErrorCode, isConciergeError } from './errors.js';

export type Env = Record<string, string | undefined>;

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const milliseconds = z.coerce
  .number({ error: 'expected a number of milliseconds' })
  .int('expected a whole number of milliseconds')
  .min(1, 'expected at least 1 millisecond');

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
  SEED_ON_EMPTY: flag.default(true),
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(10_000),
  WEBCHAT_MESSAGES_PER_MINUTE: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(20),
  WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(60),
  PUBLIC_URL: z
    .url({ error: 'expected the public https:// address of this server' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-\S+$/, 'expected a bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/i, 'expected the hexadecimal signing secret')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/, 'expected an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: z.url({ error: 'expected a URL such as https://slack.com/api/' }).optional(),
  DISCORD_BOT_TOKEN: z.string().min(20, 'expected a Discord bot token').optional(),
  DISCORD_API_URL: z.url({ error: 'expected a URL such as https://discord.com/api' }).optional(),
  TEAMS_ENABLED: flag.default(false),
  MICROSOFT_APP_ID: z.uuid({ error: "expected the bot's app id (a GUID)" }).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.uuid({ error: 'expected a tenant id (a GUID)' }).optional(),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error: 'expected MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('MultiTenant'),
  BUSINESS_HOURS: z.string().min(1).optional(),
  BUSINESS_TIMEZONE: z.string().min(1).default('UTC'),
  ESCALATION_UNATTENDED_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .int('expected a whole number of minutes')
    .min(1, 'expected at least 1 minute')
    .default(10),
  REFUND_APPROVAL_LIMIT: z.coerce
    .number({ error: 'expected an amount such as 250' })
    .min(0, 'expected an amount of 0 or more')
    .default(250),
  STAFF_SLACK_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]{6,}$/, 'expected a Slack channel id such as C0123456789')
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

const EnvSchema = EnvShape.superRefine((e, ctx) => {
  const need = (when: boolean, path: string, message: string) => {
    if (when) ctx.addIssue({ code: 'custom', path: [path], message });
  };
  need(
    Boolean(e.SLACK_BOT_TOKEN) && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN,
    'SLACK_SIGNING_SECRET',
    'required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)',
  );
  need(
    !e.SLACK_BOT_TOKEN && Boolean(e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN),
    'SLACK_BOT_TOKEN',
    'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
  );
  need(
    Boolean(e.MICROSOFT_APP_ID) &&
      e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' &&
      !e.MICROSOFT_APP_PASSWORD,
    'MICROSOFT_APP_PASSWORD',
    'required with MICROSOFT_APP_ID',
  );
  need(
    Boolean(e.STAFF_SLACK_CHANNEL) && !e.SLACK_BOT_TOKEN,
    'SLACK_BOT_TOKEN',
    'required when STAFF_SLACK_CHANNEL is set',
  );
  if (e.BUSINESS_HOURS) {
    try {
      BusinessHours.parse(e.BUSINESS_HOURS, e.BUSINESS_TIMEZONE);
    } catch (error) {
      if (!isConciergeError(error)) throw error;
      need(true, 'BUSINESS_HOURS', error.message);
    }
  }
  need(
    e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID,
    'MICROSOFT_APP_TENANT_ID',
    `required when MICROSOFT_APP_TYPE is ${e.MICROSOFT_APP_TYPE}`,
  );
});

/** Every variable the service reads; `.env.example` documents each of them. */
export const CONFIG_VARIABLES = Object.keys(EnvShape.shape);

export type LogLevel = z.infer<typeof EnvShape>['LOG_LEVEL'];
export type EmbeddedMongoChoice = z.infer<typeof EnvShape>['EMBEDDED_MONGODB'];

export interface Config {
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
  seedOnEmpty: boolean;
  shutdownTimeoutMs: number;
  /** The OpenAI-compatible model; null means the offline model answers. */
  llm: { apiKey: string; baseUrl: string | undefined; model: string } | null;
  llmTimeoutMs: number;
  llmMaxRetries: number;
  /** USD per million tokens, for the console's cost estimate. */
  llmPrices: { inputPerMillion: number; outputPerMillion: number };
  webchat: { perSessionPerMinute: number; perAddressPerMinute: number };
  /** Where platforms can fetch this server's pages and images; null when not public. */
  publicUrl: string | null;
  /** Each platform is null unless its credentials are set. */
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  } | null;
  discord: { botToken: string; apiUrl: string | undefined } | null;
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
  teams: {
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  } | null;
}

/**
 * Parses the environment into one typed Config. An empty value counts as unset, so a copied
 * `.env.example` with blank lines behaves like the defaults.
 */
export function parseConfig(env: Env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    // Values are never echoed: some variables hold secrets.
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConciergeError(
      ErrorCode.InvalidConfig,
      `Invalid configuration (see .env.example):\n${lines.join('\n')}`,
    );
  }
  const e = result.data;
  return {
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
    seedOnEmpty: e.SEED_ON_EMPTY,
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
    webchat: {
      perSessionPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE,
      perAddressPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS,
    },
    publicUrl: e.PUBLIC_URL ?? null,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : null,
    handoff: {
      businessHours: e.BUSINESS_HOURS
        ? BusinessHours.parse(e.BUSINESS_HOURS, e.BUSINESS_TIMEZONE)
        : null,
      unattendedAfterMs: e.ESCALATION_UNATTENDED_MINUTES * 60_000,
      refundApprovalLimitCents: Math.round(e.REFUND_APPROVAL_LIMIT * 100),
      staffSlackChannel: e.STAFF_SLACK_CHANNEL ?? null,
    },
    discord: e.DISCORD_BOT_TOKEN
      ? { botToken: e.DISCORD_BOT_TOKEN, apiUrl: e.DISCORD_API_URL }
      : null,
    teams:
      e.TEAMS_ENABLED || e.MICROSOFT_APP_ID
        ? {
            appId: e.MICROSOFT_APP_ID,
            appPassword: e.MICROSOFT_APP_PASSWORD,
            tenantId: e.MICROSOFT_APP_TENANT_ID,
            appType: e.MICROSOFT_APP_TYPE,
          }
        : null,
  };
}

/** The process environment over the values of a `.env` file: the real environment wins. */
export function withEnvFile(env: Env, path = '.env'): Env {
  if (!existsSync(path)) return env;
  return { ...parseEnv(readFileSync(path, 'utf8')), ...env };
}
