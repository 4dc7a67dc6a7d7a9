import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, parseConfig, withEnvFile } from '../../src/config.js';
import { ConciergeError, ErrorCode } from '../../src/errors.js';

function configError(env: Record<string, string>): ConciergeError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConciergeError) return error;
    throw error;
  }
  throw new Error('expected parseConfig to fail');
}

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.mongo.uri).toBeUndefined();
    expect(config.mongo.dbName).toBe('concierge');
    expect(config.mongo.embedded).toBe('auto');
    expect(config.seedOnEmpty).toBe(true);
  });

  it('reads and converts values', () => {
    const config = parseConfig({
      PORT: '8080',
      MONGODB_URI: 'mongodb+srv://user:pw@cluster.example.net/',
      SEED_ON_EMPTY: 'no',
      LOG_FORMAT: 'json',
    });
    expect(config.http.port).toBe(8080);
    expect(config.mongo.uri).toBe('mongodb+srv://user:pw@cluster.example.net/');
    expect(config.seedOnEmpty).toBe(false);
    expect(config.log.format).toBe('json');
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ PORT: '', MONGODB_URI: '' }).http.port).toBe(3000);
  });

  it('names the variable and what was expected', () => {
    const error = configError({ PORT: 'abc' });
    expect(error.code).toBe(ErrorCode.InvalidConfig);
    expect(error.message).toMatch(/PORT: expected a port number/);
  });

  it('reports every bad variable at once', () => {
    const error = configError({ PORT: '70000', LOG_LEVEL: 'loud', SEED_ON_EMPTY: 'maybe' });
    expect(error.message).toMatch(/PORT: expected a port from 0 to 65535/);
    expect(error.message).toMatch(/LOG_LEVEL: expected one of/);
    expect(error.message).toMatch(/SEED_ON_EMPTY: expected true or false/);
  });

  it('never echoes the value, which may be a secret', () => {
    const error = configError({ MONGODB_URI: 'postgres://admin:hunter2@db/' });
    expect(error.message).toMatch(/MONGODB_URI: expected a mongodb:\/\//);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('.env.example', () => {
  it('documents every variable, and parses as it stands', () => {
    const text = readFileSync(join(import.meta.dirname, '../../.env.example'), 'utf8');
    const documented = Object.keys(parseEnv(text));
    expect(documented.sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(() => parseConfig(parseEnv(text))).not.toThrow();
  });
});

describe('withEnvFile', () => {
  it('fills in from the file, and the real environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concierge-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nMONGODB_DB=fromfile\n# a comment\n');
    const env = withEnvFile({ PORT: '5000' }, file);
    expect(env.PORT).toBe('5000');
    expect(env.MONGODB_DB).toBe('fromfile');
  });

  it('is the environment itself when there is no file', () => {
    const env = { PORT: '1' };
    expect(withEnvFile(env, '/nonexistent/.env')).toBe(env);
  });
});

describe('platform configuration', () => {
  it('starts no platform without credentials, and each one with its own', () => {
    const none = parseConfig({});
    expect([none.slack, none.discord, none.teams]).toEqual([null, null, null]);
    const all = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-abc',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      DISCORD_BOT_TOKEN: 'MTAw.a-discord-bot-token',
      MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
      MICROSOFT_APP_PASSWORD: 'secret',
      PUBLIC_URL: 'https://bot.example.com/',
    });
    expect(all.slack?.signingSecret).toBe('0123456789abcdef0123456789abcdef');
    expect(all.discord?.botToken).toBe('MTAw.a-discord-bot-token');
    expect(all.teams?.appId).toBe('00000000-0000-4000-8000-000000000001');
    expect(all.publicUrl).toBe('https://bot.example.com');
    expect(parseConfig({ TEAMS_ENABLED: 'true' }).teams?.appId).toBeUndefined();
  });

  it('names what is missing or malformed, without echoing secrets', () => {
    const slack = configError({ SLACK_BOT_TOKEN: 'xoxb-1-abc' }).message;
    expect(slack).toContain('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN');
    expect(configError({ SLACK_SIGNING_SECRET: '0123456789abcdef' }).message).toContain(
      'SLACK_BOT_TOKEN: required',
    );
    const wrongToken = configError({ SLACK_BOT_TOKEN: 'xoxp-user-token-oops' }).message;
    expect(wrongToken).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    expect(wrongToken).not.toContain('oops');
    expect(
      configError({ MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001' }).message,
    ).toContain('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID');
    expect(configError({ MICROSOFT_APP_TYPE: 'SingleTenant' }).message).toContain(
      'MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant',
    );
  });
});

describe('handoff settings', () => {
  it('reads business hours, the waiting time, the refund limit and the staff channel', () => {
    const config = parseConfig({
      BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
      BUSINESS_TIMEZONE: 'Europe/Berlin',
      ESCALATION_UNATTENDED_MINUTES: '5',
      REFUND_APPROVAL_LIMIT: '99.50',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: '0123456789abcdef',
      STAFF_SLACK_CHANNEL: 'C0123456789',
    });
    expect(config.handoff.businessHours?.timeZone).toBe('Europe/Berlin');
    expect(config.handoff).toMatchObject({
      unattendedAfterMs: 300_000,
      refundApprovalLimitCents: 9950,
      staffSlackChannel: 'C0123456789',
    });
    expect(parseConfig({}).handoff.businessHours).toBeNull();
  });

  it('names a bad value and what is missing', () => {
    expect(configError({ BUSINESS_HOURS: 'weekdays' }).message).toMatch(
      /BUSINESS_HOURS: .*cannot read "weekdays"/,
    );
    expect(
      configError({ BUSINESS_HOURS: 'Mon 09:00-17:00', BUSINESS_TIMEZONE: 'Nowhere/City' }).message,
    ).toMatch(/BUSINESS_TIMEZONE "Nowhere\/City" is not a time zone/);
    expect(configError({ STAFF_SLACK_CHANNEL: 'C0123456789' }).message).toMatch(
      /SLACK_BOT_TOKEN: required when STAFF_SLACK_CHANNEL is set/,
    );
    expect(configError({ STAFF_SLACK_CHANNEL: '#support' }).message).toMatch(
      /STAFF_SLACK_CHANNEL: expected a Slack channel id/,
    );
  });
});
