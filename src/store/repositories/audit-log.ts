import type { Collection } from 'mongodb';
import type { AuditEntry } from '../../domain/staff.js';
import type { AuditLog } from '../../ports/staff.js';
import type { CollectionSpec } from '../collection-spec.js';

export const auditLogSpec: CollectionSpec = {
  name: 'audit_log',
  indexes: [
    { key: { at: -1 }, name: 'recent' },
    { key: { actor: 1, at: -1 }, name: 'actor_recent' },
  ],
};

export class AuditLogRepository implements AuditLog {
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
