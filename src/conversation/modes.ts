import type { ConversationMode } from '../domain/conversation.js';
import type { ConversationStore, ModeChangeOutcome } from '../ports/conversation-store.js';
import type { Feed } from '../ports/feed.js';
import type { ModeChanges } from '../ports/mode-changes.js';

/**
 * The one owner of mode changes: it makes the change (one of several racing callers wins) and
 * announces every change that happened to the consoles, so no caller can forget to.
 */
export class ConversationModes implements ModeChanges {
  constructor(
    private readonly conversations: Pick<ConversationStore, 'changeMode'>,
    private readonly feed: Feed,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async change(
    conversationId: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    by?: string,
  ): Promise<ModeChangeOutcome> {
    const at = this.now();
    const outcome = await this.conversations.changeMode(conversationId, from, to, at);
    if (outcome.changed)
      this.feed.publish({
        type: 'mode',
        conversationId,
        mode: to,
        ...(by ? { by } : {}),
        at: at.toISOString(),
      });
    return outcome;
  }
}
