import type { App } from '@slack/bolt';
import { z } from 'zod';
import { KeyedQueue } from '../../background/keyed-queue.js';
import type { Handoff, HandoffResult } from '../../conversation/handoff.js';
import type { Escalation } from '../../domain/escalation.js';
import type { StaffMember } from '../../domain/staff.js';
import type { Logger } from '../../logger.js';
import type { Feed, FeedEvent } from '../../ports/feed.js';
import type { Ports } from '../../ports/index.js';
import { plainText, slackId, slackTs } from './inbound.js';

/** Staff buttons; apart from the customers' `concierge:` buttons. */
const STAFF_ACTION_PREFIX = 'concierge_staff:';
const TAKE = `${STAFF_ACTION_PREFIX}take`;
const HAND_BACK = `${STAFF_ACTION_PREFIX}hand_back`;
const CLOSE = `${STAFF_ACTION_PREFIX}close`;

const staffPressSchema = z.object({
  user: z.object({ id: slackId }),
  channel: z.object({ id: slackId }),
  message: z.object({ ts: slackTs }),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().min(1).max(200) }))
    .length(1),
});
const staffReplySchema = z.object({
  channel: slackId,
  user: slackId,
  text: z.string().min(1),
  ts: slackTs,
  thread_ts: slackTs,
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

function rootBlocks(escalation: Escalation, customer: string, state: string | null) {
  const orders = escalation.recentOrders.map((o) => `${o.orderNumber} (${o.status})`).join(', ');
  const lines = [
    `*${escalation.priority.toUpperCase()}* · ${escalation.reason}`,
    `Customer: ${customer}${orders ? ` · recent orders: ${orders}` : ''}`,
    `\`\`\`${escalation.summary.slice(0, 2500)}\`\`\``,
  ];
  const actions = state
    ? [
        button('Hand back to bot', HAND_BACK, escalation.escalationId),
        button('Close', CLOSE, escalation.escalationId, 'danger'),
      ]
    : [button('Take', TAKE, escalation.escalationId, 'primary')];
  return [
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    ...(state ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: state }] }] : []),
    { type: 'actions', elements: actions },
  ];
}

/**
 * The Slack staff channel: each escalation becomes a thread with the summary and a Take button;
 * the customer's messages are mirrored into it; replies in the thread by the staff member who
 * took it reach the customer on their own channel; Hand back and Close end it. Staff on Slack
 * are `slack:<user id>` unless a staff user is linked to that Slack id.
 */
export class StaffChannel {
  private readonly inOrder = new KeyedQueue();

  constructor(
    private readonly app: App,
    private readonly channel: string,
    private readonly store: Pick<Ports, 'escalations' | 'staffUsers' | 'commerce'>,
    private readonly handoff: Handoff,
    private readonly logger: Logger,
  ) {}

  /**
   * Follows the console feed; returns the unsubscribe function. A conversation's events are
   * handled in order, so a customer message that follows an escalation waits until the
   * escalation's thread exists (and its ts is stored) instead of finding no thread to go to.
   */
  listen(feed: Feed): () => void {
    // Its own process's events only: every process posts what happened in it, once.
    return feed.subscribeLocal((event) => {
      this.inOrder
        .run(event.conversationId, () => this.onFeed(event))
        .catch((error: unknown) =>
          this.logger.warn({ err: error, event: event.type }, 'staff channel could not post'),
        );
    });
  }

  /** Whether a message event belongs to the staff channel (and so is no customer's). */
  owns(channel: string): boolean {
    return channel === this.channel;
  }

  register(): void {
    this.app.action(new RegExp(`^${STAFF_ACTION_PREFIX}`), async ({ ack, body }) => {
      await ack();
      const press = staffPressSchema.safeParse(body);
      if (!press.success || press.data.channel.id !== this.channel) return;
      const [action] = press.data.actions;
      if (action) await this.onPress(press.data.user.id, action.action_id, action.value);
    });
  }

  /** A message in the staff channel: a reply in an escalation's thread goes to the customer. */
  async onMessage(event: unknown): Promise<void> {
    const parsed = staffReplySchema.safeParse(event);
    if (!parsed.success || parsed.data.subtype || parsed.data.bot_id) return;
    const reply = parsed.data;
    const escalation = await this.store.escalations.findByStaffThread(
      this.channel,
      reply.thread_ts,
    );
    if (!escalation) return;
    const staff = await this.staffFor(reply.user);
    const result = await this.handoff.reply(
      escalation.conversationId,
      staff,
      plainText(reply.text),
    );
    if (!result.ok) await this.say(reply.thread_ts, `Not sent to the customer: ${explain(result)}`);
  }

