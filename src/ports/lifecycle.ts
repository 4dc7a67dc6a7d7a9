/** Before which dates each kind of record is deleted by the retention job. */
export interface RetentionCutoffs {
  /** Answered inbound events, sent or failed outbox entries, claims, lease epochs, attempts. */
  operational: Date;
  /** Live events between processes (they are of no use after minutes). */
  broadcasts: Date;
  /** Staff sessions and rate-limit windows that ended before it. */
  expired: Date;
  /** Messages, and conversations silent since; null keeps transcripts. */
  transcripts: Date | null;
}

/** How many documents went, per collection. */
export type Counts = Record<string, number>;

/** Everything held about one customer, as JSON for them to take away. */
export interface CustomerExport {
  exportedAt: string;
  customerId: string;
  /** Collection name -> the documents of it that are about the customer. */
  records: Record<string, unknown[]>;
}

/** Keeping data no longer than it is needed, and a customer's rights over theirs. */
export interface DataLifecycle {
  prune(cutoffs: RetentionCutoffs): Promise<Counts>;
  /** The id of the customer with this id or e-mail address; null when there is none. */
  findCustomer(idOrEmail: string): Promise<string | null>;
  /** Null when no customer has this id. */
  exportCustomer(customerId: string, at: Date): Promise<CustomerExport | null>;
  /**
   * Redacts the customer's transcripts, deletes their profile facts and platform links, and
   * keeps their orders without contact details. Null when no customer has this id.
   */
  eraseCustomer(customerId: string, at: Date): Promise<Counts | null>;
}
