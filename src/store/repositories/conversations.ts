import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../collection-spec.js';
import type { ClaimsRepository } from './claims.js';
import { isDuplicateKeyError } from './duplicate-key.js';
import type { Message } from './messages.js';
import type { Channel } from './platform-identities.js';

export const CONVERSATION_MODES = ['bot', 'queued', 'human', 'closed'] as const;
export type ConversationMode = (typeof CONVERSATION_MODES)[number];

export interface ShownRecommendations {
  productIds: string[];
  /** What was asked for, to ask again with a change. */
  query: string | null;
  maxPriceCents: number | null;
  at: Date;
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
  verifyAttempts: { count: number; windowStart: Date };
  /** What older messages, no longer in the prompt window, said. */
  summary: string;
  /** Messages created up to this time are folded into `summary`. */
  summarizedThrough: Date | null;
  /**
   * The transcript's latest messages, a bounded copy kept with the conversation so a turn
   * reads its memory with the conversation itself; the `messages` collection stays the record.
   * Absent on conversations stored before it existed.
   */
  recent?: RecentMessage[];
  createdAt: Date;
  updatedAt: Date;
}

/** How far `recent` may grow past its size before it is cut back (see appendRecent). */
const TRIM_SLACK = 16;

export interface ConversationFilter {
  mode?: ConversationMode;
  channel?: Channel;
  /** Only conversations of these customers. */
  customerIds?: readonly string[];
}

export type RecentMessage = Pick<Message, 'role' | 'text' | 'createdAt' | 'eventKey'>;

export interface PendingAction {
  kind: 'cancel_order' | 'return_items' | 'change_address';
  orderNumber: string;
  /** What the action will do, as told to the customer. */
  description: string;
  params: Record<string, unknown>;
  /** The turn that asked; the yes must come in a later one. */
  turnId: string;
  expiresAt: Date;
}

export const conversationsSpec: CollectionSpec = {
  name: 'conversations',
  indexes: [
    { key: { conversationId: 1 }, name: 'conversationId_unique', unique: true },
    { key: { channel: 1, conversationKey: 1 }, name: 'channel_key_unique', unique: true },
    { key: { mode: 1, updatedAt: -1 }, name: 'mode_recent' },
    { key: { updatedAt: -1 }, name: 'recent' },
    { key: { customerId: 1 }, name: 'customerId' },
    { key: { channel: 1, platformUserId: 1 }, name: 'platform_user' },
  ],
};

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

export interface ConversationOpening {
  channel: Channel;
  conversationKey: string;
  platformUserId: string;
  at: Date;
}

export class ConversationsRepository {
  constructor(
    private readonly collection: Collection<Conversation & { _id?: string }>,
    private readonly claims: ClaimsRepository,
  ) {}

  /**
   * The conversation for a platform thread, created in mode `bot` on first contact. Two
   * processes opening the same thread at once end up with the same conversation.
   */
  async open(opening: ConversationOpening): Promise<Conversation> {
    const key = { channel: opening.channel, conversationKey: opening.conversationKey };
    const conversationId = conversationIdFor(opening.channel, opening.conversationKey);
    const existing = await this.findById(conversationId);
    if (existing) return existing;
    const created: Conversation = {
      conversationId,
      ...key,
      platformUserId: opening.platformUserId,
      customerId: null,
      mode: 'bot',
      version: 0,
      pendingAction: null,
      verifyAttempts: { count: 0, windowStart: opening.at },
      summary: '',
      summarizedThrough: null,
      recent: [],
      createdAt: opening.at,
      updatedAt: opening.at,
    };
    try {
      await this.collection.insertOne({ ...created, _id: created.conversationId });
      return created;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await this.findById(conversationId);
      if (!winner) throw error;
      return winner;
    }
  }

  findByKey(channel: Channel, conversationKey: string): Promise<Conversation | null> {
    return this.findById(conversationIdFor(channel, conversationKey));
  }

