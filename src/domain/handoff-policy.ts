import type { BusinessHours } from './business-hours.js';

/** When a request needs a person rather than the bot. */
export interface HandoffPolicy {
  /** When staff are at work; null means always. */
  businessHours: BusinessHours | null;
  /** Returns worth more than this go to a person. */
  refundApprovalLimitCents: number;
}

export const DEFAULT_HANDOFF_POLICY: HandoffPolicy = {
  businessHours: null,
  refundApprovalLimitCents: 25_000,
};
