import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line: secrets and customer contact details. */
const SENSITIVE_KEYS = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'clientSecret',
  'signingSecret',
  'authorization',
  'cookie',
  'sessionId',
  'email',
  'phone',
  'address',
  'shippingAddress',
];

export const REDACT_PATHS = [
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'req.headers["x-api-key"]',
  'req.headers["set-cookie"]',
];

export interface LoggerOptions {
  level: LogLevel;
  format: 'auto' | 'json' | 'pretty';
  /** Where lines go; stdout when omitted. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: { service: 'concierge' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  const wantsPretty =
    options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  if (wantsPretty) {
    return pino(
      base,
      pretty({
        destination: options.destination ?? 1,
        ignore: 'pid,hostname,service',
        translateTime: 'SYS:HH:MM:ss.l',
        sync: true,
      }),
    );
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

/** A mongodb:// URI with any password replaced, fit for logs and messages. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]+):[^@/]*@/, '$1:[redacted]@');
}

/**
 * Query parameters whose values never reach a log line: the web chat session id is a bearer
 * credential, and a staff search can be a customer's e-mail.
 */
const SENSITIVE_QUERY = new Set(['sessionid', 'session', 'q', 'token', 'code']);

/** A request URL fit for logs: the path, and the query with sensitive values replaced. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const [name = ''] = pair.split('=', 1);
      return SENSITIVE_QUERY.has(decodeURIComponentSafe(name).toLowerCase())
        ? `${name}=[redacted]`
        : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
