import type { Collection } from 'mongodb';
import type { StaffUser } from '../../domain/staff.js';
import type { StaffDirectory } from '../../ports/staff.js';
import type { CollectionSpec } from '../collection-spec.js';
import { isDuplicateKeyError } from './duplicate-key.js';

export const staffUsersSpec: CollectionSpec = {
  name: 'staff_users',
  indexes: [{ key: { username: 1 }, name: 'username_unique', unique: true }],
};

export class StaffUsersRepository implements StaffDirectory {
  constructor(private readonly collection: Collection<StaffUser>) {}

  /** False when the username is taken. */
  async create(user: StaffUser): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...user });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  findByUsername(username: string): Promise<StaffUser | null> {
    return this.collection.findOne({ username }, { projection: { _id: 0 } });
  }

  findBySlackUser(slackUserId: string): Promise<StaffUser | null> {
    return this.collection.findOne({ slackUserId }, { projection: { _id: 0 } });
  }
}
