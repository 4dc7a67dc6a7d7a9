import type { Channel } from '../domain/channel.js';
import type { InboundEvent } from '../domain/messaging.js';

/** Per channel, how long after a message the turn waits for another (0 or absent: none). */
export type BurstDebounce = Partial<Record<Channel, number>>;

/**
 * The oldest pending message and those that followed it each within its channel's debounce:
 * what one turn answers. Events are in arrival order.
 */
export function burstOf(
  pending: readonly InboundEvent[],
  debounce: BurstDebounce = {},
): { events: InboundEvent[]; debounceMs: number } {
  const [first, ...rest] = pending;
  if (!first) return { events: [], debounceMs: 0 };
  const debounceMs = debounce[first.channel] ?? 0;
  const events = [first];
  if (debounceMs <= 0) return { events, debounceMs };
  for (const event of rest) {
    const previous = events.at(-1) ?? first;
    if (event.receivedAt.getTime() - previous.receivedAt.getTime() > debounceMs) break;
    events.push(event);
  }
  return { events, debounceMs };
}
