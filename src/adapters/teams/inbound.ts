import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_KEY_CHARS } from '../../conversation/inbound.js';
import { QUICK_REPLY_IDS } from '../../domain/outbound.js';

/** The parts of a Bot Framework activity the bot reads; the SDK reads the rest. */
export const teamsActivitySchema = z.object({
  type: z.string().min(1),
  id: z.string().min(1).max(256).optional(),
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  conversation: z.object({ id: z.string().min(1).max(512) }),
  from: z.object({ id: z.string().min(1).max(256), aadObjectId: z.string().optional() }),
  recipient: z.object({ id: z.string().min(1) }).optional(),
  text: z.string().optional(),
  replyToId: z.string().optional(),
  value: z.unknown().optional(),
});
export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

const submitSchema = z.object({
  conciergeText: z.string().min(1).max(200),
  conciergeReply: z.enum(QUICK_REPLY_IDS),
});

/**
 * A Teams conversation is one person in one Teams conversation: in a channel or group chat each
 * member has their own verified conversation. Teams conversation ids can run to hundreds of
 * characters; a key that would not fit is a hash of the same parts, which is just as stable
 * (replies find their address by the key, never by reading it back).
 */
export function teamsConversationKey(activity: TeamsActivity): string {
  const key = `${activity.conversation.id}|${activity.from.aadObjectId ?? activity.from.id}`;
  if (key.length <= MAX_KEY_CHARS) return key;
  return `sha256:${createHash('sha256').update(key).digest('base64url')}`;
}

/** What the customer said: typed text without the bot's @mention, or a pressed button. */
export function teamsCustomerText(activity: TeamsActivity): {
  text: string;
  button: boolean;
} {
  const submit = submitSchema.safeParse(activity.value);
  if (submit.success) return { text: submit.data.conciergeText, button: true };
  const text = (activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/g, '')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&nbsp;', ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, button: false };
}
