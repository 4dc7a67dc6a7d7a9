import { z } from 'zod';
import { issueLines, wholeNumber } from '../../env-values.js';

/**
 * Shopify's variables. All four of shop, token and webhook secret together choose the Shopify
 * backend; none of them keeps the built-in MongoDB shop.
 */
const shopifyEnv = z.object({
  SHOPIFY_SHOP: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/,
      "expected the shop's domain, such as name.myshopify.com",
    )
    .optional(),
  SHOPIFY_ADMIN_TOKEN: z.string().min(1).optional(),
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'expected a version such as 2026-10')
    .default('2026-10'),
  SHOPIFY_WEBHOOK_SECRET: z.string().min(1).optional(),
  SHOPIFY_API_URL: z
    .url({
      error: 'expected the origin the Admin API is reached at, such as https://name.myshopify.com',
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  SHOPIFY_RECONCILE_MINUTES: wholeNumber.default(10),
});

export const SHOPIFY_VARIABLES = Object.keys(shopifyEnv.shape);

export interface ShopifyConfig {
  shop: string;
  adminToken: string;
  apiVersion: string;
  webhookSecret: string;
  /** Where the Admin API is reached: the shop itself, or a proxy (and the tests' fake). */
  apiUrl: string;
  reconcileEveryMs: number;
}

/** The Shopify backend's configuration, null when it is not chosen, or what is wrong. */
export function readShopifyConfig(env: Record<string, string>): {
  config: ShopifyConfig | null;
  issues: string[];
} {
  const result = shopifyEnv.safeParse(env);
  if (!result.success) return { config: null, issues: issueLines(result.error) };
  const e = result.data;
  const given = [e.SHOPIFY_SHOP, e.SHOPIFY_ADMIN_TOKEN, e.SHOPIFY_WEBHOOK_SECRET];
  if (given.every((v) => v === undefined)) return { config: null, issues: [] };
  if (!e.SHOPIFY_SHOP || !e.SHOPIFY_ADMIN_TOKEN || !e.SHOPIFY_WEBHOOK_SECRET) {
    const missing = (
      [
        ['SHOPIFY_SHOP', e.SHOPIFY_SHOP],
        ['SHOPIFY_ADMIN_TOKEN', e.SHOPIFY_ADMIN_TOKEN],
        ['SHOPIFY_WEBHOOK_SECRET', e.SHOPIFY_WEBHOOK_SECRET],
      ] as const
    ).filter(([, value]) => !value);
    return {
      config: null,
      issues: missing.map(
        ([name]) => `${name}: required with the other Shopify variables (shop, token, secret)`,
      ),
    };
  }
  return {
    config: {
      shop: e.SHOPIFY_SHOP,
      adminToken: e.SHOPIFY_ADMIN_TOKEN,
      apiVersion: e.SHOPIFY_API_VERSION,
      webhookSecret: e.SHOPIFY_WEBHOOK_SECRET,
      apiUrl: e.SHOPIFY_API_URL ?? `https://${e.SHOPIFY_SHOP}`,
      reconcileEveryMs: e.SHOPIFY_RECONCILE_MINUTES * 60_000,
    },
    issues: [],
  };
}
