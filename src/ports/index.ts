import type { AttemptCounters } from './attempts.js';
import type { Broadcasts } from './broadcasts.js';
import type { Commerce } from './commerce.js';
import type { ConversationStore, Transcript } from './conversation-store.js';
import type { CustomerProfiles, PlatformIdentities, RecommendationEvents } from './customers.js';
import type {
  DescriptionDrafts,
  InsightCounters,
  Outcomes,
  StockAlerts,
  Surveys,
} from './insights.js';
import type { HelpArticles, KnowledgeGaps } from './knowledge.js';
import type { Leases } from './leases.js';
import type { Claims, Inbox, Outbox } from './messaging.js';
import type { RateCounters } from './rate-counters.js';
import type {
  AuditLog,
  DeliveryAddresses,
  Escalations,
  StaffDirectory,
  StaffSessions,
} from './staff.js';

/**
 * Everything the conversation side (pipeline, tools, handoff, console, adapters) keeps, as
 * interfaces. `src/store/` implements them over MongoDB; `test/fakes/in-memory-ports.ts` in
 * memory for unit tests.
 */
export interface Ports {
  commerce: Commerce;
  conversations: ConversationStore;
  messages: Transcript;
  inbox: Inbox;
  outbox: Outbox;
  claims: Claims;
  platformIdentities: PlatformIdentities;
  profiles: CustomerProfiles;
  recommendationEvents: RecommendationEvents;
  escalations: Escalations;
  staffUsers: StaffDirectory;
  staffSessions: StaffSessions;
  auditLog: AuditLog;
  deliveryAddresses: DeliveryAddresses;
  /** Attempts at identity checks, per target e-mail and per client. */
  attempts: AttemptCounters;
  /** The help centre's articles. */
  articles: HelpArticles;
  /** Questions the help centre could not answer. */
  knowledgeGaps: KnowledgeGaps;
  /** Which process answers a conversation right now. */
  leases: Leases;
  /** Live events shared between processes (console feed, web chat replies). */
  broadcasts: Broadcasts;
  /** Request counts per key and window, for rate limits every process enforces together. */
  rateCounters: RateCounters;
  /** Daily counters the Insights view reads. */
  insights: InsightCounters;
  /** How each conversation episode ended. */
  outcomes: Outcomes;
  /** Satisfaction surveys. */
  surveys: Surveys;
  /** Customers waiting for a product to be back. */
  stockAlerts: StockAlerts;
  /** Product descriptions waiting for staff approval. */
  descriptionDrafts: DescriptionDrafts;
}
