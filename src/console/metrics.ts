import type { Conversation } from '../domain/conversation.js';
import type { Escalation } from '../domain/escalation.js';
import type { MessageForMetrics } from '../ports/conversation-store.js';
import type { Ports } from '../ports/index.js';

const DAY_MS = 86_400_000;
/** The most messages one metrics request reads; the answer says when it hit this. */
const MAX_MESSAGES = 200_000;

/** USD per million tokens, to estimate what the LLM costs. */
export interface TokenPrices {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface MetricsInput {
  from: Date;
  to: Date;
  conversations: Pick<Conversation, 'conversationId' | 'createdAt'>[];
  escalations: Pick<Escalation, 'conversationId' | 'reason' | 'createdAt' | 'takenAt'>[];
  messages: MessageForMetrics[];
  prices: TokenPrices;
}

interface Day {
  day: string;
  conversations: number;
  escalations: number;
  llmInputTokens: number;
  llmOutputTokens: number;
  llmCostUsd: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? null)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** A reason without its particulars ("refund above the approval limit (order NW-1)"). */
function reasonKind(reason: string): string {
  return reason.replace(/\s*\(.*\)\s*$/, '').trim() || 'unspecified';
}

/**
 * The metrics page's figures from what the store keeps: conversations, containment (no person
 * had to take over), escalations and why, first-response time, tool errors, and LLM tokens
 * and estimated cost per day. Pure, so it is tested on hand-made rows.
 */
export function computeMetrics(input: MetricsInput) {
  const days = new Map<string, Day>();
  const dayOf = (at: Date) => {
    const key = at.toISOString().slice(0, 10);
    let day = days.get(key);
    if (!day) {
      day = {
        day: key,
        conversations: 0,
        escalations: 0,
        llmInputTokens: 0,
        llmOutputTokens: 0,
        llmCostUsd: 0,
      };
      days.set(key, day);
    }
    return day;
  };
  for (let t = input.from.getTime(); t <= input.to.getTime(); t += DAY_MS) dayOf(new Date(t));

  const started = new Set(input.conversations.map((c) => c.conversationId));
  for (const c of input.conversations) dayOf(c.createdAt).conversations++;
  const escalated = new Set<string>();
  const takenOver = new Set<string>();
  const reasons = new Map<string, number>();
  const waits: number[] = [];
  for (const e of input.escalations) {
    dayOf(e.createdAt).escalations++;
    escalated.add(e.conversationId);
    if (e.takenAt) {
      takenOver.add(e.conversationId);
      waits.push((e.takenAt.getTime() - e.createdAt.getTime()) / 1000);
    }
    const kind = reasonKind(e.reason);
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }

  const waitingSince = new Map<string, number>();
  const answered = new Set<string>();
  const firstResponses: number[] = [];
  let toolCalls = 0;
  let toolErrors = 0;
  const { inputPerMillion, outputPerMillion } = input.prices;
  for (const m of input.messages) {
    if (
      m.role === 'customer' &&
      !answered.has(m.conversationId) &&
      !waitingSince.has(m.conversationId)
    )
      waitingSince.set(m.conversationId, m.createdAt.getTime());
    if ((m.role === 'bot' || m.role === 'staff') && !answered.has(m.conversationId)) {
      const since = waitingSince.get(m.conversationId);
      if (since !== undefined) {
        answered.add(m.conversationId);
        firstResponses.push((m.createdAt.getTime() - since) / 1000);
      }
    }
    if (m.role !== 'bot' || !m.data) continue;
    const calls = m.data.toolCalls;
    toolCalls += calls.length;
    toolErrors += calls.filter((c) => c.error === 'temporary_problem').length;
    const { usage } = m.data;
    if (m.data.engine === 'llm' && usage) {
      const day = dayOf(m.createdAt);
      day.llmInputTokens += usage.inputTokens;
      day.llmOutputTokens += usage.outputTokens;
      day.llmCostUsd +=
        (usage.inputTokens * inputPerMillion + usage.outputTokens * outputPerMillion) / 1e6;
    }
  }

  const total = started.size;
  const firstResponse = median(firstResponses);
  const personWait = median(waits);
  return {
    from: input.from.toISOString(),
    conversations: total,
    containmentRate: total
      ? round(1 - [...takenOver].filter((c) => started.has(c)).length / total, 4)
      : null,
    escalationRate: total
      ? round([...escalated].filter((c) => started.has(c)).length / total, 4)
      : null,
    escalationReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count),
    medianFirstResponseSeconds: firstResponse === null ? null : round(firstResponse, 2),
    medianWaitForPersonSeconds: personWait === null ? null : round(personWait, 1),
    toolCalls,
    toolErrors,
    toolErrorRate: toolCalls ? round(toolErrors / toolCalls, 4) : null,
    days: [...days.values()]
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((d) => ({ ...d, llmCostUsd: round(d.llmCostUsd, 4) })),
    truncated: input.messages.length >= MAX_MESSAGES,
  };
}

export type Metrics = ReturnType<typeof computeMetrics>;

/** The figures for the last `days` days, read from the ports. */
export async function readMetrics(
  ports: Ports,
  days: number,
  prices: TokenPrices,
  now: Date,
): Promise<Metrics> {
  const from = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY_MS,
  );
  const [conversations, escalations, messages] = await Promise.all([
    ports.conversations.startedSince(from),
    ports.escalations.openedSince(from),
    ports.messages.forMetrics(from, MAX_MESSAGES),
  ]);
  return computeMetrics({ from, to: now, conversations, escalations, messages, prices });
}
