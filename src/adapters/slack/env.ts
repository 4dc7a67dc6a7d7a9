import { z } from 'zod';
import type { Need } from '../module.js';

export const slackEnv = {
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
};
type SlackEnv = z.infer<z.ZodObject<typeof slackEnv>>;

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export function checkSlackEnv(e: SlackEnv, need: Need): void {
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
}

/** Slack runs when its bot token is set. */
export function slackConfig(e: SlackEnv): SlackConfig | null {
  return e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
      }
    : null;
}
