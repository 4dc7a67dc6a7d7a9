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

/** Where the summary point moves to: messages up to `through` are in `summary`. */
export interface SummaryFold {
  summary: string;
  through: Date;
}

/** The claim that makes the mode change from `version` happen once. */
function modeChangeClaim(conversationId: string, version: number): string {
  return `conversation:${conversationId}:v${version}`;
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
    const won = await this.claims.claim(modeChangeClaim(conversationId, current.version), to, at);
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
   * Adds messages to `recent`, keeping about the newest `max`, and with `fold` moves the
   * summary point in the same write. Usually a `$push`; once the copy has grown `TRIM_SLACK`
   * past `max`, it is read again and rewritten as the newest `max` not yet summarised (FerretDB
   * ignores `$slice` in `$push`), so most writes stay small however long the conversation. The
   * length comes from `current` when the caller read the conversation earlier (a `$push` is
   * right whatever happened since), else from a read. Callers serialise it per conversation.
   */
  async appendRecent(
    conversationId: string,
    messages: readonly RecentMessage[],
    max: number,
    options: { current?: Conversation; fold?: SummaryFold | null } = {},
  ): Promise<void> {
    const last = messages.at(-1);
    if (!last) return;
    const { fold } = options;
    // updatedAt moves with every message, so the console lists the latest activity first.
    const set = {
      updatedAt: last.createdAt,
      ...(fold ? { summary: fold.summary, summarizedThrough: fold.through } : {}),
    };
    const known = options.current ?? (await this.findById(conversationId));
    if ((known?.recent?.length ?? 0) + messages.length < max + TRIM_SLACK) {
      await this.collection.updateOne(
        { _id: conversationId },
        { $push: { recent: { $each: [...messages] } }, $set: set },
      );
      return;
    }
    const latest = options.current ? await this.findById(conversationId) : known;
    const through = fold?.through ?? latest?.summarizedThrough ?? null;
    const kept = [...(latest?.recent ?? []), ...messages]
      .filter((m) => !through || m.createdAt > through)
      .slice(-max);
    await this.collection.updateOne({ _id: conversationId }, { $set: { ...set, recent: kept } });
  }

  /**
   * Whether the conversation's mode changed (or is changing) since it was read at `version`:
   * every change first claims the version it starts from, and a claim is a small `_id` read.
   */
  modeChangedSince(conversationId: string, version: number): Promise<boolean> {
    return this.claims.exists(modeChangeClaim(conversationId, version));
  }
}
