import { createHash } from 'node:crypto';
import type { Channel } from './channel.js';
import type { SurveyStep } from './insights.js';
import type { MessageRole } from './message.js';
import type { PendingAction } from './pending-action.js';

export const CONVERSATION_MODES = ['bot', 'queued', 'human', 'closed'] as const;
/** Who answers: the bot, nobody yet (waiting for a person), a person, or nobody (closed). */
export type ConversationMode = (typeof CONVERSATION_MODES)[number];

export interface ShownRecommendations {
  productIds: string[];
  /** What was asked for, to ask again with a change. */
  query: string | null;
  maxPriceCents: number | null;
  at: Date;
}

export interface OutOfStock {
  productId: string;
  /** The variant asked for, when one was; null for any. */
  sku: string | null;
  /** The options asked for, as the customer put them. */
  options: string | null;
}

/** One line of the conversation as a prompt needs it, kept in the conversation's `recent`. */
export interface RecentMessage {
  role: MessageRole;
  text: string;
  createdAt: Date;
  eventKey: string | null;
}

export interface Conversation {
  /** Also the document's `_id`, so look-ups by it use the primary key on every server. */
  conversationId: string;
  channel: Channel;
  /** The platform's id for the thread (Slack channel + thread ts, Discord channel, ...). */
  conversationKey: string;
  platformUserId: string;
  /** Set only by a verification step, never from what the customer or the model says. */
  customerId: string | null;
  mode: ConversationMode;
  /** Bumped by every mode change; names the claim that makes a change happen once. */
  version: number;
  /** A state-changing request waiting for the customer's explicit yes in a later turn. */
  pendingAction: PendingAction | null;
  /** The last recommendations shown, so "cheaper" or "more like the second one" refine them. */
  lastRecommendations?: ShownRecommendations | null;
  /** Verification attempts in the current window, for rate limiting. */
  /** What older messages, no longer in the prompt window, said. */
  summary: string;
  /** Messages created up to this time are folded into `summary`. */
  summarizedThrough: Date | null;
  /**
   * The transcript's latest messages, a bounded copy kept with the conversation so a turn
   * reads its memory with the conversation itself; the transcript stays the record.
   * Absent on conversations stored before it existed.
   */
  recent?: RecentMessage[];
  /** Which episode the conversation is in: one more each time it reopens after an outcome. */
  episode?: number;
  /** The episode whose outcome is recorded; a message after it reopens the conversation. */
  settledEpisode?: number | null;
  /** When the bot last answered, while the episode waits for its outcome (null once recorded). */
  answeredAt?: Date | null;
  /** The bot's last answer left something waiting on the customer (a yes, a retry). */
  answerOpen?: boolean;
  /** The product (and variant) the customer last found out of stock: "tell me when it's back". */
  lastOutOfStock?: OutOfStock | null;
  /** What the satisfaction survey waits for from the customer, while it does. */
  survey?: SurveyStep | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A platform thread's first contact: who, where and when. */
export interface ConversationOpening {
  channel: Channel;
  conversationKey: string;
  platformUserId: string;
  at: Date;
}

/** A conversation as it starts: with the bot, nobody verified, nothing remembered. */
export function newConversation(opening: ConversationOpening): Conversation {
  return {
    conversationId: conversationIdFor(opening.channel, opening.conversationKey),
    channel: opening.channel,
    conversationKey: opening.conversationKey,
    platformUserId: opening.platformUserId,
    customerId: null,
    mode: 'bot',
    version: 0,
    pendingAction: null,
    summary: '',
    summarizedThrough: null,
    recent: [],
    createdAt: opening.at,
    updatedAt: opening.at,
  };
}

/** Where the summary point moves to: messages up to `through` are in `summary`. */
export interface SummaryFold {
  summary: string;
  through: Date;
}

/**
 * The id of a platform thread's conversation: derived from channel and thread, so opening or
 * finding it is a primary-key look-up on every server, and opaque (a hash, not the key).
 */
export function conversationIdFor(channel: Channel, conversationKey: string): string {
  return createHash('sha256')
    .update(`${channel}\u0000${conversationKey}`)
    .digest('base64url')
    .slice(0, 24);
}
