import { createHash, randomUUID } from 'node:crypto';
import type { ConciergeAgent, TurnResult } from '../agent/agent.js';
import {
  DEFAULT_MEMORY,
  loadMemory,
  type MemoryOptions,
  type Summarizer,
} from '../agent/memory.js';
import { PHRASES } from '../agent/offline/phrases.js';
import { buildPrompt } from '../agent/prompt.js';
import { detectLanguage } from '../language/detect.js';
import type { Logger } from '../logger.js';
import { type Conversation, conversationIdFor } from '../store/repositories/conversations.js';
import type { Message } from '../store/repositories/messages.js';
import type { Store } from '../store/store.js';
import type { ConsoleFeed } from './console-feed.js';
import type { Delivery } from './delivery.js';
import type { InboundMessage } from './inbound.js';
import { KeyedQueue } from './keyed-queue.js';
import type { QuickReply, Senders } from './senders.js';

export interface PipelineOptions {
  store: Store;
  agent: ConciergeAgent;
  senders: Senders;
  delivery: Delivery;
  logger: Logger;
  summarize: Summarizer;
  /** Where staff consoles hear about messages as they are stored. */
  feed?: ConsoleFeed;
  memory?: MemoryOptions;
  now?: () => Date;
}

/** The outbox id of the reply to an event: the same event can never be answered twice. */
export function replyOutboxId(eventKey: string): string {
  return `reply:${createHash('sha256').update(eventKey).digest('base64url').slice(0, 32)}`;
}

function apology(customerText: string): TurnResult {
  return {
    text: PHRASES[detectLanguage(customerText)].problem,
    cards: [],
    toolCalls: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    engine: 'offline',
    fallbackReason: 'agent failed',
  };
}

/**
 * The buttons under a reply: yes/no (or a person) while a change waits for the customer's
 * confirmation, and a way to a person when the agent could not answer.
 */
function quickRepliesFor(
  customerText: string,
  confirming: boolean,
  result: TurnResult,
): QuickReply[] {
  const { buttons } = PHRASES[detectLanguage(customerText)];
  if (confirming)
    return [
      { id: 'confirm', ...buttons.confirm },
      { id: 'decline', ...buttons.decline },
      { id: 'human', ...buttons.human },
    ];
  if (result.fallbackReason === 'agent failed') return [{ id: 'human', ...buttons.human }];
  return [];
}

/** Messages kept in a conversation's `recent` beyond the prompt window: later turns' messages. */
const RECENT_MARGIN = 8;

export interface Received {
  status: 'accepted' | 'duplicate';
  /** Settles when the turn's reply is stored (null when there was no turn). */
  turn: Promise<TurnOutcome | null>;
}

/** What happened to a turn, for observers such as tests and benchmarks. */
export interface TurnOutcome {
  conversationId: string;
  eventKey: string;
  replied: boolean;
}

/**
 * inbox -> router -> agent -> outbox, for every channel. The inbound event is stored before
 * anything else; a repeated event key is acknowledged and ignored; turns of one conversation
 * run one at a time; the conversation's mode is checked again before the reply is stored.
 */
export class ConversationPipeline {
  /** Turns, one at a time per conversation. */
  private readonly queue = new KeyedQueue();
  /** Storing, one at a time per platform thread, so turns are scheduled in arrival order. */
  private readonly intake = new KeyedQueue();
  /** Updates of a conversation's `recent` messages, one at a time per conversation. */
  private readonly recentUpdates = new KeyedQueue();
  private readonly now: () => Date;
  private readonly memory: MemoryOptions;

  constructor(private readonly options: PipelineOptions) {
    this.now = options.now ?? (() => new Date());
    this.memory = options.memory ?? DEFAULT_MEMORY;
  }

  /**
   * Stores the inbound event and schedules the rest; resolves as soon as the event is stored
   * (that one write is what a platform's acknowledgement waits for), while `turn` settles when
   * the reply is stored. An event stored but never taken further is picked up by `recover()`.
   */
  receive(inbound: InboundMessage): Promise<Received> {
    return this.intake.run(`${inbound.channel}:${inbound.conversationKey}`, async () => {
      const recorded = await this.options.store.inboundEvents.record(inbound);
      if (recorded === 'duplicate') return { status: 'duplicate', turn: Promise.resolve(null) };
      const conversationId = conversationIdFor(inbound.channel, inbound.conversationKey);
      // Queued in arrival order (intake runs one at a time per thread), so messages are
      // appended, and their turns scheduled, in the order they came.
      const turn = this.recentUpdates
        .run(conversationId, async () => {
          const conversation = await this.openConversation(inbound);
          await this.appendLocked(
            {
              conversationId,
              role: 'customer',
              text: inbound.text,
              createdAt: inbound.receivedAt,
              eventKey: inbound.eventKey,
            },
            conversation,
          );
          // Wrapped, so the lock is released now rather than when the turn ends.
          return { scheduled: this.schedule(conversationId, inbound) };
        })
        .then(({ scheduled }) => scheduled)
        .catch((error: unknown) => {
          this.options.logger.error(
            { err: error, conversationId, eventKey: inbound.eventKey },
            'could not take a stored message further; it is answered on the next start',
          );
          return null;
        });
      return { status: 'accepted', turn };
    });
  }

