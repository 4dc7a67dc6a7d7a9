import { createHash, randomUUID } from 'node:crypto';
import type { ConciergeAgent, TurnResult } from '../agent/agent.js';
import {
  DEFAULT_MEMORY,
  loadMemory,
  type MemoryOptions,
  type Summarizer,
} from '../agent/memory.js';
import { buildPrompt } from '../agent/prompt.js';
import { KeyedQueue } from '../background/keyed-queue.js';
import {
  type Conversation,
  conversationIdFor,
  type RecentMessage,
  type SummaryFold,
} from '../domain/conversation.js';
import type { Message } from '../domain/message.js';
import { type OutboxData, threadOf } from '../domain/messaging.js';
import type { QuickReply } from '../domain/outbound.js';
import { firstNameOf } from '../domain/retail.js';
import type { Retailer } from '../domain/retailer.js';
import { detectLanguage } from '../language/detect.js';
import { NOTICES } from '../language/notices.js';
import type { Logger } from '../logger.js';
import type { Feed } from '../ports/feed.js';
import type { Ports } from '../ports/index.js';
import type { ModeChanges } from '../ports/mode-changes.js';
import type { Spool } from '../ports/spool.js';
import type { Delivery } from './delivery.js';
import { type InboundMessage, inboundMessageSchema, MAX_MESSAGE_CHARS } from './inbound.js';
import type { Senders } from './senders.js';
import { SpooledIntake } from './spooled-intake.js';

/** What the pipeline keeps and reads. */
export type PipelinePorts = Pick<
  Ports,
  'conversations' | 'messages' | 'inbox' | 'outbox' | 'platformIdentities' | 'profiles' | 'commerce'
>;

export interface PipelineOptions {
  ports: PipelinePorts;
  /** Every mode change (a closed conversation reopening) goes through it. */
  modes: ModeChanges;
  retailer: Retailer;
  agent: ConciergeAgent;
  senders: Senders;
  delivery: Delivery;
  logger: Logger;
  summarize: Summarizer;
  /** Where staff consoles hear about messages as they are stored. */
  feed?: Feed;
  memory?: MemoryOptions;
  /** Where inbound events wait while the database cannot take them; without it they fail. */
  spool?: Spool;
  now?: () => Date;
}

/** The outbox id of the reply to an event: the same event can never be answered twice. */
export function replyOutboxId(eventKey: string): string {
  return `reply:${createHash('sha256').update(eventKey).digest('base64url').slice(0, 32)}`;
}

function apology(customerText: string): TurnResult {
  return {
    text: NOTICES[detectLanguage(customerText)].problem,
    cards: [],
    toolCalls: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    engine: 'offline',
    fallbackReason: 'agent failed',
    awaitingConfirmation: false,
  };
}

/**
 * The buttons under a reply: yes/no (or a person) while a change waits for the customer's
 * confirmation, and a way to a person when the agent could not answer.
 */
function quickRepliesFor(customerText: string, result: TurnResult): QuickReply[] {
  const { buttons } = NOTICES[detectLanguage(customerText)];
  if (result.awaitingConfirmation)
    return [
      { id: 'confirm', ...buttons.confirm },
      { id: 'decline', ...buttons.decline },
      { id: 'human', ...buttons.human },
    ];
  if (result.fallbackReason === 'agent failed') return [{ id: 'human', ...buttons.human }];
  return [];
}

/** Messages kept in a conversation's `recent` beyond the prompt window: staff posts between turns. */
const RECENT_MARGIN = 8;