  private async onFeed(event: FeedEvent): Promise<void> {
    if (event.type === 'escalation') return this.onEscalation(event);
    if (event.type !== 'message' || event.role !== 'customer') return;
    const escalation = await this.store.escalations.findActive(event.conversationId);
    if (escalation?.staffThread)
      await this.say(escalation.staffThread.ts, `*Customer:* ${event.text}`);
  }

  /** A new escalation becomes a thread; taking and ending it, here or in the console, show on it. */
  private async onEscalation(event: Extract<FeedEvent, { type: 'escalation' }>): Promise<void> {
    const escalation = await this.store.escalations.findById(event.escalationId);
    if (!escalation) return;
    const customer = await this.customerLabel(escalation);
    if (event.status === 'open') {
      const posted = await this.app.client.chat.postMessage({
        channel: this.channel,
        text: `Escalation (${escalation.priority}): ${escalation.reason}`,
        blocks: rootBlocks(escalation, customer, null),
      });
      if (posted.ts)
        await this.store.escalations.setStaffThread(
          escalation.escalationId,
          this.channel,
          posted.ts,
        );
      return;
    }
    if (!escalation.staffThread) return;
    const who = await this.staffMention(event.by);
    const state =
      event.status === 'taken'
        ? `Taken by ${who}: reply in this thread to answer the customer.`
        : event.outcome === 'bot'
          ? `Handed back to the bot by ${who}.`
          : `Closed by ${who}.`;
    await this.app.client.chat.update({
      channel: this.channel,
      ts: escalation.staffThread.ts,
      text: state,
      blocks:
        event.status === 'taken'
          ? rootBlocks(escalation, customer, state)
          : [{ type: 'section', text: { type: 'mrkdwn', text: `${escalation.reason}\n${state}` } }],
    });
  }

  private async onPress(slackUser: string, actionId: string, escalationId: string): Promise<void> {
    const escalation = await this.store.escalations.findById(escalationId);
    if (!escalation?.staffThread) return;
    const staff = await this.staffFor(slackUser);
    const act =
      actionId === TAKE
        ? () => this.handoff.take(escalationId, staff)
        : actionId === HAND_BACK
          ? () => this.handoff.handBack(escalation.conversationId, staff)
          : actionId === CLOSE
            ? () => this.handoff.close(escalation.conversationId, staff)
            : null;
    // On success the thread is updated from the feed, as for a change made in the console.
    const result = await act?.();
    if (result && !result.ok)
      await this.say(escalation.staffThread.ts, `<@${slackUser}>: ${explain(result)}`);
  }

  private async staffFor(slackUser: string): Promise<StaffMember> {
    const linked = await this.store.staffUsers.findBySlackUser(slackUser);
    return linked && !linked.disabled
      ? { username: linked.username, role: linked.role, displayName: linked.displayName }
      : { username: `slack:${slackUser}`, role: 'agent', displayName: null };
  }

  /** A staff member as Slack shows them: a mention when their Slack id is known. */
  private async staffMention(username: string | undefined): Promise<string> {
    if (!username) return 'a colleague';
    if (username.startsWith('slack:')) return `<@${username.slice('slack:'.length)}>`;
    const user = await this.store.staffUsers.findByUsername(username);
    return user?.slackUserId ? `<@${user.slackUserId}>` : (user?.displayName ?? username);
  }

  private async customerLabel(escalation: Escalation): Promise<string> {
    if (!escalation.customerId) return 'not verified';
    const customer = await this.store.commerce.customer(escalation.customerId);
    return customer ? `${customer.name} (${customer.customerId})` : escalation.customerId;
  }

  private async say(threadTs: string, text: string): Promise<void> {
    await this.app.client.chat.postMessage({ channel: this.channel, thread_ts: threadTs, text });
  }
}

function explain(result: Exclude<HandoffResult, { ok: true }>): string {
  switch (result.error) {
    case 'already_taken':
      return 'someone else has already taken it.';
    case 'not_yours':
      return 'only the person who took it (or an admin) can do that.';
    case 'not_with_a_person':
      return 'nobody has taken it yet: press Take first.';
    case 'already_closed':
      return 'it is closed already.';
    case 'not_found':
      return 'the conversation is gone.';
  }
}
