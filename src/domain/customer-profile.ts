import type { Channel } from './channel.js';

/** What the bot remembers about a customer across conversations and channels. */
export interface ProfileFacts {
  shoeSize?: string;
  apparelSize?: string;
  budgetCents?: number;
  interests?: string[];
  colours?: string[];
}

/** A platform user linked to a customer record by a verification step. */
export interface PlatformIdentity {
  channel: Channel;
  platformUserId: string;
  customerId: string;
  linkedAt: Date;
}

/** What happened around a recommendation: shown, then asked about or asked for more like it. */
export type RecommendationEventKind = 'shown' | 'asked_about' | 'more_like' | 'cheaper';

export interface RecommendationEvent {
  kind: RecommendationEventKind;
  conversationId: string;
  customerId: string | null;
  productIds: string[];
  at: Date;
}
