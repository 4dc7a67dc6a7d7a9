import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { type Escalation, type NewEscalation, openedEscalation } from '../../domain/escalation.js';
import type { Claims } from '../../ports/messaging.js';
import type { Escalations } from '../../ports/staff.js';
import type { CollectionSpec } from '../collection-spec.js';

export const escalationsSpec: CollectionSpec = {
  name: 'escalations',
  indexes: [
    { key: { escalationId: 1 }, name: 'escalationId_unique', unique: true },
    { key: { status: 1, priorityRank: 1, createdAt: 1 }, name: 'queue' },
    { key: { conversationId: 1 }, name: 'conversationId' },
    { key: { 'staffThread.ts': 1 }, name: 'staffThread' },
  ],
};

export class EscalationsRepository implements Escalations {
  constructor(
    private readonly collection: Collection<Escalation>,
    private readonly claims: Claims,
  ) {}

  async open(request: NewEscalation, at: Date): Promise<Escalation> {
    const escalation = openedEscalation(request, randomUUID(), at);
    await this.collection.insertOne({ ...escalation });
    return escalation;
  }

  /** The queue: most pressing first, then longest waiting. */
  listOpen(limit = 100): Promise<Escalation[]> {
    return this.collection
      .find({ status: 'open' }, { projection: { _id: 0 } })
      .sort({ priorityRank: 1, createdAt: 1 })
      .limit(limit)
      .toArray();
  }

  findById(escalationId: string): Promise<Escalation | null> {
    return this.collection.findOne({ escalationId }, { projection: { _id: 0 } });
  }

  /** The conversation's escalation that is still open or taken, if any. */
  findActive(conversationId: string): Promise<Escalation | null> {
    return this.collection.findOne(
      { conversationId, status: { $in: ['open', 'taken'] } },
      { projection: { _id: 0 } },
    );
  }

  async latestOf(conversationId: string): Promise<Escalation | null> {
    const [latest] = await this.collection
      .find({ conversationId }, { projection: { _id: 0 } })
      .sort({ createdAt: -1 })
      .limit(1)
      .toArray();
    return latest ?? null;
  }

  async close(escalationId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ escalationId }, { $set: { status: 'closed', closedAt: at } });
  }

  async setStaffThread(escalationId: string, channel: string, ts: string): Promise<void> {
    await this.collection.updateOne({ escalationId }, { $set: { staffThread: { channel, ts } } });
  }

  findByStaffThread(channel: string, ts: string): Promise<Escalation | null> {
    return this.collection.findOne(
      { 'staffThread.channel': channel, 'staffThread.ts': ts },
      { projection: { _id: 0 } },
    );
  }

  /** Escalations opened since `from`: what the metrics count. */
  openedSince(from: Date): Promise<Omit<Escalation, 'summary' | 'recentOrders'>[]> {
    return this.collection
      .find({ createdAt: { $gte: from } }, { projection: { _id: 0, summary: 0, recentOrders: 0 } })
      .toArray();
  }

  /** Open escalations nobody has taken since before `before`, oldest first. */
  listUnattended(before: Date, limit = 100): Promise<Escalation[]> {
    return this.collection
      .find({ status: 'open', createdAt: { $lte: before } }, { projection: { _id: 0 } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** True once per escalation: for the one caller that tells the customer nobody is free yet. */
  claimUnattendedNotice(escalationId: string, at: Date): Promise<boolean> {
    return this.claims.claim(`escalation:${escalationId}:unattended`, 'concierge', at);
  }

  /** Exactly one of several staff taking the same escalation at once wins. */
  async take(escalationId: string, staffUser: string, at: Date): Promise<boolean> {
    const current = await this.collection.findOne({ escalationId });
    if (current?.status !== 'open') return false;
    if (!(await this.claims.claim(`escalation:${escalationId}:taken`, staffUser, at))) return false;
    await this.collection.updateOne(
      { escalationId },
      { $set: { status: 'taken', takenBy: staffUser, takenAt: at } },
    );
    return true;
  }
}
