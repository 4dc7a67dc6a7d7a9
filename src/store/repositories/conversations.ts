import type { Collection } from 'mongodb';
import type { Channel } from '../../domain/channel.js';
import {
  type Conversation,
  type ConversationMode,
  type ConversationOpening,
  conversationIdFor,
  newConversation,
  type OutOfStock,
  type RecentMessage,
  type ShownRecommendations,
} from '../../domain/conversation.js';
import type { SurveyStep } from '../../domain/insights.js';
import type { PendingAction } from '../../domain/pending-action.js';
import type {
  ConversationFilter,
  ConversationStore,
  ModeChangeOutcome,
  RecentOptions,
} from '../../ports/conversation-store.js';
import type { Claims } from '../../ports/messaging.js';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

/** How far `recent` may grow past its size before it is cut back (see appendRecent). */
const TRIM_SLACK = 16;

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
    { key: { answeredAt: 1 }, name: 'awaiting_outcome' },
  ],
};

export class ConversationsRepository implements ConversationStore {
  constructor(
    private readonly collection: Collection<Conversation & { _id?: string }>,
    private readonly claims: Claims,
  ) {}

  /**
   * The conversation for a platform thread, created in mode `bot` on first contact. Two
   * processes opening the same thread at once end up with the same conversation.
   */
  async open(opening: ConversationOpening): Promise<Conversation> {
    const created = newConversation(opening);
    const { conversationId } = created;
    const existing = await this.findById(conversationId);
    if (existing) return existing;
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
   * Moves to `to` only from one of `from`. Of two callers changing from the same version, the
   * one that claims it wins; the other is told `lost_race`.
   */
  async changeMode(
    conversationId: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    at: Date,
  ): Promise<ModeChangeOutcome> {
    const current = await this.findById(conversationId);
    if (!current) return { changed: false, reason: 'not_found', mode: null };
    if (!from.includes(current.mode))
      return { changed: false, reason: 'not_in_mode', mode: current.mode };
    const won = await this.claims.claim(modeChangeClaim(conversationId, current.version), to, at);
    if (!won) return { changed: false, reason: 'lost_race', mode: current.mode };
    await this.collection.updateOne(
      { _id: conversationId, version: current.version },
      { $set: { mode: to, updatedAt: at }, $inc: { version: 1 } },
    );
    return {
      changed: true,
      conversation: { ...current, mode: to, version: current.version + 1, updatedAt: at },
    };
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

  async markAnswered(conversationId: string, at: Date, open: boolean): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { answeredAt: at, answerOpen: open } },
    );
  }

  async settle(conversationId: string, episode: number): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { answeredAt: null, settledEpisode: episode } },
    );
  }

  async reopen(conversationId: string): Promise<void> {
    await this.collection.updateOne({ _id: conversationId }, { $inc: { episode: 1 } });
  }

  async setSurveyStep(conversationId: string, step: SurveyStep | null): Promise<void> {
    await this.collection.updateOne({ _id: conversationId }, { $set: { survey: step } });
  }

  async setLastOutOfStock(conversationId: string, wanted: OutOfStock): Promise<void> {
    await this.collection.updateOne({ _id: conversationId }, { $set: { lastOutOfStock: wanted } });
  }

  answeredBefore(before: Date, limit: number): Promise<Conversation[]> {
    // `$lt` on a date matches dates only: null (settled) and absent are left out.
    return this.collection
      .find({ answeredAt: { $lt: before } }, { projection: { _id: 0 } })
      .sort({ answeredAt: 1 })
      .limit(limit)
      .toArray();
  }

  async setLastRecommendations(conversationId: string, shown: ShownRecommendations): Promise<void> {
    await this.collection.updateOne(
      { _id: conversationId },
      { $set: { lastRecommendations: shown } },
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
    options: RecentOptions = {},
  ): Promise<void> {
    const last = messages.at(-1);
    if (!last) return;
    const { fold } = options;
    // updatedAt moves with every message, so the console lists the latest activity first.
    const set = {
      updatedAt: last.createdAt,
      ...(fold ? { summary: fold.summary, summarizedThrough: fold.through } : {}),
      ...(options.answered
        ? { answeredAt: options.answered.at, answerOpen: options.answered.open }
        : {}),
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
