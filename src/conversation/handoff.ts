import { detectLanguage, type Language } from '../language/detect.js';
import type { Conversation } from '../store/repositories/conversations.js';
import type { StaffRole } from '../store/repositories/staff-users.js';
import type { Store } from '../store/store.js';
import type { ConsoleFeed } from './console-feed.js';
import type { ConversationPipeline } from './pipeline.js';

export interface StaffMember {
  username: string;
  role: StaffRole;
  /** The name the customer is told; null when unknown (then "someone from our team"). */
  displayName?: string | null;
}

export type HandoffError =
  | 'not_found'
  | 'already_taken'
  | 'not_yours'
  | 'not_with_a_person'
  | 'already_closed';
export type HandoffResult = { ok: true } | { ok: false; error: HandoffError };

const TOLD = {
  en: {
    joined: (name: string | null) =>
      `${name ?? 'Someone'} from our team has joined the conversation.`,
    back: "You're back with the Concierge assistant. How else can I help?",
    closed: 'This conversation is closed. Write again any time and we will pick it up.',
  },
  zh: {
    joined: (name: string | null) =>
      name ? `我们的同事 ${name} 已加入对话。` : '我们的同事已加入对话。',
    back: '您好，接下来由智能助手继续为您服务。还有什么可以帮您？',
    closed: '本次对话已结束。有需要随时再联系我们。',
  },
} as const;

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
    private readonly store: Store,
    private readonly pipeline: ConversationPipeline,
    private readonly feed: ConsoleFeed,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async take(escalationId: string, staff: StaffMember): Promise<HandoffResult> {
    const { store } = this;
    const escalation = await store.escalations.findById(escalationId);
    if (!escalation) return { ok: false, error: 'not_found' };
    const at = this.now();
    if (!(await store.escalations.take(escalationId, staff.username, at)))
      return { ok: false, error: 'already_taken' };
    await store.conversations.changeMode(escalation.conversationId, ['queued', 'bot'], 'human', at);
    await this.audit(staff, 'take', escalation.conversationId, { escalationId });
    this.feed.publish({
      type: 'escalation',
      conversationId: escalation.conversationId,
      escalationId,
      status: 'taken',
      by: staff.username,
      at: at.toISOString(),
    });
    this.feed.publish({
      type: 'mode',
      conversationId: escalation.conversationId,
      mode: 'human',
      by: staff.username,
      at: at.toISOString(),
    });
    const conversation = await store.conversations.findById(escalation.conversationId);
    if (conversation)
      await this.tell(conversation, staff, (t) =>
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
    const conversation = await this.store.conversations.findById(conversationId);
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
    say: (t: (typeof TOLD)['en' | 'zh']) => string,
  ): Promise<HandoffResult> {
    const { store } = this;
    const conversation = await store.conversations.findById(conversationId);
    if (!conversation) return { ok: false, error: 'not_found' };
    const escalation = await store.escalations.findActive(conversationId);
    if (escalation?.takenBy && escalation.takenBy !== staff.username && staff.role !== 'admin')
      return { ok: false, error: 'not_yours' };
    const at = this.now();
    const from =
      to === 'bot' ? (['human', 'queued'] as const) : (['human', 'queued', 'bot'] as const);
    if (!(await store.conversations.changeMode(conversationId, from, to, at)))
      return {
        ok: false,
        error: conversation.mode === 'closed' ? 'already_closed' : 'not_with_a_person',
      };
    if (escalation) {
      await store.escalations.close(escalation.escalationId, at);
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
    this.feed.publish({
      type: 'mode',
      conversationId,
      mode: to,
      by: staff.username,
      at: at.toISOString(),
    });
    await this.tell(conversation, staff, say);
    return { ok: true };
  }

  /** The conversation when `staff` may answer in it: with a person, and theirs (or an admin). */
  private async owned(
    conversationId: string,
    staff: StaffMember,
  ): Promise<Conversation | { error: HandoffError }> {
    const conversation = await this.store.conversations.findById(conversationId);
    if (!conversation) return { error: 'not_found' };
    if (conversation.mode !== 'human') return { error: 'not_with_a_person' };
    const escalation = await this.store.escalations.findActive(conversationId);
    if (escalation?.takenBy !== staff.username && staff.role !== 'admin')
      return { error: 'not_yours' };
    return conversation;
  }

  /** A line to the customer in their language, sent as the staff member. */
  private async tell(
    conversation: Conversation,
    staff: StaffMember,
    say: (t: (typeof TOLD)['en' | 'zh']) => string,
  ): Promise<void> {
    await this.pipeline.post(conversation, {
      role: 'staff',
      text: say(TOLD[customerLanguage(conversation)]),
      author: staff.username,
    });
  }

  private async audit(
    staff: StaffMember,
    action: string,
    conversationId: string,
    details: Record<string, string | number | boolean | null>,
  ): Promise<void> {
    await this.store.auditLog.append({
      at: this.now(),
      actor: staff.username,
      action,
      conversationId,
      details,
    });
  }
}
