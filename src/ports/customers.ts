import type { Channel } from '../domain/channel.js';
import type {
  PlatformIdentity,
  ProfileFacts,
  RecommendationEvent,
} from '../domain/customer-profile.js';

/** Platform users linked to customers by verification. */
export interface PlatformIdentities {
  /** Links (or re-links) a platform user to a customer; the latest verification wins. */
  link(identity: PlatformIdentity): Promise<void>;
  customerIdFor(channel: Channel, platformUserId: string): Promise<string | null>;
}

/** What the bot remembers about a customer. */
export interface CustomerProfiles {
  facts(customerId: string): Promise<ProfileFacts>;
  /** Merges `facts` into what is remembered; returns the result. */
  remember(customerId: string, facts: ProfileFacts, at: Date): Promise<ProfileFacts>;
}

export interface RecommendationEvents {
  record(event: RecommendationEvent): Promise<void>;
  /** Every event since `since`. */
  list(since: Date): Promise<RecommendationEvent[]>;
}
