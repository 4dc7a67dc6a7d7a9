import { z } from 'zod';
import { CHANNELS } from '../domain/channel.js';

/** The longest customer message the agent takes. */
export const MAX_MESSAGE_CHARS = 4000;
/** The longest conversation key (a platform's thread id) the pipeline takes. */
export const MAX_KEY_CHARS = 256;

/**
 * One customer message from any channel, as every adapter hands it to the pipeline; the
 * pipeline parses it at its door, so these bounds hold whatever the platform sent.
 */
export const inboundMessageSchema = z.object({
  channel: z.enum(CHANNELS),
  conversationKey: z.string().min(1).max(MAX_KEY_CHARS),
  platformUserId: z.string().min(1).max(256),
  text: z
    .string()
    .trim()
    .min(1, 'the message is empty')
    .max(MAX_MESSAGE_CHARS, 'the message is longer than 4,000 characters'),
  /** Who sent it, where the platform user id says too little (a hash of a web client's address). */
  clientKey: z.string().min(1).max(128).optional(),
  /** Set when the platform's text was longer than MAX_MESSAGE_CHARS and `text` is its start. */
  clipped: z.boolean().optional(),
  /** The platform's id for the event: a retry of the same event carries the same key. */
  eventKey: z.string().min(1).max(512),
  /** The platform's id of the message (Slack's ts), where the working sign goes. */
  platformMessageId: z.string().min(1).max(256).optional(),
  receivedAt: z.date(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

/**
 * A platform message cut to what the pipeline takes, at a space near the limit when there is
 * one, so the customer is answered (and told) rather than dropped.
 */
export function clipToLimit(text: string): { text: string; clipped: boolean } {
  if (text.length <= MAX_MESSAGE_CHARS) return { text, clipped: false };
  const head = text.slice(0, MAX_MESSAGE_CHARS);
  const space = head.lastIndexOf(' ');
  return { text: space > MAX_MESSAGE_CHARS * 0.9 ? head.slice(0, space) : head, clipped: true };
}
