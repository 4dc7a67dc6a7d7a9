/**
 * How a customer proves who they are: an e-mail address with one of their order numbers, an
 * e-mail address alone, or their name with the postal code of their default address.
 */
export const VERIFY_FACTORS = ['email+order', 'email', 'name+zip'] as const;
export type VerifyFactor = (typeof VERIFY_FACTORS)[number];

/** The retailer's rules for what customers may do through Concierge. */
export interface RetailPolicy {
  /** Any one of these verifies a customer. */
  verifyWith: readonly VerifyFactor[];
  /** Delivered items can be returned or exchanged for this many days. */
  returnWindowDays: number;
}

export const DEFAULT_RETAIL_POLICY: RetailPolicy = {
  verifyWith: ['email+order'],
  returnWindowDays: 30,
};
