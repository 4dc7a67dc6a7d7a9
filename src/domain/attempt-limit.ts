/** How many attempts of something one key (a target e-mail, a client) may make, and how fast. */
export interface AttemptPolicy {
  /** At most this many attempts in any window of `windowMs`, whatever the spacing. */
  max: number;
  windowMs: number;
  /** Attempts allowed back to back before the delays start. */
  free: number;
  /** The wait after the first attempt past `free`; it doubles with each one after. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Identity checks: a target e-mail gets at most 10 guesses a day, however many sessions ask. */
export const VERIFY_PER_EMAIL: AttemptPolicy = {
  max: 10,
  windowMs: 24 * 3_600_000,
  free: 3,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
};

/** Identity checks from one client (a web address, or a platform user), across its sessions. */
export const VERIFY_PER_CLIENT: AttemptPolicy = {
  max: 20,
  windowMs: 24 * 3_600_000,
  free: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
};

/**
 * Staff sign-in per (username, address): failures slow the next try down, never lock the
 * account for everyone (the right password from elsewhere is not delayed).
 */
export const SIGN_IN_PER_USER_AND_ADDRESS: AttemptPolicy = {
  max: 1000,
  windowMs: 3_600_000,
  free: 5,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
};

/** Staff sign-in failures from one address, whatever the usernames it tries. */
export const SIGN_IN_PER_ADDRESS: AttemptPolicy = {
  max: 1000,
  windowMs: 3_600_000,
  free: 20,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
};

/**
 * When the next attempt is allowed, from the times of the key's latest attempts (at least
 * its newest `max`, any order); null when it is allowed now.
 */
export function nextAttemptAt(
  attempts: readonly Date[],
  policy: AttemptPolicy,
  now: Date,
): Date | null {
  const recent = attempts
    .map((at) => at.getTime())
    .filter((at) => now.getTime() - at < policy.windowMs)
    .sort((a, b) => b - a);
  const full = recent[policy.max - 1];
  if (full !== undefined) return new Date(full + policy.windowMs);
  const [newest] = recent;
  if (newest === undefined || recent.length < policy.free) return null;
  const delay = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** (recent.length - policy.free),
  );
  return newest + delay > now.getTime() ? new Date(newest + delay) : null;
}

/** The latest of some waits (null for "now"); null when none of them waits. */
export function latestOf(waits: readonly (Date | null)[]): Date | null {
  const times = waits.filter((wait): wait is Date => wait !== null).map((w) => w.getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}
