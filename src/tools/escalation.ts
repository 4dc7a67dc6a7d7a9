import type { EscalationPriority } from '../domain/escalation.js';
import { type HandoffReason, handoffReasonOf } from '../domain/insights.js';
import { detectLanguage } from '../language/detect.js';
import type { ToolDeps, TurnContext } from './define-tool.js';
import type { Queued } from './results.js';

const SUMMARY_MESSAGES = 6;
const SUMMARY_CHARS_PER_MESSAGE = 120;
const ORDERS_SHOWN = 3;

/**
 * Moves the conversation to `queued` and opens an escalation with what staff need to act at
 * once: the reason, a summary of the last messages, and the verified customer with their
 * recent orders. A conversation already queued or with a person is left as it is.
 */
export async function escalate(
  deps: ToolDeps,
  context: TurnContext,
  reason: string,
  priority: EscalationPriority,
  category: HandoffReason = handoffReasonOf(reason),
): Promise<Queued> {
  const { conversations, escalations, messages, commerce } = deps.ports;
  const now = deps.now();
  const [recent, conversation] = await Promise.all([
    messages.recent(context.conversationId, SUMMARY_MESSAGES),
    conversations.findById(context.conversationId),
  ]);
  const summary = recent
    .map((m) => `${m.role}: ${m.text.slice(0, SUMMARY_CHARS_PER_MESSAGE)}`)
    .join('\n');
  const customerId = conversation?.customerId ?? null;
  const recentOrders = customerId
    ? (await commerce.ordersOf(customerId, ORDERS_SHOWN)).map((o) => ({
        orderNumber: o.orderNumber,
        status: o.status,
        totalCents: o.totalCents,
        currency: o.currency,
        placedAt: o.placedAt,
      }))
    : [];
  const queued = await deps.modes.change(context.conversationId, ['bot'], 'queued');
  if (queued.changed) {
    const escalation = await escalations.open(
      {
        conversationId: context.conversationId,
        reason,
        category,
        priority,
        summary,
        customerId,
        recentOrders,
      },
      now,
    );
    deps.feed?.publish({
      type: 'escalation',
      conversationId: context.conversationId,
      escalationId: escalation.escalationId,
      status: 'open',
      at: now.toISOString(),
    });
  }
  const hours = deps.handoff.businessHours;
  if (!hours || hours.isOpen(now)) return { ok: true, queued: true, staffAtWork: true };
  return {
    ok: true,
    queued: true,
    staffAtWork: false,
    personFrom: hours.describe(hours.nextOpening(now), detectLanguage(context.customerText)),
  };
}
