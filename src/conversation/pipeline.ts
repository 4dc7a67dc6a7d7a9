import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
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
import {
  customerMessageId,
  type InboundEvent,
  type OutboxData,
  type OutboxEntry,
  replyOutboxId,
  threadOf,
} from '../domain/messaging.js';
import type { QuickReply } from '../domain/outbound.js';
import { firstNameOf } from '../domain/retail.js';
import type { Retailer } from '../domain/retailer.js';
import { detectLanguage } from '../language/detect.js';
import { NOTICES } from '../language/notices.js';
import type { Logger } from '../logger.js';
import type { RecentOptions } from '../ports/conversation-store.js';
import type { Feed } from '../ports/feed.js';
import type { Ports } from '../ports/index.js';
import type { ModeChanges } from '../ports/mode-changes.js';
import type { Spool } from '../ports/spool.js';
import { type BurstDebounce, burstOf } from './bursts.js';
import type { Delivery } from './delivery.js';
import { HeldLease, LeaseLostError } from './held-lease.js';
import { type InboundMessage, inboundMessageSchema, MAX_MESSAGE_CHARS } from './inbound.js';
import type { Resolutions } from './resolutions.js';
import type { Senders } from './senders.js';
import { SpooledIntake } from './spooled-intake.js';

/** What the pipeline keeps and reads. */
export type PipelinePorts = Pick<
  Ports,
  | 'conversations'
  | 'messages'
  | 'inbox'
  | 'outbox'
  | 'platformIdentities'
  | 'profiles'
  | 'commerce'
  | 'leases'
>;

/** How long a conversation's lease lasts unrenewed: how soon a dead worker's turns are taken over. */
const DEFAULT_LEASE_TTL_MS = 15_000;

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
  /** Outcomes, the satisfaction survey and reopenings; without it none is recorded. */
  resolutions?: Resolutions;
  memory?: MemoryOptions;
  /** Where inbound events wait while the database cannot take them; without it they fail. */
  spool?: Spool;
  /** This process's name on the leases it holds; unique per process. */
  worker?: string;
  leaseTtlMs?: number;
  /**
   * Per channel, how long after a customer's message the turn waits for another: a quick run
   * of messages becomes one turn. 0 (or absent) answers each message on its own.
   */
  burstDebounceMs?: BurstDebounce;
  now?: () => Date;
}

export { replyOutboxId } from '../domain/messaging.js';

/** A name for this process on the leases and events it writes, unique among processes. */
export function processWorkerName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** How often a new holder looks whether its predecessor's reply was sent meanwhile. */
const TAKE_OVER_POLL_MS = 250;

/** Events of a conversation read per pass; a burst is at most this long. */
const PENDING_BATCH = 20;

/** A reply the pipeline makes itself, without the agent. */
function ownReply(text: string, fallbackReason?: string): TurnResult {
  return {
    text,
    cards: [],
    toolCalls: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    engine: 'offline',
    ...(fallbackReason ? { fallbackReason } : {}),
    awaitingConfirmation: false,
  };
}

function apology(customerText: string): TurnResult {
  return ownReply(NOTICES[detectLanguage(customerText)].problem, 'agent failed');
}

