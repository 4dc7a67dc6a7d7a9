export type EscalationStatus = 'open' | 'taken' | 'closed';
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

export interface NewEscalation {
  conversationId: string;
  reason: string;
  priority: EscalationPriority;
  summary: string;
  customerId: string | null;
  recentOrders: EscalatedOrder[];
}
