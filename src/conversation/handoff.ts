import type { Conversation } from '../domain/conversation.js';
import type { StaffMember } from '../domain/staff.js';
import { detectLanguage, type Language } from '../language/detect.js';
import { NOTICES, type Notices } from '../language/notices.js';
import type { Feed } from '../ports/feed.js';
import type { Ports } from '../ports/index.js';
import type { ModeChanges } from '../ports/mode-changes.js';
import type { ConversationPipeline } from './pipeline.js';
import type { Resolutions } from './resolutions.js';

export type { StaffMember } from '../domain/staff.js';

export type HandoffError =
  | 'not_found'
  | 'already_taken'
  | 'not_yours'
  | 'not_with_a_person'
  | 'already_closed';
export type HandoffResult = { ok: true } | { ok: false; error: HandoffError };

/** The language of the customer's latest message in the conversation. */
export function customerLanguage(conversation: Conversation): Language {
  const lastCustomer = [...(conversation.recent ?? [])]
    .reverse()
    .find((m) => m.role === 'customer');
  return detectLanguage(lastCustomer?.text ?? '');
}

/**
 * What staff do with a conversation: take an escalation (one of several at once wins), reply
 * to the customer on their own channel, leave internal notes, hand back to the bot, close.
 * Every action is audited and shown live to every console.
 */
export class Handoff {
  constructor(
    private readonly ports: Pick<Ports, 'conversations' | 'escalations' | 'auditLog'>,
    private readonly modes: ModeChanges,
    private readonly pipeline: ConversationPipeline,
    private readonly feed: Feed,
    private readonly now: () => Date = () => new Date(),
    /** Records a close as resolved by a person, and asks the customer to rate it. */
    private readonly resolutions?: Resolutions,
  ) {}

  async take(escalationId: string, staff: StaffMember): Promise<HandoffResult> {
    const { escalations } = this.ports;
    const escalation = await escalations.findById(escalationId);
    if (!escalation) return { ok: false, error: 'not_found' };
    const at = this.now();
    if (!(await escalations.take(escalationId, staff.username, at)))
      return { ok: false, error: 'already_taken' };
    const moved = await this.modes.change(
      escalation.conversationId,
      ['queued', 'bot'],
      'human',
      staff.username,
    );
    // The conversation went elsewhere meanwhile (closed, or taken over another way): nobody
    // joined, so nothing is announced.
    if (!moved.changed)
      return {
        ok: false,
        error: moved.mode === 'closed' ? 'already_closed' : 'already_taken',
      };
    await this.audit(staff, 'take', escalation.conversationId, { escalationId });
    this.feed.publish({
      type: 'escalation',
      conversationId: escalation.conversationId,
      escalationId,
      status: 'taken',
      by: staff.username,
      at: at.toISOString(),
    });
    await this.tell(moved.conversation, staff, (t) =>
      t.joined(staff.displayName === undefined ? staff.username : staff.displayName),
    );
    return { ok: true };
  }

  /** A reply to the customer, from the staff member who took the conversation (or an admin). */
  async reply(conversationId: string, staff: StaffMember, text: string): Promise<HandoffResult> {
    const conversation = await this.owned(conversationId, staff);
    if ('error' in conversation) return { ok: false, error: conversation.error };
    await this.pipeline.post(conversation, { role: 'staff', text, author: staff.username });
    await this.audit(staff, 'reply', conversationId, { length: text.length });
    return { ok: true };
  }

  /** An internal note: staff see it in the transcript; it never reaches the customer. */
  async note(conversationId: string, staff: StaffMember, text: string): Promise<HandoffResult> {
    const conversation = await this.ports.conversations.findById(conversationId);
    if (!conversation) return { ok: false, error: 'not_found' };
    await this.pipeline.post(conversation, { role: 'note', text, author: staff.username });
    await this.audit(staff, 'note', conversationId, { length: text.length });
    return { ok: true };
  }

  handBack(conversationId: string, staff: StaffMember): Promise<HandoffResult> {
    return this.end(conversationId, staff, 'bot', (t) => t.back);
  }

  close(conversationId: string, staff: StaffMember): Promise<HandoffResult> {
    return this.end(conversationId, staff, 'closed', (t) => t.closed);
  }

  private async end(
    conversationId: string,
    staff: StaffMember,
    to: 'bot' | 'closed',
    say: (t: Notices) => string,
  ): Promise<HandoffResult> {
    const { conversations, escalations } = this.ports;
    const conversation = await conversations.findById(conversationId);
    if (!conversation) return { ok: false, error: 'not_found' };
    const escalation = await escalations.findActive(conversationId);
    if (escalation?.takenBy && escalation.takenBy !== staff.username && staff.role !== 'admin')
      return { ok: false, error: 'not_yours' };
    const at = this.now();
    const from =
      to === 'bot' ? (['human', 'queued'] as const) : (['human', 'queued', 'bot'] as const);
    const moved = await this.modes.change(conversationId, from, to, staff.username);
    if (!moved.changed)
      return {
        ok: false,
        error:
          (moved.mode ?? conversation.mode) === 'closed' ? 'already_closed' : 'not_with_a_person',
      };
    if (escalation) {
      await escalations.close(escalation.escalationId, at);
      this.feed.publish({
        type: 'escalation',
        conversationId,
        escalationId: escalation.escalationId,
        status: 'closed',
        by: staff.username,
        outcome: to,
        at: at.toISOString(),
      });
    }
    await this.audit(staff, to === 'bot' ? 'hand_back' : 'close', conversationId, {});
    await this.tell(conversation, staff, say);
    if (to === 'closed') await this.resolutions?.closedByStaff(moved.conversation);
    return { ok: true };
  }

  /** The conversation when `staff` may answer in it: with a person, and theirs (or an admin). */
  private async owned(
    conversationId: string,
    staff: StaffMember,
  ): Promise<Conversation | { error: HandoffError }> {
    const conversation = await this.ports.conversations.findById(conversationId);
    if (!conversation) return { error: 'not_found' };
    if (conversation.mode !== 'human') return { error: 'not_with_a_person' };
    const escalation = await this.ports.escalations.findActive(conversationId);
    if (escalation?.takenBy !== staff.username && staff.role !== 'admin')
      return { error: 'not_yours' };
    return conversation;
  }

  /** A line to the customer in their language, sent as the staff member. */
  private async tell(
    conversation: Conversation,
    staff: StaffMember,
    say: (t: Notices) => string,
  ): Promise<void> {
    await this.pipeline.post(conversation, {
      role: 'staff',
      text: say(NOTICES[customerLanguage(conversation)]),
      author: staff.username,
    });
  }

  private async audit(
    staff: StaffMember,
    action: string,
    conversationId: string,
    details: Record<string, string | number | boolean | null>,
  ): Promise<void> {
    await this.ports.auditLog.append({
      at: this.now(),
      actor: staff.username,
      action,
      conversationId,
      details,
    });
  }
}