  findById(conversationId: string): Promise<Conversation | null> {
    return this.collection.findOne({ _id: conversationId }, { projection: { _id: 0 } });
  }

  /**
   * Moves to `to` only from one of `from`; false when the conversation was elsewhere or another
   * caller changed it first (two staff taking over at once: one wins).
   */
  async changeMode(
    conversationId: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    at: Date,
  ): Promise<boolean> {
    const current = await this.collection.findOne({ _id: conversationId });
    if (!current || !from.includes(current.mode)) return false;
    const won = await this.claims.claim(
      `conversation:${conversationId}:v${current.version}`,
      to,
      at,
    );
    if (!won) return false;
    await this.collection.updateOne(
      { _id: conversationId, version: current.version },
      { $set: { mode: to, updatedAt: at }, $inc: { version: 1 } },
    );
    return true;
  }

  /** The most recently active conversations, newest first, optionally narrowed. */
  recentlyUpdated(limit: number, filter: ConversationFilter = {}): Promise<Conversation[]> {
    return this.collection
      .find(
        {
          ...(filter.mode ? { mode: filter.mode } : {}),
          ...(filter.channel ? { channel: filter.channel } : {}),
          ...(filter.customerIds ? { customerId: { $in: [...filter.customerIds] } } : {}),
        },
        { projection: { _id: 0, pendingAction: 0, lastRecommendations: 0, summary: 0 } },
      )
      .sort({ updatedAt: -1 })
      .limit(limit)
      .toArray();
  }

  /** Conversations started since `from`: what the metrics count. */
  startedSince(from: Date): Promise<Pick<Conversation, 'conversationId' | 'createdAt'>[]> {
    return this.collection
      .find(
        { createdAt: { $gte: from } },
        { projection: { _id: 0, conversationId: 1, createdAt: 1 } },
      )
      .toArray();
  }

  /** Sets the customer of every still unverified conversation of a platform user. */
  async setCustomerOfPlatformUser(
    channel: Channel,
    platformUserId: string,
    customerId: string,
    at: Date,
  ): Promise<void> {
    await this.collection.updateMany(
      { channel, platformUserId, customerId: null },
      { $set: { customerId, updatedAt: at } },
    );
  }

  async setCustomer(conversationId: string, customerId: string, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { customerId, updatedAt: at } },
    );
  }

  async setPendingAction(conversationId: string, action: PendingAction | null): Promise<void> {
    await this.collection.updateOne({ _id: conversationId }, { $set: { pendingAction: action } });
  }

  async setLastRecommendations(conversationId: string, shown: ShownRecommendations): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { lastRecommendations: shown } },
    );
  }

  async setVerifyAttempts(
    conversationId: string,
    attempts: Conversation['verifyAttempts'],
  ): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { verifyAttempts: attempts } },
    );
  }

  /**
   * Adds a message to `recent`, keeping about the newest `max`. Usually a `$push` of the one
   * message; once the copy has grown `TRIM_SLACK` past `max`, it is rewritten as the newest
   * `max` (FerretDB ignores `$slice` in `$push`), so most writes stay small however long the
   * conversation. The length comes from `current` when the caller just read the conversation,
   * else from a fresh read. Callers serialise it per conversation.
   */
  async appendRecent(
    conversationId: string,
    message: RecentMessage,
    max: number,
    current?: Conversation,
  ): Promise<void> {
    const before = current ?? (await this.findById(conversationId));
    const kept = before?.recent ?? [];
    // updatedAt moves with every message, so the console lists the latest activity first.
    const update =
      kept.length < max + TRIM_SLACK
        ? { $push: { recent: message }, $set: { updatedAt: message.createdAt } }
        : { $set: { recent: [...kept, message].slice(-max), updatedAt: message.createdAt } };
    await this.collection.updateOne({ _id: conversationId }, update);
  }

  async setSummary(conversationId: string, summary: string, through: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { summary, summarizedThrough: through } },
    );
  }
}
