import type { Channel } from '../domain/channel.js';
import type { Escalation, NewEscalation } from '../domain/escalation.js';
import type { AuditEntry, StaffSession, StaffUser } from '../domain/staff.js';

/** Requests for a person, queued by priority and waiting time. */
export interface Escalations {
  open(request: NewEscalation, at: Date): Promise<Escalation>;
  listOpen(limit?: number): Promise<Escalation[]>;
  findById(escalationId: string): Promise<Escalation | null>;
  /** The conversation's escalation that is not closed, if any. */
  findActive(conversationId: string): Promise<Escalation | null>;
  /** The conversation's latest escalation, whatever its status (closed by a hand-back too). */
  latestOf(conversationId: string): Promise<Escalation | null>;
  close(escalationId: string, at: Date): Promise<void>;
  /** True for the one staff member who took it. */
  take(escalationId: string, staffUser: string, at: Date): Promise<boolean>;
  setStaffThread(escalationId: string, channel: string, ts: string): Promise<void>;
  findByStaffThread(channel: string, ts: string): Promise<Escalation | null>;
  openedSince(from: Date): Promise<Omit<Escalation, 'summary' | 'recentOrders'>[]>;
  /** Open escalations nobody took, created before `before`. */
  listUnattended(before: Date, limit?: number): Promise<Escalation[]>;
  /** True once per escalation: the customer is told nobody is free yet. */
  claimUnattendedNotice(escalationId: string, at: Date): Promise<boolean>;
}

export interface StaffDirectory {
  create(user: StaffUser): Promise<boolean>;
  findByUsername(username: string): Promise<StaffUser | null>;
  findBySlackUser(slackUserId: string): Promise<StaffUser | null>;
}

export interface StaffSessions {
  create(token: string, session: StaffSession): Promise<void>;
  find(token: string, now: Date): Promise<StaffSession | null>;
  delete(token: string): Promise<void>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  recent(limit?: number): Promise<AuditEntry[]>;
}

/** How to reach a conversation again later, in the platform's own terms. */
export interface DeliveryAddresses {
  save(
    channel: Channel,
    conversationKey: string,
    address: Record<string, unknown>,
    at: Date,
  ): Promise<void>;
  find(channel: Channel, conversationKey: string): Promise<Record<string, unknown> | null>;
}
