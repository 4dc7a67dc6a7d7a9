/** One event fanned out to every process: the console's feed, a web chat's live replies. */
export interface BroadcastRecord {
  id: string;
  /** The process that published it (which has delivered it to its own listeners already). */
  origin: string;
  topic: string;
  payload: unknown;
  at: Date;
}

/** Events every process tails (by polling), kept for minutes, not for the record. */
export interface Broadcasts {
  append(records: readonly Omit<BroadcastRecord, 'id'>[]): Promise<void>;
  /** Records stamped after `after`, oldest first. */
  since(after: Date, limit: number): Promise<BroadcastRecord[]>;
  /** Deletes records stamped before `before`; how many went. */
  prune(before: Date): Promise<number>;
}
