import type { DescriptionDraft } from '../domain/description-draft.js';
import type {
  ConversationOutcome,
  InsightEvent,
  PeriodCounts,
  Rating,
  Survey,
} from '../domain/insights.js';
import type { StockAlert } from '../domain/stock-alert.js';

/** Daily counters, added to as things happen, read by the Insights view. */
export interface InsightCounters {
  count(event: InsightEvent, at: Date): Promise<void>;
  /** Counts the event unless one under `key` was counted: true when this call counted it. */
  countOnce(key: string, event: InsightEvent, at: Date): Promise<boolean>;
  /**
   * The period from `from` to `to` (YYYY-MM-DD, both included): the days that counted
   * anything, and the term counters of the whole period.
   */
  period(from: string, to: string): Promise<PeriodCounts>;
}

/** Each conversation episode's outcome, recorded once. */
export interface Outcomes {
  /** Records it unless the episode has one: true when this call recorded it. */
  record(outcome: ConversationOutcome): Promise<boolean>;
  of(conversationId: string): Promise<ConversationOutcome[]>;
}

/** Satisfaction surveys: at most one per conversation, ever. */
export interface Surveys {
  /**
   * Opens the conversation's survey unless it has one: true when this call opened it, or when
   * the same event's reply opened it before (a retried turn asks again).
   */
  ask(survey: Pick<Survey, 'conversationId' | 'channel' | 'askedAt' | 'askedBy'>): Promise<boolean>;
  /** Records the rating unless one is recorded; the survey as it is after, null when none. */
  rate(conversationId: string, rating: Rating, at: Date): Promise<Survey | null>;
  comment(conversationId: string, comment: string): Promise<void>;
  find(conversationId: string): Promise<Survey | null>;
}

/** Customers waiting for a product to be back in stock. */
export interface StockAlerts {
  /** Keeps the alert unless the same one waits already: false then. */
  subscribe(alert: StockAlert): Promise<boolean>;
  /** Waiting alerts, oldest first, `skip` of them passed over (for paging). */
  waiting(limit: number, skip?: number): Promise<StockAlert[]>;
  markSent(alertId: string, at: Date): Promise<void>;
}

/** Product description drafts staff edit and approve. */
export interface DescriptionDrafts {
  save(draft: DescriptionDraft): Promise<void>;
  findById(draftId: string): Promise<DescriptionDraft | null>;
  /** Drafts not yet approved or discarded, newest first. */
  open(limit: number): Promise<DescriptionDraft[]>;
  /** Moves a draft on from `draft` only: false when it was approved or discarded meanwhile. */
  finish(
    draftId: string,
    to: { status: 'approved' | 'discarded'; text: string; by: string; at: Date },
  ): Promise<boolean>;
}
