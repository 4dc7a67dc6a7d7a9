export type StaffRole = 'agent' | 'admin';

export interface StaffUser {
  username: string;
  displayName: string;
  /** A slow hash (scrypt) in PHC-like form; the password itself is never stored. */
  passwordHash: string;
  role: StaffRole;
  createdAt: Date;
  disabled: boolean;
  /** Their Slack user id, so their actions in the Slack staff channel are theirs. */
  slackUserId?: string | null;
}

/** Who does something in the console or the Slack staff channel. */
export interface StaffMember {
  username: string;
  role: StaffRole;
  /** The name the customer is told; null when unknown (then "someone from our team"). */
  displayName?: string | null;
}

/** A signed-in staff member. */
export interface StaffSession {
  username: string;
  role: StaffRole;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** One staff action: who did what, when, to which conversation. Append-only. */
export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  conversationId: string | null;
  details: Record<string, string | number | boolean | null>;
}
