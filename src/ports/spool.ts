import type { InboundEvent } from '../domain/messaging.js';

/** An inbound event as the spool keeps it: what the inbox would have stored. */
export type SpooledEvent = Omit<InboundEvent, 'processedAt'>;

export type SpoolAppendResult = 'spooled' | 'duplicate' | 'full';

/**
 * Where inbound events wait, durably, while the database cannot take them: in arrival order,
 * each kept before `append` resolves, moved to the inbox oldest first.
 */
export interface Spool {
  /** Events waiting to be moved to the inbox. */
  readonly size: number;
  /** `duplicate` when an event with this key waits already (a platform's retry). */
  append(event: SpooledEvent): Promise<SpoolAppendResult>;
  /** Whether the event waits here (or is being written). */
  has(eventKey: string): boolean;
  /** Whether events of this thread (one conversation key on one channel) wait here. */
  holdsThread(event: Pick<SpooledEvent, 'channel' | 'conversationKey'>): boolean;
  /** The waiting events, oldest first. */
  pending(): SpooledEvent[];
  /** Forgets an event, once the inbox has it. */
  remove(eventKey: string): Promise<void>;
  close(): Promise<void>;
}
