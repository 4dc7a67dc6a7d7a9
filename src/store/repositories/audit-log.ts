import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../collection-spec.js';

/** One staff action: who did what, when, to which conversation. Append-only. */
export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  conversationId: string | null;
  details: Record<string, string | number | boolean | null>;
}

export const auditLogSpec: CollectionSpec = {
  name: 'audit_log',
  indexes: [
    { key: { at: -1 }, name: 'recent' },
    { key: { actor: 1, at: -1 }, name: 'actor_recent' },
  ],
};

export class AuditLogRepository {
  constructor(private readonly collection: Collection<AuditEntry>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.collection.insertOne({ ...entry });
  }

  /** Newest first. */
  recent(limit = 100): Promise<AuditEntry[]> {
    return this.collection
      .find({}, { projection: { _id: 0 } })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
  }
}