export type Received = {
  /**
   * Settles when the turn's reply is stored; null when there was no turn, or when the event
   * waits in the spool (its turn runs once it is moved to the inbox).
   */
  turn: Promise<TurnOutcome | null>;
} & (
  | { status: 'accepted' | 'duplicate' }
  /** Not a message the pipeline takes (empty, too long, keys out of bounds): nothing stored. */
  | { status: 'rejected'; reasons: string[] }
);

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
  /** Intake appends and `recent` updates of a conversation, one at a time per conversation. */
  private readonly appends = new KeyedQueue();
  /** Event keys stored and not yet through their turn here, which a recovery sweep leaves alone. */
  private readonly inFlight = new Set<string>();
  /**
   * Messages whose turn failed here (the database went away mid-turn), oldest first per
   * conversation: the conversation's next turn answers them first, so replies keep their order.
   */
  private readonly failed = new Map<string, InboundMessage[]>();
  private readonly now: () => Date;
  private readonly memory: MemoryOptions;
  private readonly door: SpooledIntake;
  /** Settles once the first recovery pass has taken up what an earlier process left. */
  private recovered: Promise<void> = Promise.resolve();
  private openAfterRecovery: (() => void) | null = null;

  constructor(private readonly options: PipelineOptions) {
    this.now = options.now ?? (() => new Date());
    this.memory = options.memory ?? DEFAULT_MEMORY;
    this.door = new SpooledIntake(options.ports.inbox, options.spool, options.logger);
  }

  /**
   * Stores the inbound event (in the inbox, or in the spool while the database is away) and
   * schedules the rest; resolves as soon as the event is durable (that is what a platform's
   * acknowledgement waits for), while `turn` settles when the reply is stored. An event stored
   * but never taken further is picked up by `recover()`; a spooled one by `drainSpool()`.
   */
  receive(message: InboundMessage): Promise<Received> {
    // The one door for every channel: what is not a valid message goes no further.
    const parsed = inboundMessageSchema.safeParse(message);
    if (!parsed.success)
      return Promise.resolve({
        status: 'rejected',
        reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        turn: Promise.resolve(null),
      });
    const inbound = parsed.data;
    return this.intake.run(threadOf(inbound), async () => {
      const recorded = await this.door.store(inbound);
      if (recorded === 'duplicate') return { status: 'duplicate', turn: Promise.resolve(null) };
      if (recorded === 'spooled') return { status: 'accepted', turn: Promise.resolve(null) };
      return { status: 'accepted', turn: this.takeFurther(inbound) };
    });
  }

  /** Events waiting in the spool for the database. */
  get spooled(): number {
    return this.door.waiting;
  }

  /**
   * Moves spooled events to the inbox in arrival order and takes each further; resolves to
   * how many moved. Run periodically: a failed pass leaves the rest for the next.
   */
  drainSpool(): Promise<number> {
    return this.door.drain(async (event, recorded) => {
      if (recorded === 'stored') void this.takeFurther(event);
      // Stored already: a platform's retry of an answered event, or an event whose direct
      // store timed out and landed anyway, which is answered here, before the thread's
      // next event, unless a turn has it.
      else if (
        !this.inFlight.has(event.eventKey) &&
        (await this.options.ports.inbox.isPending(event.eventKey))
      )
        this.takeUp(event);
    });
  }

  /**
   * Until the first `recover()` has taken up the messages an earlier process stored and never
   * answered, new messages are stored (and acknowledged) as usual but their turns wait, so a
   * conversation's earlier message is answered before the one that came after a restart.
   * Called at start-up, before the server takes events.
   */
  holdTurnsUntilRecovered(): void {
    this.recovered = new Promise((resolve) => {
      this.openAfterRecovery = resolve;
    });
  }

  /** Records a newly stored event's message and runs its turn; null when that failed. */
  private async takeFurther(inbound: InboundMessage): Promise<TurnOutcome | null> {
    const conversationId = conversationIdFor(inbound.channel, inbound.conversationKey);
    // Ours while it waits, so the recovery pass does not take it up a second time.
    this.inFlight.add(inbound.eventKey);
    await this.recovered;
    return this.enqueueTurn(
      inbound,
      () => this.record(customerMessage(conversationId, inbound)),
      () => this.turn(conversationId, inbound),
    );
  }

  /**
   * Takes up a stored event that no turn here is answering (after a crash, or a turn that
   * failed): recorded if it is not, then answered, or its reply sent if it was stored.
   */
  private takeUp(event: InboundMessage): void {
    const conversationId = conversationIdFor(event.channel, event.conversationKey);
    void this.enqueueTurn(
      event,
      () => this.recordIfMissing(conversationId, event),
      () => this.resumeTurn(conversationId, event),
    );
  }

  /**
   * Records the message, then queues its turn, both in the conversation's order: the record
   * waits behind the conversation's earlier appends (so turns are queued in the order their
   * messages were taken in), and the turn behind earlier turns and the conversation's failed
   * messages. Null when either failed; the message then waits in `failed` for the next turn.
   */
  private enqueueTurn(
    inbound: InboundMessage,
    recordMessage: () => Promise<void>,
    runTurn: () => Promise<TurnOutcome>,
  ): Promise<TurnOutcome | null> {
    this.inFlight.add(inbound.eventKey);
    const conversationId = conversationIdFor(inbound.channel, inbound.conversationKey);
    const turn = this.appends
      .run(conversationId, async () => {
        try {
          await recordMessage();
        } catch (error) {
          // Noted before the lock is released, so the conversation's next message, which
          // may be recorded a moment later, is answered after this one.
          this.noteFailed(conversationId, inbound);
          throw error;
        }
        // Wrapped, so the lock is released now rather than when the turn ends.
        return { scheduled: this.schedule(conversationId, inbound, runTurn) };
      })
      .then(({ scheduled }) => scheduled)
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error, conversationId, eventKey: inbound.eventKey },
          'could not take a stored message further; the next turn or the recovery sweep answers it',
        );
        return null;
      })
      .finally(() => this.inFlight.delete(inbound.eventKey));
    return turn;
  }

  /**
   * Answers messages stored and never answered: before a crash or shutdown, or whose turn
   * failed (the database went away mid-turn). Run at start and then periodically; a message
   * whose turn is still running here is left to it, so each is answered once. Resolves to how
   * many it took up.
   */
  async recover(): Promise<number> {
    // One still in the spool (its store timed out and landed) is the drain's, which answers
    // it before the thread's later events.
    const pending = (await this.options.ports.inbox.unprocessed(500)).filter(
      (event) => !this.inFlight.has(event.eventKey) && !this.door.holds(event.eventKey),
    );
    for (const event of pending) this.takeUp(event);
    // Queued behind what was taken up: turns held since start-up may run now.
    this.openAfterRecovery?.();
    this.openAfterRecovery = null;
    return pending.length;
  }

  private async recordIfMissing(conversationId: string, event: InboundMessage): Promise<void> {
    if (!(await this.options.ports.messages.existsForEvent(conversationId, event.eventKey)))
      await this.record(customerMessage(conversationId, event));
  }

  /**
   * Remembers a message whose turn failed, for the conversation's next turn to answer first,
   * in the order the messages came.
   */
  private noteFailed(conversationId: string, inbound: InboundMessage): void {
    const failed = this.failed.get(conversationId) ?? [];
    if (failed.some((m) => m.eventKey === inbound.eventKey)) return;
    failed.push(inbound);
    failed.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    this.failed.set(conversationId, failed);
  }

  /** Appends to the transcript, where staff consoles see it at once. */
  private async record(message: Message): Promise<void> {
    await this.options.ports.messages.append(message);
    if (message.role === 'tool') return;
    const author = message.data && 'author' in message.data ? message.data.author : undefined;
    this.options.feed?.publish({
      type: 'message',
      conversationId: message.conversationId,
      role: message.role,
      text: message.text,
      ...(author ? { author } : {}),
      at: message.createdAt.toISOString(),
    });
  }

  /** Adds to the conversation's bounded copy of its tail, the memory of its next turns. */
  private remember(
    conversationId: string,
    messages: RecentMessage[],
    options: { current?: Conversation; fold?: SummaryFold | null } = {},
  ): Promise<void> {
    return this.appends.run(conversationId, () =>
      this.options.ports.conversations.appendRecent(
        conversationId,
        messages,
        this.memory.maxMessages + RECENT_MARGIN,
        options,
      ),
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
    const base = {
      conversationId: conversation.conversationId,
      text: message.text,
      createdAt: at,
      eventKey: null,
    };
    const posted: Message =
      message.role === 'bot'
        ? {
            ...base,
            role: 'bot',
            data: { cards: [], quickReplies: [], toolCalls: [], author: message.author },
          }
        : { ...base, role: message.role, data: { author: message.author } };
    await this.record(posted);
    await this.remember(conversation.conversationId, [recentOf(posted)]);
    if (message.role === 'note') return;
    // Stored already taken by this process (like a bot reply), so no background pass sends it too.
    const entry = await this.options.ports.outbox.enqueueOnce(
      `${message.role}:${randomUUID()}`,
      {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        text: message.text,
        authorRole: message.role,
        data: { cards: [], quickReplies: [] },
      },
      at,
    );
    if (entry) await this.options.delivery.deliver(entry);
  }

  /** Waits for every message taken in so far to be stored and its turn to end. */
  async drain(): Promise<void> {
    await this.intake.drain();
    await this.appends.drain();
    await this.queue.drain();
  }

  private async openConversation(inbound: Omit<InboundMessage, 'text'>): Promise<Conversation> {
    const { ports } = this.options;
    const conversation = await ports.conversations.open({
      channel: inbound.channel,
      conversationKey: inbound.conversationKey,
      platformUserId: inbound.platformUserId,
      at: inbound.receivedAt,
    });
    // A platform user verified before (on this channel) is recognised without asking again:
    // looked up when the conversation starts; verifying later sets it on their conversations.
    if (conversation.customerId || (conversation.recent ?? []).length > 0) return conversation;
    const linked = await ports.platformIdentities.customerIdFor(
      inbound.channel,
      inbound.platformUserId,
    );
    if (!linked) return conversation;
    await ports.conversations.setCustomer(conversation.conversationId, linked, this.now());
    return { ...conversation, customerId: linked };
  }

  private schedule(
    conversationId: string,
    inbound: InboundMessage,
    runTurn: () => Promise<TurnOutcome>,
  ): Promise<TurnOutcome | null> {
    return this.queue
      .run(conversationId, async () => {
        await this.answerFailed(conversationId);
        return runTurn();
      })
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error, conversationId, eventKey: inbound.eventKey },
          'turn failed; answered by the next turn of this conversation or the recovery sweep',
        );
        this.noteFailed(conversationId, inbound);
        return null;
      });
  }

  /** Answers, in order, the conversation's messages whose turns failed; throws if one fails again. */
  private async answerFailed(conversationId: string): Promise<void> {
    const failed = this.failed.get(conversationId);
    while (failed?.length) {
      const [oldest] = failed;
      if (!oldest) break;
      await this.recordIfMissing(conversationId, oldest);
      await this.resumeTurn(conversationId, oldest);
      failed.shift();
    }
    this.failed.delete(conversationId);
  }

  /**
   * A turn interrupted by a crash or a hard stop: if its reply was already stored, it is sent
   * (once: the outbox entry's id comes from the event key) instead of answering again.
   */
  private async resumeTurn(conversationId: string, inbound: InboundMessage): Promise<TurnOutcome> {
    const { ports, delivery } = this.options;
    const reply = await ports.messages.replyTo(conversationId, inbound.eventKey);
    if (reply?.role !== 'bot') return this.turn(conversationId, inbound);
    const conversation = await ports.conversations.findById(conversationId);
    if (!conversation) return { conversationId, eventKey: inbound.eventKey, replied: false };
    // The crash may have come before the turn's closing write: then the memory gets it now.
    if (!conversation.recent?.some((m) => m.role === 'bot' && m.eventKey === inbound.eventKey)) {
      await this.remember(
        conversationId,
        [recentOf(customerMessage(conversationId, inbound)), recentOf(reply)],
        { current: conversation },
      );
    }
    const entry = await this.enqueueReply(
      conversation,
      inbound.eventKey,
      reply.text,
      { cards: reply.data?.cards ?? [], quickReplies: reply.data?.quickReplies ?? [] },
      reply.createdAt,
    );
    await ports.inbox.markProcessed(inbound.eventKey, this.now());
    if (entry) await delivery.deliver(entry);
    return { conversationId, eventKey: inbound.eventKey, replied: true };
  }

  /** Stores the reply to `eventKey` for delivery; null when it was stored before. */
  private enqueueReply(
    conversation: Conversation,
    eventKey: string,
    text: string,
    data: OutboxData,
    at: Date,
  ) {
    return this.options.ports.outbox.enqueueOnce(
      replyOutboxId(eventKey),
      {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        text,
        authorRole: 'bot',
        data,
      },
      at,
    );
  }

  private async turn(conversationId: string, inbound: InboundMessage): Promise<TurnOutcome> {
    const { ports, agent, senders, delivery, logger } = this.options;
    const outcome = { conversationId, eventKey: inbound.eventKey, replied: false };
    const asked = recentOf(customerMessage(conversationId, inbound));
    let conversation = await this.openConversation(inbound);
    // A customer writing again after staff closed the conversation starts afresh with the bot.
    if (conversation.mode === 'closed') {
      const reopened = await this.options.modes.change(conversationId, ['closed'], 'bot');
      if (reopened.changed) conversation = reopened.conversation;
    }
    if (conversation.mode !== 'bot') {
      await this.remember(conversationId, [asked], { current: conversation });
      await ports.inbox.markProcessed(inbound.eventKey, this.now());
      return outcome;
    }
    const started = conversation;
    await senders
      .get(started.channel)
      ?.typing?.(started.conversationKey)
      .catch(() => {});
    const memory = await loadMemory(
      ports.messages,
      started,
      this.memory,
      this.options.summarize,
      asked,
    );
    const [customer, facts] = started.customerId
      ? await Promise.all([
          ports.commerce.customer(started.customerId),
          ports.profiles.facts(started.customerId),
        ])
      : [null, {}];
    const firstName = customer ? firstNameOf(customer) : null;
    const prompt = buildPrompt({
      retailer: this.options.retailer,
      customerName: firstName,
      facts,
      summary: memory.summary,
      recent: memory.recent,
    });
    const sender = senders.get(started.channel);
    let result: TurnResult;
    try {
      result = await agent.run(
        prompt,
        {
          conversationId,
          turnId: inbound.eventKey,
          customerText: inbound.text,
          client: inbound.clientKey ?? `${inbound.channel}:${inbound.platformUserId}`,
          customer: firstName ? { firstName, facts } : null,
        },
        sender?.partial ? (text) => sender.partial?.(started.conversationKey, text) : undefined,
      );
    } catch (error) {
      // Even the offline model failed (a bug, or the database went away mid-turn): the
      // customer still hears back, and the error is logged for us.
      logger.error({ err: error, conversationId }, 'the agent failed; sending an apology');
      result = apology(inbound.text);
    }
    const at = this.now();
    // A person may have taken over while the model was thinking: then the bot stays silent.
    if (await this.takenOverSince(started)) {
      await this.remember(conversationId, [asked], { current: started, fold: memory.fold });
      await ports.inbox.markProcessed(inbound.eventKey, at);
      return outcome;
    }
    if (inbound.clipped)
      result = {
        ...result,
        text: `${NOTICES[detectLanguage(inbound.text)].clipped(MAX_MESSAGE_CHARS)}\n\n${result.text}`,
      };
    const quickReplies = quickRepliesFor(inbound.text, result);
    const reply: Message = {
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
    };
    // The transcript first: should the outbox write fail, resuming the turn finds this reply
    // and stores its entry then. The other way round, an entry taken by a turn that failed
    // would wait for its lease to run out, and its reply would come after later ones.
    await this.record(reply);
    const entry = await this.enqueueReply(
      started,
      inbound.eventKey,
      result.text,
      { cards: result.cards, quickReplies },
      at,
    );
    logger.info(
      { conversationId, engine: result.engine, tools: result.toolCalls.map((c) => c.name) },
      'turn answered',
    );
    // Reply and outbox entry are stored, so the rest is independent: after a crash before
    // the mark, recovery finds the reply (and puts it in `recent` if the memory write was
    // lost) and sends nothing new; after one before the delivery, the outbox's background
    // pass delivers it. The next turn waits for all three, so it reads this turn's memory.
    await Promise.all([
      this.remember(conversationId, [asked, recentOf(reply)], {
        current: started,
        fold: memory.fold,
      }),
      ports.inbox.markProcessed(inbound.eventKey, at),
      entry ? delivery.deliver(entry) : undefined,
    ]);
    return { ...outcome, replied: true };
  }

  /**
   * Whether staff took the conversation (or closed it) after the turn read it. Usually one
   * small read: a mode change claims the version it starts from, so without a claim on the
   * version this turn saw, nothing changed; with one, the conversation says what it is now
   * (still answering when the turn's own escalation only queued it for a person).
   */
  private async takenOverSince(seen: Conversation): Promise<boolean> {
    const { conversations } = this.options.ports;
    if (!(await conversations.modeChangedSince(seen.conversationId, seen.version))) return false;
    const latest = await conversations.findById(seen.conversationId);
    return latest?.mode === 'human' || latest?.mode === 'closed';
  }
}

/** A customer's message as the transcript records it. */
function customerMessage(conversationId: string, inbound: InboundMessage): Message {
  return {
    conversationId,
    role: 'customer',
    text: inbound.text,
    createdAt: inbound.receivedAt,
    eventKey: inbound.eventKey,
  };
}

/** The part of a message a prompt needs, as `recent` keeps it. */
function recentOf({ role, text, createdAt, eventKey }: Message): RecentMessage {
  return { role, text, createdAt, eventKey };
}