/** Whether a reply leaves something waiting on the customer: a yes, or a try again. */
function leavesOpen(result: TurnResult): boolean {
  return (
    result.awaitingConfirmation ||
    result.fallbackReason === 'agent failed' ||
    result.toolCalls.some((c) => c.error === 'temporary_problem')
  );
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
 * inbox -> router -> agent -> outbox, for every channel and any number of processes. The
 * inbound event is stored before anything else (a repeated event key is acknowledged and
 * ignored); then whichever process holds the conversation's lease answers its pending events
 * in arrival order, fencing each turn's writes with the lease's epoch; the conversation's mode
 * is checked again before the reply is stored.
 */
export class ConversationPipeline {
  /** Storing, one at a time per platform thread, so events are stored in arrival order. */
  private readonly intake = new KeyedQueue();
  /** `recent` updates of a conversation made here, one at a time. */
  private readonly appends = new KeyedQueue();
  /** Conversations whose lease this process holds or is claiming, and the pass doing it. */
  private readonly driving = new Map<string, Promise<void>>();
  /** Who waits for an event's turn here (receive's `turn`), by event key. */
  private readonly waiters = new Map<
    string,
    { conversationId: string; settle: (outcome: TurnOutcome | null) => void }
  >();
  /**
   * Events this process stored and recorded in the transcript, whose turn has not run: their
   * turn neither records them again nor looks for a reply stored before a crash.
   */
  private readonly recordedHere = new Set<string>();
  readonly worker: string;
  private readonly leaseTtlMs: number;
  private readonly now: () => Date;
  private readonly memory: MemoryOptions;
  private readonly door: SpooledIntake;
  /** Settles once the first recovery pass has taken up what an earlier process left. */
  private recovered: Promise<void> = Promise.resolve();
  private openAfterRecovery: (() => void) | null = null;
  /** Whether `recover()` has run: the first pass takes every pending event. */
  private swept = false;

  constructor(private readonly options: PipelineOptions) {
    this.now = options.now ?? (() => new Date());
    this.memory = options.memory ?? DEFAULT_MEMORY;
    this.worker = options.worker ?? processWorkerName();
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    this.door = new SpooledIntake(options.ports.inbox, options.spool, options.logger);
  }

  /**
   * Stores the inbound event (in the inbox, or in the spool while the database is away) and
   * schedules the rest; resolves as soon as the event is durable (that is what a platform's
   * acknowledgement waits for), while `turn` settles when the reply is stored here (null when
   * another process holds the conversation and answers it). An event stored but never taken
   * further is picked up by `recover()`; a spooled one by `drainSpool()`.
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
   * Moves spooled events to the inbox in arrival order and wakes their conversations; resolves
   * to how many moved. Run periodically: a failed pass leaves the rest for the next.
   */
  drainSpool(): Promise<number> {
    return this.door.drain(async (event, recorded) => {
      if (recorded === 'stored') void this.takeFurther(event);
      // Stored already (a platform's retry, or a direct store that timed out and landed):
      // its conversation's lease holder answers it if it is still pending.
      else this.wake(conversationIdFor(event.channel, event.conversationKey));
    });
  }

  /**
   * Until the first `recover()` has run, new messages are stored (and acknowledged) as usual
   * but no conversation is answered, so what an earlier process left (and the spool kept) is
   * in the inbox before anyone reads a conversation's pending events. Called at start-up,
   * before the server takes events.
   */
  holdTurnsUntilRecovered(): void {
    this.recovered = new Promise((resolve) => {
      this.openAfterRecovery = resolve;
    });
  }

  /** Shows the message to staff at once and wakes its conversation; settles with its turn here. */
  private takeFurther(inbound: InboundMessage): Promise<TurnOutcome | null> {
    const conversationId = conversationIdFor(inbound.channel, inbound.conversationKey);
    const turn = new Promise<TurnOutcome | null>((settle) =>
      this.waiters.set(inbound.eventKey, { conversationId, settle }),
    );
    // The turn records it (once, by id) should this fail.
    void this.recordCustomer(conversationId, inbound)
      .then(
        () => this.recordedHere.add(inbound.eventKey),
        (error: unknown) =>
          this.options.logger.warn(
            { err: error, conversationId },
            "could not record a customer's message yet; its turn will",
          ),
      )
      .finally(() => this.wake(conversationId));
    return turn;
  }

  /**
   * Answers messages stored and never answered: left by a process that crashed or stopped, or
   * whose turn failed (the database went away mid-turn). Run at start and then periodically;
   * a conversation another live process holds is left to it. Resolves to how many
   * conversations it woke.
   */
  async recover(): Promise<number> {
    // After the first pass, only events that waited a lease's length: younger ones are being
    // answered by the process that stored them, and taking their conversation from under it
    // would only move the answer (and its live delivery) to another process.
    const first = !this.swept;
    this.swept = true;
    // Adapters stamp events with the wall clock.
    const settled = Date.now() - this.leaseTtlMs;
    // One still in the spool (its store timed out and landed) is the drain's, which moves it
    // before the thread's later events.
    const pending = (await this.options.ports.inbox.unprocessed(500)).filter(
      (event) =>
        !this.door.holds(event.eventKey) && (first || event.receivedAt.getTime() <= settled),
    );
    const conversations = new Set(
      pending.map((event) => conversationIdFor(event.channel, event.conversationKey)),
    );
    const woken = [...conversations].filter((id) => !this.driving.has(id));
    // Held until the spool and the inbox are as the previous process left them.
    this.openAfterRecovery?.();
    this.openAfterRecovery = null;
    for (const conversationId of woken) this.wake(conversationId);
    return woken.length;
  }

  /**
   * Makes sure this conversation's pending events get answered: by this process, unless
   * another holds its lease (which reads the pending events again before letting go).
   */
  private wake(conversationId: string): void {
    if (this.driving.has(conversationId)) return;
    const pass = this.drive(conversationId).finally(() => this.driving.delete(conversationId));
    this.driving.set(conversationId, pass);
  }

  /**
   * Claims the conversation's lease and answers its pending events, oldest first, until none
   * is left; then lets go, and looks once more, since an event stored by another process
   * while this one held the lease could not be answered by it.
   */
  private async drive(conversationId: string): Promise<void> {
    await this.recovered;
    const { ports, logger } = this.options;
    for (;;) {
      let grant: Awaited<ReturnType<typeof ports.leases.acquire>>;
      try {
        grant = await ports.leases.acquire(
          conversationId,
          this.worker,
          this.now(),
          this.leaseTtlMs,
        );
      } catch (error) {
        logger.error(
          { err: error, conversationId },
          'could not claim a conversation; the recovery sweep answers it',
        );
        this.settleWaiters(conversationId, null);
        return;
      }
      if (!grant) {
        // Another worker answers it, and looks at pending events before it lets go.
        this.settleWaiters(conversationId, null);
        return;
      }
      const lease = new HeldLease(grant, ports.leases, this.leaseTtlMs, this.now, logger);
      let finished = false;
      try {
        await this.answerPending(conversationId, lease);
        finished = true;
      } catch (error) {
        if (error instanceof LeaseLostError)
          logger.warn({ conversationId }, 'lease lost mid-turn; its new holder answers');
        else
          logger.error(
            { err: error, conversationId },
            'turn failed; answered by the next turn of this conversation or the recovery sweep',
          );
        this.settleWaiters(conversationId, null);
      } finally {
        await lease
          .release()
          .catch((error: unknown) =>
            logger.warn({ err: error, conversationId }, 'could not release a lease; it expires'),
          );
      }
      if (!finished) return;
      const left = await ports.inbox.pendingOf(conversationId, 1).catch(() => []);
      if (left.length === 0) return;
    }
  }

  /** Turn after turn, while the conversation has pending events and the lease is held. */
  private async answerPending(conversationId: string, lease: HeldLease): Promise<void> {
    for (;;) {
      const pending = await this.options.ports.inbox.pendingOf(conversationId, PENDING_BATCH);
      const first = pending[0];
      if (!first) return;
      const next = await this.nextTurn(pending);
      if (next === 'wait') continue;
      const outcome =
        next.reply === null
          ? await this.turn(conversationId, next.events, lease)
          : await this.resumeTurn(conversationId, next.events, next.reply, lease);
      for (const event of next.events)
        this.settle(event.eventKey, { conversationId, eventKey: event.eventKey, replied: outcome });
    }
  }

  /**
   * What the next turn answers: a reply stored before a crash (then it is sent, not made
   * again), or the oldest pending message together with the quick run of messages after it
   * (a burst), once the channel's debounce has passed since the last ('wait' until then).
   */
  private async nextTurn(
    pending: InboundEvent[],
  ): Promise<'wait' | { events: InboundEvent[]; reply: Message | null }> {
    const burst = burstOf(pending, this.options.burstDebounceMs);
    for (const [index, event] of burst.events.entries()) {
      if (this.recordedHere.has(event.eventKey)) continue;
      const reply = await this.options.ports.messages.replyTo(event.eventKey);
      if (reply?.role !== 'bot') continue;
      const answered = new Set(reply.data?.answers ?? [event.eventKey]);
      return {
        events: burst.events.slice(0, index + 1).filter((e) => answered.has(e.eventKey)),
        reply,
      };
    }
    const last = burst.events.at(-1);
    const waitMs =
      last && burst.debounceMs > 0 ? last.receivedAt.getTime() + burst.debounceMs - Date.now() : 0;
    if (waitMs > 0) {
      // At most one debounce: another process's clock may run ahead of ours.
      await sleep(Math.min(waitMs, burst.debounceMs));
      return 'wait';
    }
    return { events: burst.events, reply: null };
  }

  private settle(eventKey: string, outcome: TurnOutcome | null): void {
    this.waiters.get(eventKey)?.settle(outcome);
    this.waiters.delete(eventKey);
    this.recordedHere.delete(eventKey);
  }

  private settleWaiters(conversationId: string, outcome: null): void {
    for (const [eventKey, waiter] of this.waiters)
      if (waiter.conversationId === conversationId) this.settle(eventKey, outcome);
  }

  /** Records the customer's message once (whoever records it first), for staff to see. */
  private async recordCustomer(conversationId: string, event: CustomerEvent): Promise<void> {
    await this.record(customerMessage(conversationId, event), customerMessageId(event.eventKey));
  }

  /** The turn's customer messages in the transcript: those not recorded here already. */
  private async recordAll(conversationId: string, events: InboundEvent[]): Promise<void> {
    for (const event of events)
      if (!this.recordedHere.has(event.eventKey)) await this.recordCustomer(conversationId, event);
  }

  /** Appends to the transcript (once, given an id), where staff consoles see it at once. */
  private async record(message: Message, messageId?: string): Promise<'stored' | 'duplicate'> {
    const stored = await this.options.ports.messages.append(message, messageId);
    if (stored === 'duplicate' || message.role === 'tool') return stored;
    const author = message.data && 'author' in message.data ? message.data.author : undefined;
    this.options.feed?.publish({
      type: 'message',
      conversationId: message.conversationId,
      role: message.role,
      text: message.text,
      ...(author ? { author } : {}),
      at: message.createdAt.toISOString(),
    });
    return stored;
  }

  /** Adds to the conversation's bounded copy of its tail, the memory of its next turns. */
  private remember(
    conversationId: string,
    messages: RecentMessage[],
    options: RecentOptions = {},
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
    message: {
      role: 'staff' | 'note' | 'bot';
      text: string;
      author: string;
      /** Buttons under a bot's notice. */
      quickReplies?: QuickReply[];
      /**
       * An id that makes the message once: posted again (after a crash, or by another
       * process) it is neither stored nor sent twice.
       */
      once?: string;
    },
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
            data: {
              cards: [],
              quickReplies: message.quickReplies ?? [],
              toolCalls: [],
              author: message.author,
            },
          }
        : { ...base, role: message.role, data: { author: message.author } };
    if ((await this.record(posted, message.once)) === 'stored')
      await this.remember(conversation.conversationId, [recentOf(posted)]);
    if (message.role === 'note') return;
    // Stored already taken by this process (like a bot reply), so no background pass sends it too.
    const entry = await this.options.ports.outbox.enqueueOnce(
      message.once ?? `${message.role}:${randomUUID()}`,
      {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        text: message.text,
        authorRole: message.role,
        data: { cards: [], quickReplies: message.quickReplies ?? [] },
      },
      at,
    );
    if (entry) await this.options.delivery.deliver(entry);
  }

  /** Waits for every message taken in so far to be stored and its conversation's pass to end. */
  async drain(): Promise<void> {
    await this.intake.drain();
    while (this.driving.size > 0) await Promise.all([...this.driving.values()]);
    await this.appends.drain();
  }

  private async openConversation(inbound: Omit<InboundEvent, 'text'>): Promise<Conversation> {
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

  /**
   * A turn interrupted by a crash or a hard stop after its reply was stored: the reply is sent
   * (once: the outbox entry's id comes from the event key) instead of answering again.
   */
  private async resumeTurn(
    conversationId: string,
    events: InboundEvent[],
    reply: Message,
    lease: HeldLease,
  ): Promise<boolean> {
    const { ports, delivery } = this.options;
    const conversation = await ports.conversations.findById(conversationId);
    const last = events.at(-1);
    if (!conversation || !last) return false;
    await lease.fence();
    await this.recordAll(conversationId, events);
    // The crash may have come before the turn's closing write: then the memory gets it now.
    if (!conversation.recent?.some((m) => m.role === 'bot' && m.eventKey === last.eventKey)) {
      await this.remember(
        conversationId,
        [...events.map((e) => recentOf(customerMessage(conversationId, e))), recentOf(reply)],
        { current: conversation },
      );
    }
    const entry =
      (await this.enqueueReply(
        conversation,
        last,
        reply.text,
        {
          cards: reply.role === 'bot' ? (reply.data?.cards ?? []) : [],
          quickReplies: reply.role === 'bot' ? (reply.data?.quickReplies ?? []) : [],
        },
        reply.createdAt,
      )) ?? (await this.takeOverUnsent(replyOutboxId(last.eventKey)));
    await this.markProcessed(events);
    if (entry) await delivery.deliver(entry);
    return true;
  }

  /**
   * A reply its previous holder stored and has not marked sent: that holder may be sending it
   * right now (alive, only slow past its lease) or be dead. It is given a lease's length to
   * finish; then the entry's next attempt is taken and sent here, before the conversation's
   * next reply, rather than when its delivery lease (a minute) runs out.
   */
  private async takeOverUnsent(outboxId: string): Promise<OutboxEntry | null> {
    const { outbox } = this.options.ports;
    const deadline = Date.now() + this.leaseTtlMs;
    for (;;) {
      const entry = await outbox.findById(outboxId);
      // Sent, failed for good, or waiting for the delivery pass's retry: not ours to send.
      if (entry?.status !== 'sending') return null;
      if (Date.now() >= deadline) return outbox.takeOver(outboxId, this.now(), this.worker);
      await sleep(TAKE_OVER_POLL_MS);
    }
  }

  private async markProcessed(events: InboundEvent[]): Promise<void> {
    const at = this.now();
    for (const event of events) await this.options.ports.inbox.markProcessed(event.eventKey, at);
  }

  /** Stores the reply to `event` for delivery; null when it was stored before. */
  private enqueueReply(
    conversation: Conversation,
    event: InboundEvent,
    text: string,
    data: OutboxData,
    at: Date,
  ) {
    return this.options.ports.outbox.enqueueOnce(
      replyOutboxId(event.eventKey),
      {
        conversationId: conversation.conversationId,
        channel: conversation.channel,
        conversationKey: conversation.conversationKey,
        text,
        authorRole: 'bot',
        data,
        ...(event.platformMessageId ? { inReplyTo: event.platformMessageId } : {}),
      },
      at,
    );
  }

  /**
   * One turn answering `events` (one message, or a burst read as one): the reply is keyed to
   * the last, and every write comes after the lease's fence.
   */
  private async turn(
    conversationId: string,
    events: InboundEvent[],
    lease: HeldLease,
  ): Promise<boolean> {
    const { delivery, logger } = this.options;
    const inbound = events.at(-1);
    if (!inbound) return false;
    await this.recordAll(conversationId, events);
    const asked = events.map((e) => recentOf(customerMessage(conversationId, e)));
    // What the model reads: the burst as one message.
    const text = events.map((e) => e.text).join('\n');
    const current: RecentMessage = { ...recentOf(customerMessage(conversationId, inbound)), text };
    let conversation = await this.openConversation(inbound);
    const { resolutions } = this.options;
    // An answer to the satisfaction survey is taken whatever the mode (a closed conversation
    // is asked after staff close it) and answered without the agent.
    const surveyAnswer = resolutions
      ? await resolutions.beforeTurn(conversation, text, () => lease.fence())
      : null;
    if (!surveyAnswer) {
      // A customer writing again after staff closed the conversation starts afresh with the bot.
      if (conversation.mode === 'closed') {
        const reopened = await this.options.modes.change(conversationId, ['closed'], 'bot');
        if (reopened.changed) conversation = reopened.conversation;
      }
      if (conversation.mode !== 'bot') {
        await lease.fence();
        await this.remember(conversationId, asked, { current: conversation });
        await this.markProcessed(events);
        return false;
      }
    }
    const started = conversation;
    let result: TurnResult;
    let fold: SummaryFold | null = null;
    if (surveyAnswer) {
      result = ownReply(surveyAnswer.text);
    } else {
      const answer = await this.ask(started, inbound, text, current);
      result = answer.result;
      fold = answer.fold;
    }
    // The fence: a worker whose lease was claimed while the model thought stops here.
    await lease.fence();
    const at = this.now();
    // A person may have taken over while the model was thinking: then the bot stays silent.
    if (!surveyAnswer && (await this.takenOverSince(started))) {
      await this.remember(conversationId, asked, { current: started, fold });
      await this.markProcessed(events);
      return false;
    }
    if (events.some((e) => e.clipped))
      result = {
        ...result,
        text: `${NOTICES[detectLanguage(text)].clipped(MAX_MESSAGE_CHARS)}\n\n${result.text}`,
      };
    // The customer closed after an answer: the episode is resolved, and the reply asks once
    // for a rating.
    const survey =
      surveyAnswer || !resolutions
        ? null
        : await resolutions.closedByCustomer(started, text, inbound.eventKey);
    if (survey) result = { ...result, text: `${result.text}\n\n${survey.question}` };
    const quickReplies = survey ? survey.buttons : quickRepliesFor(text, result);
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
        ...(events.length > 1 ? { answers: events.map((e) => e.eventKey) } : {}),
        lease: { epoch: lease.epoch, worker: lease.worker },
      },
    };
    // The transcript first, under the reply's id: should the outbox write fail, resuming the
    // turn finds this reply and stores its entry then.
    // Stored already: this worker's lease ran out while it worked, and the conversation's new
    // holder answered; it sends its reply, so this one stops here.
    if ((await this.record(reply, replyOutboxId(inbound.eventKey))) === 'duplicate')
      throw new LeaseLostError(conversationId);
    const entry = await this.enqueueReply(
      started,
      inbound,
      result.text,
      { cards: result.cards, quickReplies },
      at,
    );
    logger.info(
      { conversationId, engine: result.engine, tools: result.toolCalls.map((c) => c.name) },
      'turn answered',
    );
    // Taken over meanwhile (this worker was slow past its lease): the new holder finds the
    // reply stored and the events pending, and sends it, once; this worker sends nothing.
    if (!(await lease.held())) throw new LeaseLostError(conversationId);
    // Reply and outbox entry are stored, so the rest is independent: after a crash before
    // the marks, the next holder finds the reply (and puts it in `recent` if the memory write
    // was lost) and sends it; after one before the delivery, the outbox's background pass
    // delivers it. The next turn waits for all three, so it reads this turn's memory.
    // The episode waits for its outcome (in the memory's write), unless this reply was the
    // survey's or asked it.
    const answered =
      surveyAnswer || survey || !resolutions ? undefined : { at, open: leavesOpen(result) };
    await Promise.all([
      this.remember(conversationId, [...asked, recentOf(reply)], {
        current: started,
        fold,
        answered,
      }),
      this.markProcessed(events),
      entry ? delivery.deliver(entry) : undefined,
    ]);
    return true;
  }

  /** The agent's answer to the customer's message, with what the memory folded meanwhile. */
  private async ask(
    started: Conversation,
    inbound: InboundEvent,
    text: string,
    current: RecentMessage,
  ): Promise<{ result: TurnResult; fold: SummaryFold | null }> {
    const { ports, agent, senders, logger } = this.options;
    const { conversationId } = started;
    const sender = senders.get(started.channel);
    await sender?.typing?.(started.conversationKey, inbound.platformMessageId).catch(() => {});
    const memory = await loadMemory(
      ports.messages,
      started,
      this.memory,
      this.options.summarize,
      current,
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
    try {
      const result = await agent.run(
        prompt,
        {
          conversationId,
          turnId: inbound.eventKey,
          customerText: text,
          client: inbound.clientKey ?? `${inbound.channel}:${inbound.platformUserId}`,
          customer: firstName ? { firstName, facts } : null,
        },
        sender?.partial ? (soFar) => sender.partial?.(started.conversationKey, soFar) : undefined,
      );
      return { result, fold: memory.fold };
    } catch (error) {
      // Even the offline model failed (a bug, or the database went away mid-turn): the
      // customer still hears back, and the error is logged for us.
      logger.error({ err: error, conversationId }, 'the agent failed; sending an apology');
      return { result: apology(text), fold: memory.fold };
    }
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
type CustomerEvent = Pick<InboundEvent, 'text' | 'receivedAt' | 'eventKey'>;

function customerMessage(conversationId: string, inbound: CustomerEvent): Message {
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
