import { z } from 'zod';

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
  conciergeReply: z.enum(['confirm', 'decline', 'human']),
});

/**
 * A Teams conversation is one person in one Teams conversation: in a channel or group chat each
 * member has their own verified conversation.
 */
export function teamsConversationKey(activity: TeamsActivity): string {
  return `${activity.conversation.id}|${activity.from.aadObjectId ?? activity.from.id}`;
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
