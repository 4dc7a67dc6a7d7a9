import type { Channel } from '../domain/channel.js';
import type {
  Conversation,
  ConversationMode,
  ConversationOpening,
  OutOfStock,
  RecentMessage,
  ShownRecommendations,
  SummaryFold,
} from '../domain/conversation.js';
import type { SurveyStep } from '../domain/insights.js';
import type { Message } from '../domain/message.js';
import type { PendingAction } from '../domain/pending-action.js';

export interface ConversationFilter {
  mode?: ConversationMode;
  channel?: Channel;
  /** Only conversations of these customers. */
  customerIds?: readonly string[];
}

/** Why a mode change did not happen. */
export type ModeChangeRefusal = 'not_found' | 'not_in_mode' | 'lost_race';

/** The outcome of a mode change: the conversation after it, or why it did not happen. */
export type ModeChangeOutcome =
  | { changed: true; conversation: Conversation }
  | { changed: false; reason: ModeChangeRefusal; mode: ConversationMode | null };

/**
 * What else a memory write carries: the conversation as read (for the length of `recent`), a
 * summary fold, and that the bot answered (`markAnswered` in the same write).
 */
export interface RecentOptions {
  current?: Conversation;
  fold?: SummaryFold | null;
  answered?: { at: Date; open: boolean };
}

/** Conversations: one per platform thread, with its mode, verified customer and memory. */
export interface ConversationStore {
  /** The thread's conversation, created in mode `bot` on first contact (once, however many open it). */
  open(opening: ConversationOpening): Promise<Conversation>;
  findById(conversationId: string): Promise<Conversation | null>;
  findByKey(channel: Channel, conversationKey: string): Promise<Conversation | null>;
  /**
   * Moves to `to` only from one of `from`; of two racing changes from the same version one
   * wins. Callers go through `ConversationModes` (src/conversation/modes.ts), which tells the
   * consoles.
   */
  changeMode(
    conversationId: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    at: Date,
  ): Promise<ModeChangeOutcome>;
  /** Whether the mode changed (or is changing) since the conversation was read at `version`. */
  modeChangedSince(conversationId: string, version: number): Promise<boolean>;
  recentlyUpdated(limit: number, filter?: ConversationFilter): Promise<Conversation[]>;
  startedSince(from: Date): Promise<Pick<Conversation, 'conversationId' | 'createdAt'>[]>;
  setCustomer(conversationId: string, customerId: string, at: Date): Promise<void>;
  /** Sets the customer of every still unverified conversation of a platform user. */
  setCustomerOfPlatformUser(
    channel: Channel,
    platformUserId: string,
    customerId: string,
    at: Date,
  ): Promise<void>;
  setPendingAction(conversationId: string, action: PendingAction | null): Promise<void>;
  setLastRecommendations(conversationId: string, shown: ShownRecommendations): Promise<void>;
  /**
   * The bot answered at `at`: the episode now waits for its outcome. `open` when the answer
   * left something waiting on the customer (a change to confirm, a failure to retry).
   */
  markAnswered(conversationId: string, at: Date, open: boolean): Promise<void>;
  /** The episode's outcome is recorded: nothing waits for it any more. */
  settle(conversationId: string, episode: number): Promise<void>;
  /** A message after the episode's outcome starts the next episode. */
  reopen(conversationId: string): Promise<void>;
  setSurveyStep(conversationId: string, step: SurveyStep | null): Promise<void>;
  setLastOutOfStock(conversationId: string, wanted: OutOfStock): Promise<void>;
  /** Conversations whose episode waits for an outcome and whose bot answered before `before`. */
  answeredBefore(before: Date, limit: number): Promise<Conversation[]>;
  /**
   * Adds messages to the conversation's bounded `recent` copy (about `max` kept), moving the
   * summary point with `fold` in the same write. Callers serialise it per conversation.
   */
  appendRecent(
    conversationId: string,
    messages: readonly RecentMessage[],
    max: number,
    options?: RecentOptions,
  ): Promise<void>;
}

type WithoutText<M> = M extends Message ? Omit<M, 'text'> : never;
/** Message metadata the metrics count: everything but the text. */
export type MessageForMetrics = WithoutText<Message>;

/** The append-only transcript of every conversation. */
export interface Transcript {
  /** Stores a message; given an id, once (`duplicate` when a message with that id is stored). */
  append(message: Message, messageId?: string): Promise<'stored' | 'duplicate'>;
  /** The latest `limit` messages created after `after` (any time when null), oldest first. */
  since(conversationId: string, after: Date | null, limit: number): Promise<Message[]>;
  /** The latest `limit` messages, oldest first. */
  recent(conversationId: string, limit: number): Promise<Message[]>;
  /** The bot's reply to an inbound event (stored under `replyOutboxId`), if one was stored. */
  replyTo(eventKey: string): Promise<Message | null>;
  forMetrics(from: Date, limit: number): Promise<MessageForMetrics[]>;
}
