import { understand } from '../agent/offline/understand.js';
import { Periodic } from '../background/periodic.js';
import type { Conversation } from '../domain/conversation.js';
import type { Escalation } from '../domain/escalation.js';
import {
  type HandoffReason,
  handoffReasonOf,
  type InsightEvent,
  type OutcomeKind,
  RATINGS,
  type Rating,
} from '../domain/insights.js';
import type { QuickReply } from '../domain/outbound.js';
import { detectLanguage } from '../language/detect.js';
import { NOTICES } from '../language/notices.js';
import type { Logger } from '../logger.js';
import type { Ports } from '../ports/index.js';
import { customerLanguage } from './handoff.js';

type ResolutionPorts = Pick<
  Ports,
  'conversations' | 'escalations' | 'outcomes' | 'surveys' | 'insights'
>;

/** A message outside a turn, to the customer on their channel (the pipeline's `post`). */
export type PostToCustomer = (
  conversation: Conversation,
  message: { text: string; quickReplies: QuickReply[] },
) => Promise<void>;

export interface ResolutionOptions {
  /** Quiet this long after the bot's answer, a conversation is over. */
  idleMs: number;
  /** Quiet this long with a person (or waiting for one), it ended handed off. */
  handoffIdleMs: number;
}

/** What a turn says instead of asking the agent: an answer to the survey. */
export interface SurveyReply {
  text: string;
}

/** Conversations looked at per idle pass. */
const IDLE_BATCH = 200;
const MAX_INTERVAL_MS = 60_000;

/** The 1-5 buttons, in the customer's language; a press sends the digit. */
export function ratingButtons(text: string | Conversation): QuickReply[] {
  const language = typeof text === 'string' ? detectLanguage(text) : customerLanguage(text);
  const { labels } = NOTICES[language].survey;
  return RATINGS.map((n) => ({ id: `rate_${n}` as const, label: labels[n], text: String(n) }));
}

/** A rating in what the customer wrote: "4", "4/5", "4 stars", "★★★★"; null otherwise. */
export function ratingIn(text: string): Rating | null {
  const clean = text.trim();
  const digit = /^([1-5])\s*(?:\/\s*5|stars?|分|星)?\s*[.!。！]?$/i.exec(clean)?.[1];
  if (digit) return Number(digit) as Rating;
  const stars = /^[★⭐]{1,5}$/u.exec(clean)?.[0];
  return stars ? (Array.from(stars).length as Rating) : null;
}

/** Whether the customer is closing: a thanks or a goodbye and nothing else asked. */
export function isClosing(text: string): boolean {
  const kind = understand(text).kind;
  return kind === 'thanks' || kind === 'bye';
}

/** Whether a message after a rating is a new request rather than a comment on the service. */
function isRequest(text: string): boolean {
  if (/[?？]/.test(text)) return true;
  const kind = understand(text).kind;
  return !['unknown', 'thanks', 'bye', 'greeting', 'confirm'].includes(kind);
}

function reasonOf(escalation: Escalation): HandoffReason {
  return escalation.category ?? handoffReasonOf(escalation.reason);
}

/**
 * How conversations end and what customers thought of them: each episode's outcome (recorded
 * once), the satisfaction survey (asked once per conversation, only after a resolution, never
 * while a person handles it), reopenings, and the daily counters the Insights view reads.
 */
export class Resolutions {
  private readonly passes: Periodic;

  constructor(
    private readonly ports: ResolutionPorts,
    private readonly post: PostToCustomer,
    private readonly logger: Logger,
    private readonly options: ResolutionOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.passes = new Periodic(
      'record the outcome of quiet conversations',
      () => this.pass(),
      logger,
    );
  }

