import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { StaffSession } from '../../domain/staff.js';
import type { StaffSessions } from '../../ports/staff.js';
import type { CollectionSpec } from '../collection-spec.js';

export const staffSessionsSpec: CollectionSpec = { name: 'staff_sessions', indexes: [] };

const idOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export class StaffSessionsRepository implements StaffSessions {
  constructor(private readonly collection: Collection<StaffSession & { _id: string }>) {}

  async create(token: string, session: StaffSession): Promise<void> {
    await this.collection.insertOne({ _id: idOf(token), ...session });
  }

  /** The session for a token, when it exists and has not expired. */
  async find(token: string, now: Date): Promise<StaffSession | null> {
    const found = await this.collection.findOne({ _id: idOf(token) }, { projection: { _id: 0 } });
    return found && found.expiresAt > now ? found : null;
  }

  async delete(token: string): Promise<void> {
    await this.collection.deleteOne({ _id: idOf(token) });
  }
}
