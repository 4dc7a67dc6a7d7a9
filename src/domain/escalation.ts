import type { HandoffReason } from './insights.js';

export const ESCALATION_STATUSES = ['open', 'taken', 'closed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export type EscalationPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface EscalatedOrder {
  orderNumber: string;
  status: string;
  totalCents: number;
  currency: string;
  placedAt: Date;
}

/** A request for a person, with what staff need to act at once. */
export interface Escalation {
  escalationId: string;
  conversationId: string;
  reason: string;
  /** The reason's category, for the Insights view; older escalations have none. */
  category?: HandoffReason;
  /** 0 = urgent ... 3 = low, so an ascending sort puts the most pressing first. */
  priorityRank: number;
  priority: EscalationPriority;
  summary: string;
  /** The verified customer when there is one, with their latest orders at escalation time. */
  customerId: string | null;
  recentOrders: EscalatedOrder[];
  status: EscalationStatus;
  createdAt: Date;
  /** The escalation's thread in the Slack staff channel, once posted there. */
  staffThread?: { channel: string; ts: string } | null;
  takenBy: string | null;
  takenAt: Date | null;
  closedAt: Date | null;
}

/** 0 = urgent ... 3 = low. */
const PRIORITY_RANK: Record<EscalationPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** An escalation as it opens: queued, nobody on it yet. */
export function openedEscalation(
  request: NewEscalation,
  escalationId: string,
  at: Date,
): Escalation {
  return {
    ...request,
    escalationId,
    priorityRank: PRIORITY_RANK[request.priority],
    status: 'open',
    createdAt: at,
    takenBy: null,
    takenAt: null,
    closedAt: null,
  };
}

export interface NewEscalation {
  conversationId: string;
  reason: string;
  /** Classified from `reason` when not given. */
  category?: HandoffReason;
  priority: EscalationPriority;
  summary: string;
  customerId: string | null;
  recentOrders: EscalatedOrder[];
}