  /** Answers messages stored before a crash or shutdown and never answered. */
  async recover(): Promise<number> {
    const { store } = this.options;
    const pending = await store.inboundEvents.unprocessed(500);
    for (const event of pending) {
      const conversation = await this.openConversation(event);
      if (!(await store.messages.existsForEvent(conversation.conversationId, event.eventKey))) {
        await this.append({
          conversationId: conversation.conversationId,
          role: 'customer',
          text: event.text,
          createdAt: event.receivedAt,
          eventKey: event.eventKey,
        });
      }
      void this.schedule(conversation.conversationId, event, true);
    }
    return pending.length;
  }

  /** Appends to the transcript and to the conversation's bounded copy of its tail. */
  private append(message: Message): Promise<void> {
    return this.recentUpdates.run(message.conversationId, () => this.appendLocked(message));
  }

  /** `append` for a caller that holds the conversation's lock and may have just read it. */
  private async appendLocked(message: Message, current?: Conversation): Promise<void> {
    const { store } = this.options;
    await store.messages.append(message);
    const { role, text, createdAt, eventKey } = message;
    if (role !== 'tool')
      this.options.feed?.publish({
        type: 'message',
        conversationId: message.conversationId,
        role,
        text,
        ...(typeof message.data?.author === 'string' ? { author: message.data.author } : {}),
        at: createdAt.toISOString(),
      });
    await store.conversations.appendRecent(
      message.conversationId,
      { role, text, createdAt, eventKey },
      this.memory.maxMessages + RECENT_MARGIN,
      current,
    );
  }

  /**
   * A message outside a turn: a staff reply or a notice from the bot (stored, then delivered to
   * the customer on their channel through the outbox) or an internal note (stored and shown to
   * staff only, never delivered).
   */
  async post(
    conversation: Conversation,
    message: { role: 'staff' | 'note' | 'bot'; text: string; author: string },
  ): Promise<void> {
    const at = this.now();
    await this.append({
      conversationId: conversation.conversationId,
      role: message.role,
      text: message.text,
      createdAt: at,
      eventKey: null,
      data: { author: message.author },
    });
    if (message.role === 'note') return;
    // Stored already taken by this process (like a bot reply), so no background pass sends it too.
    const entry = await this.options.store.outbox.enqueueOnce(
      `${message.role}:${randomUUID()}`,
      {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        text: message.text,
        data: { cards: [], quickReplies: [] },
      },
      at,
    );
    if (entry) await this.options.delivery.deliver(entry);
  }

  /** Waits for every message taken in so far to be stored and its turn to end. */
  async drain(): Promise<void> {
    await this.intake.drain();
    await this.recentUpdates.drain();
    await this.queue.drain();
  }

  private async openConversation(inbound: Omit<InboundMessage, 'text'>): Promise<Conversation> {
    const { store } = this.options;
    const conversation = await store.conversations.open({
      channel: inbound.channel,
      conversationKey: inbound.conversationKey,
      platformUserId: inbound.platformUserId,
      at: inbound.receivedAt,
    });
    // A platform user verified before (on this channel) is recognised without asking again:
    // looked up when the conversation starts; verifying later sets it on their conversations.
    if (conversation.customerId || (conversation.recent ?? []).length > 0) return conversation;
    const linked = await store.platformIdentities.customerIdFor(
      inbound.channel,
      inbound.platformUserId,
    );
    if (!linked) return conversation;
    await store.conversations.setCustomer(conversation.conversationId, linked, this.now());
    return { ...conversation, customerId: linked };
  }

