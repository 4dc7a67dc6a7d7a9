import { createHash } from 'node:crypto';
import type { Channel } from './channel.js';
import type { AuthorRole, ProductCard, QuickReply } from './outbound.js';

/**
 * A platform event as it arrived. Storing it and recording its event key are one write, so a
 * crash can never mark as seen an event that was not kept.
 */
export interface InboundEvent {
  /** The platform's own id for the event (Slack event_id, Discord message id, ...). */
  eventKey: string;
  channel: Channel;
  conversationKey: string;
  /** Set when stored: the conversation whose lease holder answers the event. */
  conversationId?: string;
  platformUserId: string;
  /** The platform's id of the customer's message, where a reply refers to it (Slack's ts). */
  platformMessageId?: string;
  text: string;
  /** The platform's message was longer than the pipeline takes: `text` is its start. */
  clipped?: boolean;
  /** Who sent it, where the platform user id says too little (a hash of a web client's address). */
  clientKey?: string;
  receivedAt: Date;
  processedAt: Date | null;
}

/**
 * The platform thread an event belongs to (one conversation key on one channel): its events
 * are stored, and answered, in the order they came.
 */
export function threadOf(event: Pick<InboundEvent, 'channel' | 'conversationKey'>): string {
  return `${event.channel}:${event.conversationKey}`;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** What a stored reply shows besides its text, rendered by the channel's adapter. */
export interface OutboxData {
  cards: ProductCard[];
  quickReplies: QuickReply[];
}

/** A reply stored before delivery, so a crash between deciding and delivering loses nothing. */
export interface OutboxEntry {
  outboxId: string;
  conversationId: string;
  channel: Channel;
  conversationKey: string;
  text: string;
  /** Absent on entries stored before it existed: those were the bot's. */
  authorRole?: AuthorRole;
  /** Absent on entries stored before it existed. */
  data?: OutboxData;
  /** The platform's id of the customer's message this answers (where a working sign hangs). */
  inReplyTo?: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export type NewOutboxEntry = Pick<
  OutboxEntry,
  'conversationId' | 'channel' | 'conversationKey' | 'text' | 'authorRole' | 'data' | 'inReplyTo'
>;

function eventHash(eventKey: string): string {
  return createHash('sha256').update(eventKey).digest('base64url').slice(0, 32);
}

/**
 * The id of the reply to an event, in the transcript and the outbox alike: the same event can
 * never be answered twice, whichever process answers it.
 */
export function replyOutboxId(eventKey: string): string {
  return `reply:${eventHash(eventKey)}`;
}

/** The transcript id of a customer's message: recorded once, whoever records it. */
export function customerMessageId(eventKey: string): string {
  return `in:${eventHash(eventKey)}`;
}
