import type { ConversationMode } from '../domain/conversation.js';
import type { EscalationStatus } from '../domain/escalation.js';

/** What the staff console hears about, live: every message (notes too) and every mode change. */
export type FeedEvent =
  | {
      type: 'message';
      conversationId: string;
      role: 'customer' | 'bot' | 'staff' | 'note';
      text: string;
      author?: string;
      at: string;
    }
  | { type: 'mode'; conversationId: string; mode: ConversationMode; by?: string; at: string }
  | {
      type: 'escalation';
      conversationId: string;
      escalationId: string;
      status: EscalationStatus;
      /** Who took or ended it; for a closed one, whether it went back to the bot or closed. */
      by?: string;
      outcome?: 'bot' | 'closed';
      at: string;
    };

export type FeedListener = (event: FeedEvent) => void;

/** Where staff consoles (and the Slack staff channel) hear about what happens, as it happens. */
export interface Feed {
  publish(event: FeedEvent): void;
  /** Every process's events. */
  subscribe(listener: FeedListener): () => void;
  /** This process's own events only. */
  subscribeLocal(listener: FeedListener): () => void;
}
