import type { ConversationMode } from '../domain/conversation.js';
import type { ModeChangeOutcome } from './conversation-store.js';

/**
 * The one owner of conversation mode changes: every change goes through it, and every change
 * that happened is announced on the feed. The outcome says whether it happened; a caller that
 * lost (the conversation moved meanwhile) must not act as if it had.
 */
export interface ModeChanges {
  change(
    conversationId: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    by?: string,
  ): Promise<ModeChangeOutcome>;
}
