/** Before which dates each kind of record is deleted by the retention job. */
export interface RetentionCutoffs {
  /** Answered inbound events, sent or failed outbox entries, claims, attempts. */
  operational: Date;
  /**
   * Lease epochs behind their conversation's head that ended before it. Only a worker stalled
   * since could take such a number again, and the unique ids of replies stop it from storing
   * a second one even then.
   */
  leases: Date;
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