  private schedule(
    conversationId: string,
    inbound: InboundMessage,
    recovering = false,
  ): Promise<TurnOutcome | null> {
    return this.queue
      .run(conversationId, () =>
        recovering ? this.resumeTurn(conversationId, inbound) : this.turn(conversationId, inbound),
      )
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error, conversationId, eventKey: inbound.eventKey },
          'turn failed',
        );
        return null;
      });
  }

  /**
   * A turn interrupted by a crash or a hard stop: if its reply was already stored, it is sent
   * (once: the outbox entry's id comes from the event key) instead of answering again.
   */
  private async resumeTurn(conversationId: string, inbound: InboundMessage): Promise<TurnOutcome> {
    const { store, delivery } = this.options;
    const reply = await store.messages.replyTo(conversationId, inbound.eventKey);
    if (!reply) return this.turn(conversationId, inbound);
    const conversation = await store.conversations.findById(conversationId);
    if (!conversation) return { conversationId, eventKey: inbound.eventKey, replied: false };
    const entry = await this.enqueueReply(
      conversation,
      inbound.eventKey,
      reply.text,
      { cards: reply.data?.cards ?? [], quickReplies: reply.data?.quickReplies ?? [] },
      reply.createdAt,
    );
    await store.inboundEvents.markProcessed(inbound.eventKey, this.now());
    if (entry) await delivery.deliver(entry);
    return { conversationId, eventKey: inbound.eventKey, replied: true };
  }

  /** Stores the reply to `eventKey` for delivery; null when it was stored before. */
  private enqueueReply(
    conversation: Conversation,
    eventKey: string,
    text: string,
    data: { cards: unknown; quickReplies: unknown },
    at: Date,
  ) {
    return this.options.store.outbox.enqueueOnce(
      replyOutboxId(eventKey),
      {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        text,
        data,
      },
      at,
    );
  }

  private async turn(conversationId: string, inbound: InboundMessage): Promise<TurnOutcome> {
    const { store, agent, senders, delivery, logger } = this.options;
    const outcome = { conversationId, eventKey: inbound.eventKey, replied: false };
    let conversation = await store.conversations.findById(conversationId);
    // A customer writing again after staff closed the conversation starts afresh with the bot.
    if (
      conversation?.mode === 'closed' &&
      (await store.conversations.changeMode(conversationId, ['closed'], 'bot', this.now()))
    ) {
      conversation = { ...conversation, mode: 'bot' };
    }
    if (conversation?.mode !== 'bot') {
      await store.inboundEvents.markProcessed(inbound.eventKey, this.now());
      return outcome;
    }
    await senders
      .get(conversation.channel)
      ?.typing?.(conversation.conversationKey)
      .catch(() => {});
    const { summary, recent } = await loadMemory(
      store,
      conversation,
      this.memory,
      this.options.summarize,
      inbound.eventKey,
    );
    const [customer, facts] = conversation.customerId
      ? await Promise.all([
          store.customers.findById(conversation.customerId),
          store.profiles.facts(conversation.customerId),
        ])
      : [null, {}];
    const prompt = buildPrompt({
      customerName: customer?.name.split(' ')[0] ?? null,
      facts,
      summary,
      recent,
    });
    const sender = senders.get(conversation.channel);
    let result: TurnResult;
    try {
      result = await agent.run(
        prompt,
        { conversationId, turnId: inbound.eventKey, customerText: inbound.text },
        sender?.partial
          ? (text) => sender.partial?.(conversation.conversationKey, text)
          : undefined,
      );
    } catch (error) {
      // Even the offline model failed (a bug, or the database went away mid-turn): the
      // customer still hears back, and the error is logged for us.
      logger.error({ err: error, conversationId }, 'the agent failed; sending an apology');
      result = apology(inbound.text);
    }
    const at = this.now();
    // A person may have taken over while the model was thinking: then the bot stays silent.
    // The check and the reply's append hold the conversation's lock, so the read serves both.
    const quickReplies: QuickReply[] = [];
    const silenced = await this.recentUpdates.run(conversationId, async () => {
      const latest = await store.conversations.findById(conversationId);
      if (latest?.mode === 'human' || latest?.mode === 'closed') return true;
      const confirming = latest?.pendingAction?.turnId === inbound.eventKey;
      quickReplies.push(...quickRepliesFor(inbound.text, confirming, result));
      await this.appendLocked(
        {
          conversationId,
          role: 'bot',
          text: result.text,
          createdAt: at,
          eventKey: inbound.eventKey,
          data: {
            cards: result.cards,
            quickReplies,
            toolCalls: result.toolCalls,
            engine: result.engine,
            usage: result.usage,
          },
        },
        latest ?? undefined,
      );
      return false;
    });
    if (silenced) {
      await store.inboundEvents.markProcessed(inbound.eventKey, at);
      return outcome;
    }
    const entry = await this.enqueueReply(
      conversation,
      inbound.eventKey,
      result.text,
      { cards: result.cards, quickReplies },
      at,
    );
    logger.info(
      { conversationId, engine: result.engine, tools: result.toolCalls.map((c) => c.name) },
      'turn answered',
    );
    // Reply and outbox entry are stored, so these two are independent: after a crash before
    // the mark, recovery finds the reply and its outbox entry and sends nothing new; after one
    // before the delivery, the outbox's background pass delivers it.
    await Promise.all([
      store.inboundEvents.markProcessed(inbound.eventKey, at),
      entry ? delivery.deliver(entry) : undefined,
    ]);
    return { ...outcome, replied: true };
  }
}
