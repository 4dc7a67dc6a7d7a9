import type { Collection } from 'mongodb';
import type { LeaseGrant, Leases } from '../../ports/leases.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce } from './duplicate-key.js';

/** One epoch of a conversation's lease: `_id` is `<conversationId>#<epoch>`. */
interface EpochDoc {
  _id: string;
  conversationId: string;
  epoch: number;
  worker: string;
  /** When the epoch was taken: a reply stored under it is older than the next one's. */
  takenAt: Date;
  expiresAt: Date;
}

/** Where to start looking for a conversation's latest epoch (never ahead of it). */
interface HeadDoc {
  _id: string;
  epoch: number;
}

export const leasesSpec: CollectionSpec = {
  name: 'leases',
  indexes: [{ key: { expiresAt: 1 }, name: 'expires' }],
};
export const leaseHeadsSpec: CollectionSpec = { name: 'lease_heads', indexes: [] };

/** Epochs walked at most in one claim (the head is moved every HEAD_EVERY epochs). */
const MAX_WALK = 1_000;
/** A holder moves the head this often while it holds, so a crash leaves it this close. */
const HEAD_EVERY = 16;

function epochId(conversationId: string, epoch: number): string {
  return `${conversationId}#${epoch}`;
}

/**
 * Leases as a log of epochs, each a document inserted once. A conditional update would be
 * simpler but is not atomic on FerretDB 1.24 (it checks the filter and writes in two steps),
 * so two workers could both "win"; a unique `_id` has exactly one winner on every server.
 * `lease_heads` remembers the latest epoch seen so a claim reads one or two documents by
 * `_id`, whatever the conversation's length; it may lag (a crash before it is written, a
 * race), never lead, and the walk from it finds the true latest.
 */
export class LeasesRepository implements Leases {
  /** This process's latest known epoch per conversation: saves reading the head. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly epochs: Collection<EpochDoc>,
    private readonly heads: Collection<HeadDoc>,
  ) {}

  async acquire(
    conversationId: string,
    worker: string,
    at: Date,
    ttlMs: number,
  ): Promise<LeaseGrant | null> {
    let epoch = await this.startingEpoch(conversationId);
    for (let step = 0; step < MAX_WALK; step++) {
      const current =
        epoch > 0 ? await this.epochs.findOne({ _id: epochId(conversationId, epoch) }) : null;
      if (epoch > 0 && !current) {
        // Pruned behind the head (this process's memory was behind it): start from the head,
        // so no number is taken twice.
        const head = await this.readHead(conversationId);
        if (head !== epoch) {
          epoch = head;
          continue;
        }
      }
      if (current && current.expiresAt > at && current.worker !== worker) {
        // Held, unless the head lags and a later epoch exists.
        const later = await this.epochs.findOne(
          { _id: epochId(conversationId, epoch + 1) },
          { projection: { _id: 1 } },
        );
        if (!later) return null;
        epoch += 1;
        continue;
      }
      // The head is moved on release: until then it lags by the epochs of one holding.
      const grant = await this.take(conversationId, worker, epoch + 1, at, ttlMs);
      if (grant) return grant;
      epoch += 1;
    }
    return null;
  }

  async advance(grant: LeaseGrant, at: Date, ttlMs: number): Promise<LeaseGrant | null> {
    const next = await this.take(grant.conversationId, grant.worker, grant.epoch + 1, at, ttlMs);
    if (next && next.epoch % HEAD_EVERY === 0) await this.moveHead(next);
    return next;
  }

  async renew(grant: LeaseGrant, at: Date, ttlMs: number): Promise<boolean> {
    await this.epochs.updateOne(
      { _id: epochId(grant.conversationId, grant.epoch) },
      { $set: { expiresAt: new Date(at.getTime() + ttlMs) } },
    );
    return this.current(grant);
  }

  async current(grant: LeaseGrant): Promise<boolean> {
    const later = await this.epochs.findOne(
      { _id: epochId(grant.conversationId, grant.epoch + 1) },
      { projection: { _id: 1 } },
    );
    return later === null;
  }

  async release(grant: LeaseGrant, at: Date): Promise<void> {
    await this.epochs.updateOne(
      { _id: epochId(grant.conversationId, grant.epoch), worker: grant.worker },
      { $set: { expiresAt: at } },
    );
    await this.moveHead(grant);
  }

  private async moveHead(grant: LeaseGrant): Promise<void> {
    await this.heads.updateOne(
      { _id: grant.conversationId },
      { $max: { epoch: grant.epoch } },
      { upsert: true },
    );
  }

  /**
   * Deletes epochs that ended before `before` and are behind their conversation's head, which
   * is kept (a claim walks from it, so no number behind it can be taken again). Returns how
   * many went.
   */
  async prune(before: Date, limit: number): Promise<number> {
    const old = await this.epochs
      .find({ expiresAt: { $lt: before } }, { projection: { conversationId: 1, epoch: 1 } })
      .limit(limit)
      .toArray();
    const byConversation = new Map<string, EpochDoc[]>();
    for (const doc of old)
      byConversation.set(doc.conversationId, [
        ...(byConversation.get(doc.conversationId) ?? []),
        doc,
      ]);
    let deleted = 0;
    for (const [conversationId, docs] of byConversation) {
      const head = await this.heads.findOne({ _id: conversationId });
      const behind = docs.filter((d) => head && d.epoch < head.epoch).map((d) => d._id);
      if (behind.length === 0) continue;
      deleted += (await this.epochs.deleteMany({ _id: { $in: behind } })).deletedCount;
    }
    return deleted;
  }

  /** Forgets a conversation's leases (its erasure). */
  async forget(conversationId: string): Promise<void> {
    await this.epochs.deleteMany({ conversationId });
    await this.heads.deleteOne({ _id: conversationId });
    this.known.delete(conversationId);
  }

  private async startingEpoch(conversationId: string): Promise<number> {
    const known = this.known.get(conversationId);
    if (known !== undefined) return known;
    return this.readHead(conversationId);
  }

  private async readHead(conversationId: string): Promise<number> {
    return (await this.heads.findOne({ _id: conversationId }))?.epoch ?? 0;
  }

  private async take(
    conversationId: string,
    worker: string,
    epoch: number,
    at: Date,
    ttlMs: number,
  ): Promise<LeaseGrant | null> {
    const expiresAt = new Date(at.getTime() + ttlMs);
    const taken = await insertOnce(this.epochs, {
      _id: epochId(conversationId, epoch),
      conversationId,
      epoch,
      worker,
      takenAt: at,
      expiresAt,
    });
    if (taken === 'duplicate') return null;
    if (this.known.size > 10_000) this.known.clear();
    this.known.set(conversationId, epoch);
    return { conversationId, worker, epoch, expiresAt };
  }
}