  start(): void {
    this.passes.start(
      Math.min(MAX_INTERVAL_MS, Math.max(1000, Math.floor(this.options.idleMs / 4))),
    );
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One idle pass; concurrent calls share it. */
  check(): Promise<void> {
    return this.passes.run();
  }

  /** Adds to the day's counters; a counter that fails is logged, never the turn's failure. */
  async count(event: InsightEvent): Promise<void> {
    try {
      await this.ports.insights.count(event, this.now());
    } catch (error) {
      this.logger.warn({ err: error, kind: event.kind }, 'could not count an insight event');
    }
  }

  /**
   * Before a turn, in any mode: the customer's answer to the survey is taken here (the reply
   * to say, and no agent), and a message after the episode's outcome reopens it. `fence` is
   * the turn's lease fence, taken before the first of these writes.
   */
  async beforeTurn(
    conversation: Conversation,
    text: string,
    fence: () => Promise<void>,
  ): Promise<SurveyReply | null> {
    const { conversations, surveys } = this.ports;
    const { conversationId, channel } = conversation;
    const notices = NOTICES[detectLanguage(text)].survey;
    const reopens = conversation.settledEpisode === (conversation.episode ?? 0);
    if (conversation.survey || reopens) await fence();
    if (conversation.survey === 'rating') {
      const rating = ratingIn(text);
      if (rating !== null) {
        const survey = await surveys.rate(conversationId, rating, this.now());
        await conversations.setSurveyStep(conversationId, 'comment');
        if (survey?.rating === rating) await this.count({ kind: 'csat', channel, rating });
        return { text: notices.rated };
      }
    } else if (conversation.survey === 'comment' && !isRequest(text)) {
      await surveys.comment(conversationId, text.slice(0, 2000));
      await conversations.setSurveyStep(conversationId, null);
      return { text: notices.commented };
    }
    if (conversation.survey) await conversations.setSurveyStep(conversationId, null);
    if ((conversation.recent ?? []).length === 0)
      await this.count({ kind: 'conversation', channel });
    if (reopens) {
      await conversations.reopen(conversationId);
      await this.count({ kind: 'reopened', channel });
    }
    return null;
  }

  /**
   * The customer closed (thanks, bye) after the bot had answered: the episode is resolved by
   * the bot, and the reply asks for a rating. Returns the question and its buttons to add to
   * the reply, or null. `eventKey` is the closing message's: a retried turn asks again.
   */
  async closedByCustomer(
    conversation: Conversation,
    text: string,
    eventKey: string,
  ): Promise<{ question: string; buttons: QuickReply[] } | null> {
    if (!isClosing(text) || conversation.pendingAction) return null;
    const answeredBefore = (conversation.recent ?? []).some((m) => m.role === 'bot');
    if (!answeredBefore) return null;
    // Read again: this turn's `beforeTurn` may have reopened it (a new episode) since.
    const latest =
      (await this.ports.conversations.findById(conversation.conversationId)) ?? conversation;
    await this.settle(latest, 'resolved_by_bot', await this.handoffReason(latest));
    if (!(await this.askOnce(latest, eventKey))) return null;
    return { question: NOTICES[detectLanguage(text)].survey.ask, buttons: ratingButtons(text) };
  }

  /** Staff closed the conversation: resolved by a person, and the customer is asked to rate. */
  async closedByStaff(conversation: Conversation): Promise<void> {
    const reason = await this.handoffReason(conversation);
    const recorded = await this.settle(conversation, 'resolved_by_person', reason);
    if (recorded) await this.askAfter(conversation);
  }

  private async pass(): Promise<void> {
    const at = this.now();
    const due = await this.ports.conversations.answeredBefore(
      new Date(at.getTime() - this.options.idleMs),
      IDLE_BATCH,
    );
    for (const candidate of due) {
      try {
        await this.ended(candidate, at);
      } catch (error) {
        this.logger.warn(
          { err: error, conversationId: candidate.conversationId },
          'could not record a quiet conversation’s outcome; the next pass tries again',
        );
      }
    }
  }

  /** A conversation quiet since the bot's answer: what its episode came to. */
  private async ended(conversation: Conversation, at: Date): Promise<void> {
    const { conversations } = this.ports;
    const { conversationId } = conversation;
    if (conversation.mode === 'bot') {
      const open = conversation.answerOpen === true || conversation.pendingAction !== null;
      const recorded = await this.settle(
        conversation,
        open ? 'abandoned' : 'resolved_by_bot',
        null,
      );
      if (recorded && !open) await this.askAfter(conversation);
      return;
    }
    if (conversation.mode === 'closed') {
      // Closed by staff, whose close did not get to record it (a crash in between).
      await this.settle(conversation, 'resolved_by_person', await this.handoffReason(conversation));
      return;
    }
    const quietSince = conversation.updatedAt.getTime();
    if (at.getTime() - quietSince >= this.options.handoffIdleMs) {
      await this.settle(conversation, 'handed_off', await this.handoffReason(conversation));
      return;
    }
    // With a person, or waiting for one: looked at again when it may have gone quiet enough.
    await conversations.markAnswered(
      conversationId,
      new Date(quietSince + this.options.handoffIdleMs - this.options.idleMs),
      conversation.answerOpen === true,
    );
  }

  /**
   * Why this episode went to a person, if it did: its latest escalation, when opened after
   * the previous episode's outcome (a hand-back closes it, so open or not).
   */
  private async handoffReason(conversation: Conversation): Promise<HandoffReason | null> {
    const { conversationId } = conversation;
    const [latest, outcomes] = await Promise.all([
      this.ports.escalations.latestOf(conversationId),
      this.ports.outcomes.of(conversationId),
    ]);
    if (!latest) return null;
    const previous = outcomes.at(-1)?.at.getTime() ?? Number.NEGATIVE_INFINITY;
    return latest.createdAt.getTime() > previous ? reasonOf(latest) : null;
  }

  /** Records the episode's outcome once and counts it; true when this call recorded it. */
  private async settle(
    conversation: Conversation,
    kind: OutcomeKind,
    handoffReason: HandoffReason | null,
  ): Promise<boolean> {
    const episode = conversation.episode ?? 0;
    const { conversationId, channel } = conversation;
    const recorded = await this.ports.outcomes.record({
      conversationId,
      episode,
      channel,
      kind,
      handoffReason,
      at: this.now(),
    });
    await this.ports.conversations.settle(conversationId, episode);
    if (recorded) {
      await this.count({ kind: 'outcome', channel, outcome: kind, handoffReason });
      this.logger.info(
        { conversationId, episode, outcome: kind, handoffReason },
        'conversation outcome',
      );
    }
    return recorded;
  }

  /** Opens the conversation's one survey; true when this call (or this event before) did. */
  private async askOnce(conversation: Conversation, askedBy: string | null): Promise<boolean> {
    const asked = await this.ports.surveys.ask({
      conversationId: conversation.conversationId,
      channel: conversation.channel,
      askedAt: this.now(),
      askedBy,
    });
    if (asked) await this.ports.conversations.setSurveyStep(conversation.conversationId, 'rating');
    return asked;
  }

  /** The survey as a message of its own, after a resolution outside a turn. */
  private async askAfter(conversation: Conversation): Promise<void> {
    if (!(await this.askOnce(conversation, null))) return;
    await this.post(conversation, {
      text: NOTICES[customerLanguage(conversation)].survey.ask,
      quickReplies: ratingButtons(conversation),
    });
  }
}
