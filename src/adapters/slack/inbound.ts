import { z } from 'zod';
import { slackConversationKey } from './conversation-key.js';

export const slackId = z.string().regex(/^[A-Z0-9]{2,32}$/, 'expected a Slack id');
export const slackTs = z.string().regex(/^\d{1,12}\.\d{1,8}$/, 'expected a Slack timestamp');

/** A customer's message: a DM to the bot, or a channel message that mentions it. */
export const slackMessageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  channel: slackId,
  user: slackId,
  text: z.string(),
  ts: slackTs,
  thread_ts: slackTs.optional(),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});
export type SlackMessageEvent = z.infer<typeof slackMessageEventSchema>;

/** A press of one of the bot's buttons (a `block_actions` payload). */
export const slackButtonSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId }),
  channel: z.object({ id: slackId }),
  message: z.object({
    ts: slackTs,
    thread_ts: slackTs.optional(),
    text: z.string().optional(),
    blocks: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().min(1).max(200),
        text: z.object({ text: z.string() }).optional(),
      }),
    )
    .length(1),
});
export type SlackButton = z.infer<typeof slackButtonSchema>;

/** A message the customer wrote, and where it belongs; null for messages the bot ignores. */
export function customerMessage(event: SlackMessageEvent, botUserId: string | undefined) {
  // Edits, joins and other bots' messages (our own replies among them) are not customer turns.
  if (event.subtype || event.bot_id || event.user === botUserId) return null;
  if (event.type === 'message' && event.channel_type !== 'im') return null;
  const inChannel = event.type === 'app_mention';
  return {
    conversationKey: slackConversationKey({
      channel: event.channel,
      threadTs: inChannel ? (event.thread_ts ?? event.ts) : '',
      user: event.user,
    }),
    text: plainText(event.text),
  };
}

/** The conversation a button press continues: the presser's own conversation in that place. */
export function buttonConversationKey(press: SlackButton): string {
  return slackConversationKey({
    channel: press.channel.id,
    threadTs: press.message.thread_ts ?? '',
    user: press.user.id,
  });
}

/**
 * Slack's markup back to what the customer typed: mentions dropped, links and e-mail addresses
 * (which Slack wraps as <mailto:a@b.c|a@b.c>) shown as their text, entities unescaped.
 */
export function plainText(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/<(?:mailto:)?([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(?:mailto:)?([^>]+)>/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}
