import type { Logger } from '../logger.js';
import type { DataLifecycle, RetentionCutoffs } from '../ports/lifecycle.js';

const DAY_MS = 24 * 60 * 60_000;
/** Live events between processes are kept this long at most (the relay prunes sooner). */
const BROADCAST_KEEP_MS = 10 * 60_000;
/** Lease epochs behind their head are kept this long after they ended. */
const LEASE_KEEP_MS = 60 * 60_000;

export interface RetentionPolicy {
  /** Answered events, sent replies, claims and attempts. */
  operationalDays: number;
  /** Messages (and conversations silent as long); null keeps them. */
  transcriptDays: number | null;
}

function cutoffsFor(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    operational: ago(policy.operationalDays * DAY_MS),
    leases: ago(LEASE_KEEP_MS),
    broadcasts: ago(BROADCAST_KEEP_MS),
    expired: now,
    transcripts: policy.transcriptDays === null ? null : ago(policy.transcriptDays * DAY_MS),
  };
}

/**
 * One pass of the retention job: deletes what has outlived its window, and logs how much went.
 * Every process runs it (the deletes are idempotent), so it needs no coordinator.
 */
export async function pruneExpired(
  lifecycle: DataLifecycle,
  policy: RetentionPolicy,
  logger: Logger,
  now: Date,
): Promise<number> {
  const counts = await lifecycle.prune(cutoffsFor(policy, now));
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total > 0) logger.info({ deleted: counts }, 'retention: deleted records past their window');
  return total;
}
